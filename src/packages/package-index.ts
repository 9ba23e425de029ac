// The package index: which wheel provides which import, and what each one needs installed first.
// Built from a folder's file list, the wheels' own metadata and, optionally, a Pyodide
// distribution's pyodide-lock.json (whose entries say `imports` and `depends` outright, so its
// wheels need not be opened). The Pyodide worker hands the index to Python's finder.
import { normalizeName, type WheelInfo } from "./wheel.js";

export interface PackageEntry {
  name: string;
  version: string;
  file: string;
  imports: string[];
  depends: string[];
  /** Where the lock file says it goes ("site" or "dynlib"); wheels go to site-packages. */
  install_dir: "site" | "dynlib";
  source: "lock" | "wheel";
  /** Itself and everything it needs, dependencies first. */
  order: string[];
  /** Dependencies (direct or not) that the folder does not hold; installing it fails with their names. */
  missing: string[];
}

export interface PackageIndex {
  packages: Record<string, PackageEntry>;
}

/** The part of a pyodide-lock.json entry we use. */
interface LockPackage {
  name?: unknown;
  version?: unknown;
  file_name?: unknown;
  imports?: unknown;
  depends?: unknown;
  install_dir?: unknown;
}

type Unresolved = Omit<PackageEntry, "order" | "missing">;

/** Entries of a lock file whose wheel is among `files`; throws naming the lock's problem. */
export function lockEntries(lockText: string, files: ReadonlySet<string>, where = "pyodide-lock.json"): Unresolved[] {
  let lock: unknown;
  try {
    lock = JSON.parse(lockText);
  } catch (error) {
    throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const packages = (lock as { packages?: unknown } | null)?.packages;
  if (typeof packages !== "object" || packages === null) throw new Error(`${where}: has no "packages" object`);
  const out: Unresolved[] = [];
  for (const [key, value] of Object.entries(packages as Record<string, LockPackage>)) {
    const file = typeof value.file_name === "string" ? value.file_name.slice(value.file_name.lastIndexOf("/") + 1) : undefined;
    if (file === undefined) throw new Error(`${where}: package ${key} has no file_name`);
    if (!files.has(file)) continue; // the folder may hold only part of the distribution
    out.push({
      name: normalizeName(typeof value.name === "string" ? value.name : key),
      version: typeof value.version === "string" ? value.version : "",
      file,
      imports: strings(value.imports),
      depends: strings(value.depends).map(normalizeName),
      install_dir: value.install_dir === "dynlib" ? "dynlib" : "site",
      source: "lock",
    });
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function wheelEntry(wheel: WheelInfo): Unresolved {
  return { name: wheel.name, version: wheel.version, file: wheel.file, imports: wheel.imports, depends: wheel.depends, install_dir: "site", source: "wheel" };
}

/**
 * The index of these entries, each with its install order and missing dependencies. A later
 * entry of the same name replaces an earlier one (a wheel the user adds beats the folder's).
 */
export function buildIndex(entries: readonly Unresolved[]): PackageIndex {
  const byName = new Map<string, Unresolved>();
  for (const entry of entries) byName.set(entry.name, entry);
  const packages: Record<string, PackageEntry> = {};
  for (const [name, entry] of byName) packages[name] = { ...entry, ...resolve(byName, name) };
  return { packages };
}

/** Depth-first, dependencies before dependents; a cycle is cut where it closes (pip does the same). */
export function resolve(available: ReadonlyMap<string, Unresolved>, root: string): { order: string[]; missing: string[] } {
  const order: string[] = [];
  const missing = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = available.get(name);
    if (entry === undefined) {
      missing.add(name);
      return;
    }
    for (const dependency of entry.depends) visit(dependency);
    order.push(name);
  };
  visit(normalizeName(root));
  return { order, missing: [...missing].sort() };
}

/** The package that provides a top-level module, if any ("numpy.linalg" asks for numpy). */
export function providerOf(index: PackageIndex, module: string): PackageEntry | undefined {
  const top = module.split(".")[0]!;
  return Object.values(index.packages).find((entry) => entry.imports.includes(top));
}
