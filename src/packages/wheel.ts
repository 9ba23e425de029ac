// What one wheel says about itself: its distribution name and version (from the file name, PEP 427),
// the modules it provides (top_level.txt, else the top of RECORD, else its file list) and the
// distributions it requires (METADATA's Requires-Dist, leaving out extras).
import { strFromU8, unzipSync } from "fflate";

export interface WheelInfo {
  /** Normalised distribution name (PEP 503): "my-pkg". */
  name: string;
  version: string;
  /** The wheel's file name, e.g. "my_pkg-1.0-py3-none-any.whl". */
  file: string;
  /** Top-level import names, e.g. ["my_pkg"]. */
  imports: string[];
  /** Normalised names of the distributions it needs. */
  depends: string[];
  /** True when every file is pure Python (tag "none-any"): installable in any Pyodide. */
  pure: boolean;
}

/** PEP 503: lower case, runs of "-", "_" and "." become one "-". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

const WHEEL_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-([^-]+)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$/;

/** Name, version and tags from a wheel's file name; throws with the name when it is not one. */
export function parseWheelName(file: string): { name: string; version: string; abi: string; platform: string } {
  const match = WHEEL_NAME.exec(file);
  if (!match) throw new Error(`${file}: not a wheel file name (expected name-version-python-abi-platform.whl)`);
  return { name: normalizeName(match[1]!), version: match[2]!, abi: match[4]!, platform: match[5]! };
}

/** Read a wheel's metadata from its bytes. Errors name the file and what is wrong. */
export function readWheel(file: string, bytes: Uint8Array): WheelInfo {
  const { name, version, abi, platform } = parseWheelName(file);
  let entries: Record<string, Uint8Array>;
  const names: string[] = [];
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        return /^[^/]+\.dist-info\/(METADATA|top_level\.txt|RECORD)$/.test(entry.name);
      },
    });
  } catch (error) {
    throw new Error(`${file}: not a readable zip file (${error instanceof Error ? error.message : String(error)})`);
  }
  const distInfo = (leaf: string): string | undefined => {
    const key = Object.keys(entries).find((path) => path.endsWith(`.dist-info/${leaf}`));
    return key === undefined ? undefined : strFromU8(entries[key]!);
  };
  const metadata = distInfo("METADATA");
  if (metadata === undefined) throw new Error(`${file}: the wheel has no *.dist-info/METADATA`);
  const topLevel = distInfo("top_level.txt");
  const record = distInfo("RECORD");
  const imports = topLevel !== undefined ? lines(topLevel) : topLevelOf(record !== undefined ? lines(record).map((line) => line.split(",")[0]!) : names);
  return { name, version, file, imports: [...new Set(imports)].sort(), depends: requiresDist(metadata), pure: abi === "none" && platform === "any" };
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}

/** Top-level modules from a list of paths: "pkg/x.py" → pkg, "mod.py" → mod, "ext.cpython-312.so" → ext. */
export function topLevelOf(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const [head, ...rest] = path.split("/");
    if (!head || head.endsWith(".dist-info") || head.endsWith(".data")) continue;
    if (rest.length > 0) {
      if (/^[A-Za-z_]\w*$/.test(head)) out.add(head);
    } else {
      const module = /^([A-Za-z_]\w*)(?:\.[^.]+)*\.(py|so|pyd)$/.exec(head);
      if (module) out.add(module[1]!);
    }
  }
  return [...out];
}

/** Requires-Dist lines, without those only an extra needs: "numpy (>=1.2) ; python_version>'3'" → numpy. */
export function requiresDist(metadata: string): string[] {
  const out = new Set<string>();
  for (const line of metadata.split(/\r?\n/)) {
    if (line === "") break; // the headers end at the first empty line; the description follows
    const match = /^Requires-Dist:\s*([A-Za-z0-9][A-Za-z0-9._-]*)(.*)$/i.exec(line);
    if (!match) continue;
    const marker = match[2]!.split(";")[1] ?? "";
    if (/\bextra\s*==/.test(marker)) continue;
    out.add(normalizeName(match[1]!));
  }
  return [...out].sort();
}
