import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
const py = await loadPyodide();
py.FS.writeFile("/home/pyodide/polyglot_runtime.py", readFileSync("/work/main/py/polyglot_runtime.py", "utf8"));
py.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
const rt = py.pyimport("polyglot_runtime");
const handle = rt._runtime.handle_json;
const msg = JSON.stringify({ id: 1, op: "call", target: { module: "math" }, path: ["sqrt"], args: [2] });
console.log(handle(msg));
const sqrt = py.pyimport("math").sqrt;
const loads = py.pyimport("json").loads, dumps = py.pyimport("json").dumps;
for (let r = 0; r < 3; r++) {
  let t = performance.now(); for (let i = 0; i < 5000; i++) handle(msg); const a = (performance.now() - t) / 5;
  t = performance.now(); for (let i = 0; i < 5000; i++) sqrt(2); const b = (performance.now() - t) / 5;
  t = performance.now(); for (let i = 0; i < 5000; i++) py.runPython("1"); const c = (performance.now() - t) / 5;
  console.log(`handle_json ${a.toFixed(1)} us, pyproxy sqrt ${b.toFixed(1)} us, runPython("1") ${c.toFixed(1)} us`);
}
