// Runs the bridge's behaviour suite through the playground's own path: one Pyodide worker owned
// by this page behind a PythonHub, and every case in a program worker of its own (ProgramRun,
// relay transport), as every Run in the playground is. Results go to window.__programWorkerResults
// for e2e/program-worker-behaviour.spec.ts.
import { PythonBridge } from "../../src/bridge/index.js";
import { PyodideWorkerTransport } from "../../src/transports/pyodide-worker.js";
import { PythonHub } from "../../src/app/python-hub.js";
import { ProgramRun, type RunOutcome } from "../../src/app/program-run.js";
import { behaviourCases } from "../../test/bridge/behaviour-cases.js";
import { NOT_ON_THIS_PATH } from "./not-on-this-path.js";

export interface CaseResult {
  ok: boolean;
  error?: string;
  ms: number;
}

export interface ProgramWorkerResults {
  cases: Record<string, CaseResult>;
  /** Python object-table size before the first case and after the last. */
  objects: { before: number; after: number } | undefined;
  finished: boolean;
  failed?: string;
}

declare global {
  interface Window {
    __programWorkerResults: ProgramWorkerResults;
  }
}

const results: ProgramWorkerResults = { cases: {}, objects: undefined, finished: false };
window.__programWorkerResults = results;
const status = document.getElementById("status")!;
const list = document.getElementById("cases")!;

function startWorker(): Worker {
  return new Worker(new URL("./behaviour-worker.ts", import.meta.url), { type: "module", name: "polyglot-behaviour" });
}

/** One case in one program worker, ended (terminated) afterwards as a playground run is; resolves once the hub has released its refs. */
async function runCase(hub: PythonHub, name: string): Promise<RunOutcome> {
  let run: ProgramRun | undefined;
  const outcome = await new Promise<RunOutcome>((resolve) => {
    run = new ProgramRun(startWorker(), hub, {
      output: () => undefined,
      picture: () => undefined,
      input: () => Promise.resolve(null), // the suite never asks for a line
      done: resolve,
    });
    run.start(name, "behaviour");
  });
  await run?.stop();
  return outcome;
}

try {
  const transport = new PyodideWorkerTransport({ indexURL: new URL("/pyodide/", location.href).href });
  const hub = new PythonHub(transport);
  const page = new PythonBridge(hub.pageTransport);
  await page.start();
  const before = (await page.stats()).objects;
  for (const behaviour of behaviourCases) {
    if (behaviour.name in NOT_ON_THIS_PATH) continue;
    status.textContent = `running: ${behaviour.name}`;
    const started = performance.now();
    const outcome = await runCase(hub, behaviour.name);
    const result: CaseResult = outcome.ok
      ? { ok: true, ms: performance.now() - started }
      : { ok: false, error: `${outcome.error.type}: ${outcome.error.message}`, ms: performance.now() - started };
    results.cases[behaviour.name] = result;
    const item = document.createElement("li");
    item.textContent = `${result.ok ? "✓" : "✗"} ${behaviour.name}${result.error ? ` — ${result.error}` : ""}`;
    list.append(item);
  }
  results.objects = { before, after: (await page.stats()).objects };
  status.textContent = "finished";
} catch (error) {
  results.failed = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  status.textContent = `failed: ${results.failed}`;
}
results.finished = true;
