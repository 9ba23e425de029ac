// Test wheels made here, with no network: zip files holding METADATA, WHEEL, RECORD and
// top_level.txt. greeter depends on greet-core; record-only has no top_level.txt (its imports
// come from RECORD); a lock file lists greeter and greet-core.
import { strToU8, zipSync } from "fflate";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FixtureWheel {
  file: string;
  bytes: Uint8Array;
}

interface WheelSpec {
  distribution: string; // as in the file name: greet_core
  version: string;
  files: Record<string, string>; // path inside the wheel → text
  requires?: string[]; // Requires-Dist lines' values
  topLevel?: string[]; // omitted: no top_level.txt
}

export function makeWheel(spec: WheelSpec): FixtureWheel {
  const distInfo = `${spec.distribution}-${spec.version}.dist-info`;
  const metadata = [
    "Metadata-Version: 2.1",
    `Name: ${spec.distribution.replace(/_/g, "-")}`,
    `Version: ${spec.version}`,
    ...(spec.requires ?? []).map((line) => `Requires-Dist: ${line}`),
    "",
    "A test package. Requires-Dist: not-a-header (the description is not read)",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    ...spec.files,
    [`${distInfo}/METADATA`]: metadata,
    [`${distInfo}/WHEEL`]: "Wheel-Version: 1.0\nGenerator: polyglot-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  if (spec.topLevel) files[`${distInfo}/top_level.txt`] = spec.topLevel.join("\n") + "\n";
  const record = [...Object.keys(files), `${distInfo}/RECORD`].map((path) => `${path},,`).join("\n") + "\n";
  files[`${distInfo}/RECORD`] = record;
  // A fixed time stamp: the same spec gives the same bytes (a served folder can be rewritten safely).
  const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), { mtime: "2020-01-01" });
  return { file: `${spec.distribution}-${spec.version}-py3-none-any.whl`, bytes: zipped };
}

export const greetCore = (): FixtureWheel =>
  makeWheel({
    distribution: "greet_core",
    version: "1.0",
    topLevel: ["greet_core"],
    files: { "greet_core/__init__.py": "def hello(name):\n    return 'hello ' + name\n" },
  });

export const greeter = (): FixtureWheel =>
  makeWheel({
    distribution: "greeter",
    version: "2.0",
    topLevel: ["greeter"],
    requires: ["greet-core (>=1.0)", "pytest ; extra == 'test'"],
    files: { "greeter/__init__.py": "import greet_core\n\ndef greet(name):\n    return greet_core.hello(name).upper()\n" },
  });

export const recordOnly = (): FixtureWheel =>
  makeWheel({ distribution: "record_only", version: "0.1", files: { "record_only.py": "ANSWER = 42\n" } });

/** Needs a distribution the folder does not hold. */
export const needsAbsent = (): FixtureWheel =>
  makeWheel({ distribution: "needs_absent", version: "1.0", topLevel: ["needs_absent"], requires: ["absent-dist"], files: { "needs_absent.py": "" } });

export function lockFile(wheels: readonly FixtureWheel[]): string {
  const packages: Record<string, unknown> = {};
  for (const [name, imports, depends] of [
    ["greeter", ["greeter"], ["greet-core"]],
    ["greet-core", ["greet_core"], []],
    ["not-in-folder", ["elsewhere"], []],
  ] as const) {
    const file = wheels.find((wheel) => wheel.file.startsWith(name.replace(/-/g, "_") + "-"))?.file ?? `${name}-1.0-py3-none-any.whl`;
    packages[name] = { name, version: "1.0", file_name: file, install_dir: "site", sha256: "", package_type: "package", imports, depends };
  }
  return JSON.stringify({ info: { arch: "wasm32", platform: "emscripten_4_0_9", version: "314.0.7", python: "3.14" }, packages });
}

/** A fresh folder holding the fixture wheels (and the lock file when asked). */
export function writeFixtureFolder(options: { lock?: boolean; extra?: FixtureWheel[]; dir?: string } = {}): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "polyglot-packages-"));
  mkdirSync(dir, { recursive: true });
  const wheels = [greetCore(), greeter(), recordOnly(), ...(options.extra ?? [])];
  for (const wheel of wheels) writeIfChanged(join(dir, wheel.file), wheel.bytes);
  if (options.lock) writeIfChanged(join(dir, "pyodide-lock.json"), strToU8(lockFile(wheels)));
  return dir;
}

/** Leaves a file that already holds these bytes alone (a server may be reading it). */
function writeIfChanged(path: string, bytes: Uint8Array): void {
  if (existsSync(path) && Buffer.compare(readFileSync(path), bytes) === 0) return;
  writeFileSync(path, bytes);
}
