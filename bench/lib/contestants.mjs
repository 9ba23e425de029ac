// The ways of calling math.sqrt(2) in CPython over stdio that the benchmarks
// compare. Each start function resolves { call, close } or throws why not.
import { join } from "node:path";
import { startStdioEcho } from "../floors/stdio-echo.mjs";
import { startEsemClient } from "../clients/esem-client.mjs";
import { polyglot, repoRoot } from "./polyglot.mjs";

/** `python3 -u -P -m polyglot_runtime` finds the runtime package on this PYTHONPATH. */
export const RUNTIME_ARGS = ["-u", "-P", "-m", "polyglot_runtime"];
export const RUNTIME_ENV = { ...process.env, PYTHONPATH: join(repoRoot, "py") };

export { startStdioEcho };

/** Our PythonBridge over a CPython child process; bridgeOptions e.g. { callSites: "async" }. */
export async function startBridgeCpython({ wrapTransport = (t) => t, bridgeOptions } = {}) {
  const PythonBridge = await polyglot("PythonBridge");
  const NodePythonTransport = await polyglot("NodePythonTransport");
  const transport = wrapTransport(new NodePythonTransport({ baseDir: join(repoRoot, "bench/py") }));
  const bridge = new PythonBridge(transport, bridgeOptions);
  const math = bridge.module("math");
  await math.sqrt(2); // starts the runtime and imports math
  return { bridge, transport, call: () => math.sqrt(2), close: () => bridge.close() };
}

/** pythonia (JSPyBridge), the peer we compare with. */
export async function startPythonia() {
  const { python } = await import("pythonia");
  const math = await python("math");
  await math.sqrt(2);
  return { call: () => math.sqrt(2), close: async () => python.exit() };
}

/** esem-bridge's protocol, spoken by a minimal client to our runtime's esem mode. */
export async function startEsemOnOurRuntime() {
  const client = await startEsemClient("python3", RUNTIME_ARGS, { cwd: join(repoRoot, "bench/py"), env: RUNTIME_ENV });
  const value = await client.call("math", "sqrt", [2]);
  if (Math.abs(value - Math.SQRT2) > 1e-12) throw new Error(`esem mode answered ${JSON.stringify(value)} for math.sqrt(2)`);
  return { call: () => client.call("math", "sqrt", [2]), close: client.close };
}

/** Starts each contestant; a failure becomes { error } instead of aborting the others. */
export async function startAll(starters) {
  const started = {};
  for (const [name, start] of Object.entries(starters)) {
    try {
      started[name] = await start();
    } catch (error) {
      started[name] = { error: String(error?.message ?? error).split("\n")[0] };
    }
  }
  return started;
}

/**
 * Diagnostic: PythonBridge over a transport that answers at once, in-process,
 * so what it measures is the bridge's own JS cost per call.
 */
export async function startBridgeInstant() {
  const PythonBridge = await polyglot("PythonBridge");
  const transport = {
    name: "instant",
    callbacks: { supported: false, reason: "benchmark transport" },
    start: async () => {},
    interrupt() {},
    kill() {},
    close: async () => {},
    request: (message) => Promise.resolve({ id: message.id, ok: true, result: Math.SQRT2 }),
  };
  const bridge = new PythonBridge(transport);
  const math = bridge.module("math");
  await math.sqrt(2);
  return { call: () => math.sqrt(2), close: () => bridge.close() };
}
