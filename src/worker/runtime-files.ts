// The Python runtime package (py/polyglot_runtime/) as Pyodide receives it: file name → source text.

/** `{"__init__.py": "…", "wire.py": "…", …}`: the package's .py files, by base name. */
export type RuntimeFiles = Readonly<Record<string, string>>;

/** The package's folder name, which is also the module Pyodide imports. */
export const RUNTIME_PACKAGE = "polyglot_runtime";

/** Keys of a glob result (`../../py/polyglot_runtime/wire.py`) become base names (`wire.py`). */
export function byBaseName(files: Readonly<Record<string, string>>): RuntimeFiles {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) out[path.slice(path.lastIndexOf("/") + 1)] = text;
  if (!("__init__.py" in out)) throw new Error(`the ${RUNTIME_PACKAGE} package has no __init__.py (found: ${Object.keys(out).join(", ") || "nothing"})`);
  return out;
}

/** Every file, in name order, framed by name and length: what a snapshot key must cover. */
export function runtimeFingerprintText(files: RuntimeFiles): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${name}\n${files[name]!.length}\n${files[name]}`)
    .join("\n");
}
