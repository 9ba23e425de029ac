// One sample of the Pyodide runtime's own start-up, in a fresh Node process: Pyodide is loaded
// first (not measured), then the runtime's files are written to Pyodide's file system and
// `polyglot_runtime` is imported (measured), as the Pyodide host does. Prints the milliseconds.
//   node runtime-import.mjs --file OLD.py   the one-file runtime (a module of one file)
//   node runtime-import.mjs --package DIR   the runtime package (every .py in DIR)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [mode, path] = process.argv.slice(2);
const pyodide = await loadPyodide();
const site = "/polyglot";
pyodide.FS.mkdirTree(`${site}/polyglot_runtime`);
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(site)})`);

const t0 = performance.now();
if (mode === "--file") {
  pyodide.FS.writeFile(`${site}/polyglot_runtime.py`, readFileSync(path, "utf8"));
  pyodide.FS.rmdir(`${site}/polyglot_runtime`);
} else if (mode === "--package") {
  for (const name of readdirSync(path).filter((file) => file.endsWith(".py"))) {
    pyodide.FS.writeFile(`${site}/polyglot_runtime/${name}`, readFileSync(join(path, name), "utf8"));
  }
} else {
  throw new Error("usage: runtime-import.mjs --file OLD.py | --package DIR");
}
pyodide.pyimport("polyglot_runtime");
console.log((performance.now() - t0).toFixed(3));
