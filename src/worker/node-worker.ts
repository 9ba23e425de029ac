// Entry of the Node worker_threads worker (bundled to dist/lib/node-pyodide-worker.js).
// Pyodide finds its own files in node_modules/pyodide.
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import * as Comlink from "comlink";
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { createPyodideHost } from "./pyodide-host.js";

// dist/lib/ and src/worker/ are both two levels below the package root.
const runtimeFile = new URL("../../py/polyglot_runtime.py", import.meta.url);

if (!parentPort) throw new Error("node-worker.ts must run in a worker thread");

Comlink.expose(
  createPyodideHost({
    runtimeSource: () => readFile(runtimeFile, "utf8"),
    mountHostFolder: (pyodide, folder) => pyodide.mountNodeFS(folder, folder),
  }),
  nodeEndpoint(parentPort),
);
