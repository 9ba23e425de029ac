// Which Python a command talks to: embedded Pyodide (default) or a CPython process.
import { PythonBridge, type BridgeOptions } from "../bridge/index.js";
import { nodeTransport, type RuntimeOptions, type RuntimeName } from "../attach/index.js";
import type { LoadProgress } from "../protocol/host-api.js";
import { track } from "./process-guard.js";

export { RUNTIMES, isRuntimeName, type RuntimeName, type RuntimeOptions } from "../attach/index.js";

/** A bridge that starts its runtime on first use, so programs without Python never pay for it. */
export function createBridge(options: RuntimeOptions & { runtime: RuntimeName; input?: BridgeOptions["input"] }): PythonBridge {
  const { input, ...runtime } = options;
  // Programs run here report errors at their Lisp line: record call sites (see BridgeOptions.callSites).
  const transport = nodeTransport(runtime.runtime, { ...runtime, onProgress: showPackageInstalls });
  const bridge = new PythonBridge(transport, { callSites: "capture", input });
  // A signal or a closed stdout ends this runtime too, so no Python outlives the CLI.
  track(bridge);
  return bridge;
}

/** A wheel installed on import is worth a line on a terminal; piped stderr stays the program's own. */
function showPackageInstalls(progress: LoadProgress): void {
  if (progress.phase === "package" && process.stderr.isTTY) process.stderr.write(`polyglot: installed ${progress.detail ?? "a package"}\n`);
}
