// The browser half of section 2: PyodideWorkerTransport against raw Worker
// postMessage echoes, measured in interleaved rounds inside one page.
import { measureCalls } from "../lib/rounds.mjs";

async function startWorkerEcho(query) {
  const url = new URL("./echo-worker.js", import.meta.url);
  url.search = query;
  const worker = new Worker(url, { type: "module" });
  const pending = new Map();
  let nextId = 0;
  await new Promise((resolve, reject) => {
    worker.onerror = (event) => reject(new Error(`echo worker failed: ${event.message}`));
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") return resolve();
      const waiter = pending.get(data.id);
      pending.delete(data.id);
      waiter(data.result);
    };
  });
  return {
    call() {
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, op: "call", args: [2] });
      });
    },
    close: async () => worker.terminate(),
  };
}

async function startBridge() {
  const { PythonBridge } = await import("/src/bridge/index.ts");
  const { PyodideWorkerTransport } = await import("/src/transports/pyodide-worker.ts");
  const bridge = new PythonBridge(new PyodideWorkerTransport());
  const math = bridge.module("math");
  await math.sqrt(2);
  return { call: () => math.sqrt(2), close: () => bridge.close() };
}

const STARTERS = {
  floor: () => startWorkerEcho(""),
  pyodideFloor: () => startWorkerEcho("?pyodide"),
  bridge: startBridge,
};

async function run({ rounds, sequentialCalls, pipelinedCalls }) {
  const started = {};
  const errors = {};
  for (const [name, start] of Object.entries(STARTERS)) {
    try {
      started[name] = await start();
    } catch (error) {
      errors[name] = String(error?.message ?? error);
    }
  }
  const { sequential, pipelined } = await measureCalls(started, { sequentialCalls, pipelinedCalls, rounds });
  return { sequential, pipelined, errors, crossOriginIsolated: self.crossOriginIsolated };
}

window.polyglotBench = { run };
document.getElementById("state").textContent = "ready";
