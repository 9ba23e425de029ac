// Runs the in-process Python runtime tests (py/tests, minus the test_stdio_* modules,
// which need a subprocess) under Pyodide's Python, loaded from node_modules/pyodide.
// Usage: node scripts/py-tests-pyodide.mjs   (exit code 0 when every test passes)
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pyDir = join(root, "py");
const testsDir = join(pyDir, "tests");
// The same layout as the repository, so `discover -s py/tests -t .` imports the same names.
const home = "/polyglot";

const testFiles = readdirSync(testsDir).filter((name) => name.endsWith(".py") && !name.startsWith("test_stdio_"));

const pyodide = await loadPyodide({ stdout: (line) => console.log(line), stderr: (line) => console.error(line) });
pyodide.FS.mkdirTree(`${home}/py/tests`);
pyodide.FS.mkdirTree(`${home}/py/polyglot_runtime`);
pyodide.FS.writeFile(`${home}/py/__init__.py`, readFileSync(join(pyDir, "__init__.py")));
for (const name of readdirSync(join(pyDir, "polyglot_runtime")).filter((file) => file.endsWith(".py"))) {
  pyodide.FS.writeFile(`${home}/py/polyglot_runtime/${name}`, readFileSync(join(pyDir, "polyglot_runtime", name)));
}
for (const name of testFiles) {
  pyodide.FS.writeFile(`${home}/py/tests/${name}`, readFileSync(join(testsDir, name)));
}

const passed = pyodide.runPython(`
import os, sys, unittest
os.chdir(${JSON.stringify(home)})
sys.path.insert(0, ${JSON.stringify(home)})
print(f"Python {sys.version.split()[0]} on {sys.platform}")
suite = unittest.defaultTestLoader.discover("py/tests", top_level_dir=".")
result = unittest.TextTestRunner(stream=sys.stderr, verbosity=1).run(suite)
result.wasSuccessful()
`);
process.exit(passed ? 0 : 1);
