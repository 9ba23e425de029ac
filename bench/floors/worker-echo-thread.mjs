// Runs inside a worker_threads worker: answers each message at once. With
// `pyodide` in workerData it calls math.sqrt through Pyodide itself (a cached
// PyProxy), which is the least any Pyodide-in-a-worker bridge must pay.
import { parentPort, workerData } from "node:worker_threads";

let sqrt = Math.sqrt;
if (workerData?.pyodide) {
  const { loadPyodide } = await import("pyodide");
  const pyodide = await loadPyodide();
  sqrt = pyodide.pyimport("math").sqrt;
}
parentPort.on("message", (message) => {
  parentPort.postMessage({ id: message.id, ok: true, result: sqrt(...message.args) });
});
parentPort.postMessage({ type: "ready" });
