// The library's public entry for Node: the bridge, its transports, the compiler and the runner.
// In the browser, import from "polyglot-lisp/browser" (PyodideWorkerTransport, with its worker
// shipped for bundlers) and host Pyodide with the "polyglot-lisp/vite" plugin.
export * from "./bridge/index.js";
export { NodePythonTransport } from "./transports/node-python.js";
export type { NodePythonOptions } from "./transports/node-python.js";
export { NodePyodideTransport } from "./transports/node-pyodide.js";
export type { NodePyodideOptions } from "./transports/node-pyodide.js";
export type { HostPackageListing, LoadProgress } from "./protocol/host-api.js";
export type { Transport, TransportHandlers, CallbackSupport } from "./protocol/transport.js";
export { compile, LispError } from "./lisp/index.js";
export { runProgram } from "./runner/index.js";
export type { RunOptions, RunResult, ProgramError } from "./runner/index.js";
