// Section 2 (Node): a trivial call through NodePyodideTransport, against a raw
// worker_threads postMessage echo and a raw Pyodide-in-a-worker call.
export const title = "2a. Call latency into a worker thread (Node, Pyodide)";
export const description =
  "`math.sqrt(2)` through `PythonBridge` + `NodePyodideTransport` (Pyodide in a worker_threads worker). " +
  "Floor: a raw postMessage echo that answers with `Math.sqrt` in the worker. Also shown, to split the " +
  "cost: a raw worker that calls Pyodide's `math.sqrt` directly per message (what any Pyodide bridge must pay).";

export async function run({ quick }) {
  const { startAll } = await import("../lib/contestants.mjs");
  const { startWorkerEcho } = await import("../floors/worker-echo.mjs");
  const { polyglot } = await import("../lib/polyglot.mjs");
  const { callSizes, measureCalls } = await import("../lib/rounds.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const { rounds, sequentialCalls, pipelinedCalls } = callSizes(quick);
  const names = {
    floor: "floor: raw postMessage echo",
    pyodideFloor: "raw Pyodide call in a worker",
    bridge: "PythonBridge + NodePyodideTransport",
  };
  const started = await startAll({
    floor: () => startWorkerEcho(),
    pyodideFloor: () => startWorkerEcho({ pyodide: true }),
    bridge: async () => {
      const PythonBridge = await polyglot("PythonBridge");
      const NodePyodideTransport = await polyglot("NodePyodideTransport");
      const bridge = new PythonBridge(new NodePyodideTransport());
      const math = bridge.module("math");
      await math.sqrt(2);
      return { call: () => math.sqrt(2), close: () => bridge.close() };
    },
  });
  const live = Object.entries(started).filter(([, c]) => !c.error);
  const { sequential, pipelined } = await measureCalls(Object.fromEntries(live), { sequentialCalls, pipelinedCalls, rounds });

  const rows = [];
  for (const [mode, unit, series, target] of [
    ["sequential", "µs/call", sequential, targets.sequentialVsFloor],
    ["pipelined", "calls/s", pipelined, targets.pipelinedVsFloor],
  ]) {
    for (const name of ["floor", "pyodideFloor", "bridge"]) {
      const label = `${names[name]}, ${mode}`;
      const isBridge = name === "bridge";
      if (started[name].error) {
        rows.push(unavailable(label, started[name].error, isBridge ? { target } : {}));
        continue;
      }
      const versus = name !== "floor" && series.floor ? { label: names.floor, samples: series.floor } : undefined;
      rows.push(row(label, unit, series[name], { versus, target: isBridge ? target : undefined }));
      if (isBridge && series.pyodideFloor) {
        rows.push(row(label, unit, series[name], { versus: { label: names.pyodideFloor, samples: series.pyodideFloor } }));
      }
    }
  }
  return {
    rows,
    notes: [`${rounds} interleaved rounds (+1 warm-up); ${sequentialCalls} sequential and ${pipelinedCalls} pipelined calls per round.`],
  };
}
