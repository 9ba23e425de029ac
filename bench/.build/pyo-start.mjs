const t0 = performance.now();
const { loadPyodide } = await import("pyodide");
const t1 = performance.now();
const py = await loadPyodide();
const t2 = performance.now();
py.runPython("import math; math.floor(1.5)");
const t3 = performance.now();
console.log(`import ${(t1-t0).toFixed(0)} ms, loadPyodide ${(t2-t1).toFixed(0)} ms, first run ${(t3-t2).toFixed(0)} ms`);
