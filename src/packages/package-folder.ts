// A package folder on disk (Node: the CLI, NodePyodideTransport, the Vite plugin): its *.whl
// files and optional pyodide-lock.json, read into a package index.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildIndex, lockEntries, wheelEntry, type PackageIndex } from "./package-index.js";
import { readWheel } from "./wheel.js";

export const LOCK_FILE = "pyodide-lock.json";

/** Read DIR's index; throws naming the folder or the file that cannot be used. */
export function readPackageFolder(folder: string): PackageIndex {
  const dir = resolve(folder);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    names = readdirSync(dir);
  } catch (error) {
    throw new Error(`package folder ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const wheels = new Set(names.filter((name) => name.endsWith(".whl")));
  const fromLock = names.includes(LOCK_FILE) ? lockEntries(readFileSync(join(dir, LOCK_FILE), "utf8"), wheels, join(dir, LOCK_FILE)) : [];
  const locked = new Set(fromLock.map((entry) => entry.file));
  const bare = [...wheels].filter((file) => !locked.has(file)).sort();
  return buildIndex([...fromLock, ...bare.map((file) => wheelEntry(readWheel(file, readFileSync(join(dir, file)))))]);
}

/** The wheel's bytes, refusing names that would leave the folder. */
export function readPackageFile(folder: string, file: string): Uint8Array {
  if (file.includes("/") || file.includes("\\") || !file.endsWith(".whl")) throw new Error(`not a wheel in the package folder: ${file}`);
  const buffer = readFileSync(join(resolve(folder), file));
  // A plain Uint8Array: Pyodide does not take Node's Buffer subclass as a buffer.
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
