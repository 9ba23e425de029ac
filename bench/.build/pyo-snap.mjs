import { loadPyodide } from "pyodide";
import { writeFileSync, readFileSync, existsSync } from "node:fs";
const file = "/tmp/pyo.snap";
if (!existsSync(file)) {
  const py = await loadPyodide({ _makeSnapshot: true });
  py.runPython("import json, math");
  writeFileSync(file, py.makeMemorySnapshot());
  console.log("snapshot bytes", readFileSync(file).length);
}
let t = performance.now();
const py2 = await loadPyodide({ _loadSnapshot: readFileSync(file) });
const a = performance.now() - t;
py2.runPython("import math; math.floor(1.5)");
t = performance.now();
await loadPyodide();
console.log(`from snapshot ${a.toFixed(0)} ms, plain ${(performance.now() - t).toFixed(0)} ms`);
