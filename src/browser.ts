// The library's entry for web pages ("polyglot-lisp/browser"): the bridge, the compiler, the
// runner and PyodideWorkerTransport. The transport starts its worker with
// `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`, the pattern Vite,
// webpack and esbuild follow to bundle a shipped worker. Pyodide's files must be served from
// the page's origin (the "polyglot-lisp/vite" plugin does that), and the page must be
// cross-origin isolated for callbacks and interrupts.
export * from "./bridge/index.js";
export { PyodideWorkerTransport } from "./transports/pyodide-worker.js";
export type { PyodideWorkerOptions } from "./transports/pyodide-worker.js";
export type { HostPackageListing, LoadProgress } from "./protocol/host-api.js";
export { compile, LispError } from "./lisp/index.js";
export { runProgram } from "./runner/run-program.js";
export type { RunOptions, RunResult } from "./runner/run-program.js";
export type { ProgramError } from "./runner/program-error.js";
