// `polyglot-lisp/attach`: gives a compiled module (`polyglot compile`) its Python. The module's
// first lines call attachRuntime(), so `node x.mjs` runs it with `($py …)` working; Python
// starts on the first call only, and an idle bridge does not keep Node running.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PythonBridge } from "../bridge/index.js";
import { attachPython } from "../lisp/prelude.js";
import type { LoadProgress } from "../protocol/host-api.js";
import type { Transport } from "../protocol/transport.js";
import { NodePythonTransport } from "../transports/node-python.js";
import { NodePyodideTransport } from "../transports/node-pyodide.js";

export const RUNTIMES = ["pyodide", "cpython"] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

export function isRuntimeName(name: string): name is RuntimeName {
  return (RUNTIMES as readonly string[]).includes(name);
}

export interface RuntimeOptions {
  /** CPython interpreter, for the cpython runtime (default: $POLYGLOT_PYTHON or python3). */
  python?: string;
  /** Where `($py "./x.py")` looks: the program's folder. */
  baseDir: string;
  /** Pyodide only: a folder of wheels that imports install from (docs/packages.md). */
  packages?: string;
  /** Pyodide only: start-up and package-install progress. */
  onProgress?(progress: LoadProgress): void;
}

/** The transport for a runtime name: embedded Pyodide in a worker thread, or a CPython process. */
export function nodeTransport(runtime: RuntimeName, options: RuntimeOptions): Transport {
  return runtime === "cpython"
    ? new NodePythonTransport({ python: options.python, baseDir: options.baseDir })
    : new NodePyodideTransport({ baseDir: options.baseDir, packages: options.packages, onProgress: options.onProgress });
}

/**
 * Attach `runtime` to the default prelude that compiled modules import, with `./x.py` modules
 * found beside `moduleUrl` (pass `import.meta.url`). Returns the bridge, to close it early.
 */
export function attachRuntime(runtime: RuntimeName, moduleUrl: string, options: { python?: string } = {}): PythonBridge {
  if (!isRuntimeName(runtime)) throw new Error(`attachRuntime: unknown runtime '${String(runtime)}' (use pyodide or cpython)`);
  const baseDir = moduleUrl.startsWith("file:") ? dirname(fileURLToPath(moduleUrl)) : process.cwd();
  const bridge = new PythonBridge(nodeTransport(runtime, { baseDir, python: options.python }));
  attachPython((name) => bridge.module(name));
  return bridge;
}
