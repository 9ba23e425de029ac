// Runs every behaviour case against PyodideWorkerTransport in this page and
// publishes the outcome on `window.__bridgeResults` for e2e/bridge.spec.ts.
//   ?shared-memory=off  hides SharedArrayBuffer from the transport, as on a page
//                       that is not cross-origin isolated (callbacks unsupported).
import { PythonBridge } from "../../src/bridge/index.js";
import { PyodideWorkerTransport } from "../../src/transports/pyodide-worker.js";
import type { LoadProgress } from "../../src/protocol/host-api.js";
import { behaviourCases, forcedGc } from "../../test/bridge/behaviour-cases.js";

export interface CaseResult {
  ok: boolean;
  error?: string;
  ms: number;
}

export interface BridgeResults {
  callbacks: { supported: boolean; reason?: string };
  /** Whether the page can force GC (Chromium started with --js-flags=--expose-gc). */
  gc: boolean;
  /** How start() failed for a worker whose script throws (an `error` event). */
  brokenWorker?: { name: string; message: string; ms: number };
  progress: LoadProgress[];
  cases: Record<string, CaseResult>;
  finished: boolean;
}

declare global {
  interface Window {
    __bridgeResults: BridgeResults;
  }
}

const params = new URLSearchParams(location.search);
if (params.get("shared-memory") === "off") {
  // Only the page loses it; the transport must then work without callbacks.
  Reflect.deleteProperty(globalThis, "SharedArrayBuffer");
}
const only = params.getAll("case");

const expectGc = forcedGc();
const results: BridgeResults = { callbacks: { supported: false }, gc: expectGc !== undefined, progress: [], cases: {}, finished: false };
window.__bridgeResults = results;
const status = document.getElementById("status")!;
const list = document.getElementById("cases")!;

const transport = new PyodideWorkerTransport({
  indexURL: new URL("/pyodide/", location.href).href,
  onProgress: (progress) => {
    results.progress.push(progress);
    const percent = progress.fraction === undefined ? "" : ` ${Math.round(progress.fraction * 100)}%`;
    status.textContent = `loading: ${progress.phase}${percent}`;
  },
});
results.callbacks = { ...transport.callbacks };
const bridge = new PythonBridge(transport, { autoRestart: true });

if (only.length === 0) results.brokenWorker = await startBrokenWorker();

for (const behaviour of behaviourCases) {
  if (only.length > 0 && !only.includes(behaviour.name)) continue;
  status.textContent = `running: ${behaviour.name}`;
  const started = performance.now();
  let result: CaseResult;
  try {
    await behaviour.run(bridge, { expectGc });
    result = { ok: true, ms: performance.now() - started };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result = { ok: false, error: text, ms: performance.now() - started };
  }
  results.cases[behaviour.name] = result;
  const item = document.createElement("li");
  item.textContent = `${result.ok ? "✓" : "✗"} ${behaviour.name}${result.error ? ` — ${result.error}` : ""}`;
  list.append(item);
}
results.finished = true;
status.textContent = "finished";
await bridge.close();

/** A worker whose script throws: its `error` event must reject start() with BridgeClosedError. */
async function startBrokenWorker(): Promise<BridgeResults["brokenWorker"]> {
  const script = URL.createObjectURL(new Blob(["throw new Error('broken on purpose')"], { type: "text/javascript" }));
  const broken = new PyodideWorkerTransport({ worker: () => new Worker(script, { type: "module" }) });
  const started = performance.now();
  const handlers = {
    onPythonRequest: () => Promise.reject(new Error("unused")),
    onNotice: () => undefined,
    onExit: () => undefined,
  };
  try {
    await broken.start(handlers);
    return { name: "none", message: "start() resolved", ms: performance.now() - started };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { name: failure.name, message: failure.message, ms: performance.now() - started };
  } finally {
    URL.revokeObjectURL(script);
  }
}
