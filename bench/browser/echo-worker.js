// The browser floor: a module Worker that answers each message at once, with
// Math.sqrt — or, with ?pyodide, with Pyodide's own math.sqrt (a cached PyProxy).
const usePyodide = new URL(self.location.href).searchParams.has("pyodide");
let sqrt = Math.sqrt;
if (usePyodide) {
  const pyodideUrl = new URL("/pyodide/pyodide.mjs", self.location.origin).href;
  const { loadPyodide } = await import(/* @vite-ignore */ pyodideUrl);
  const pyodide = await loadPyodide({ indexURL: new URL("/pyodide/", self.location.origin).href });
  sqrt = pyodide.pyimport("math").sqrt;
}
self.onmessage = ({ data }) => self.postMessage({ id: data.id, ok: true, result: sqrt(...data.args) });
self.postMessage({ type: "ready" });
