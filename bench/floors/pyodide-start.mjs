// Start-up floor for the Pyodide runtime: a bare Node process that loads
// Pyodide and runs math.floor(1.5), printing 1. With `--snapshot FILE` it
// restores a memory snapshot instead (made first with `--make-snapshot FILE`),
// which is what a snapshot-caching CLI could reach.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [flag, file] = process.argv.slice(2);
if (flag === "--make-snapshot") {
  const pyodide = await loadPyodide({ _makeSnapshot: true });
  pyodide.runPython("import json, math");
  writeFileSync(file, pyodide.makeMemorySnapshot());
} else {
  const options = flag === "--snapshot" ? { _loadSnapshot: readFileSync(file) } : {};
  const pyodide = await loadPyodide(options);
  console.log(pyodide.runPython("import math; math.floor(1.5)"));
}
