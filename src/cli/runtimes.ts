// Which Python a command talks to: embedded Pyodide (default) or a CPython process.
import { PythonBridge } from "../bridge/index.js";
import { NodePythonTransport } from "../transports/node-python.js";
import { NodePyodideTransport } from "../transports/node-pyodide.js";

export const RUNTIMES = ["pyodide", "cpython"] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

export function isRuntimeName(name: string): name is RuntimeName {
  return (RUNTIMES as readonly string[]).includes(name);
}

export interface RuntimeOptions {
  runtime: RuntimeName;
  /** CPython interpreter, for the cpython runtime. */
  python?: string;
  /** Where `($py "./x.py")` looks: the program's folder. */
  baseDir: string;
}

/** A bridge that starts its runtime on first use, so programs without Python never pay for it. */
export function createBridge(options: RuntimeOptions): PythonBridge {
  const transport =
    options.runtime === "cpython"
      ? new NodePythonTransport({ python: options.python, baseDir: options.baseDir })
      : new NodePyodideTransport({ baseDir: options.baseDir });
  // Programs run here report errors at their Lisp line: record call sites (see BridgeOptions.callSites).
  return new PythonBridge(transport, { callSites: "capture" });
}
