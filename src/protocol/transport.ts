// How envelopes travel. A Transport moves protocol messages between the
// PythonBridge and one running Python runtime; it knows nothing of proxies.
import type { HostNotice, PythonRequest, Reply, Request } from "./messages.js";

export interface TransportHandlers {
  /** Python called a JS function (a callback). Resolve with the reply to send back. */
  onPythonRequest(request: PythonRequest): Promise<Reply>;
  /** stdout / stderr and pictures from Python code, and JS refs Python let go of. */
  onNotice(notice: HostNotice): void;
  /**
   * The runtime died or was closed. Pending requests are already rejected with `error`.
   * Only for a runtime whose `start` resolved; a failed start rejects `start` instead.
   */
  onExit(error: Error): void;
}

export interface CallbackSupport {
  /** Whether Python can call JS functions synchronously on this transport. */
  supported: boolean;
  /** Why not, when unsupported: shown in the JSError Python raises. */
  reason?: string;
}

export interface Transport {
  /** A short name for messages: "cpython", "pyodide-node", "pyodide-worker". */
  readonly name: string;
  /**
   * Start the runtime and resolve once it is ready to answer. Called again
   * after the runtime exited, it starts a fresh one (PythonBridge's autoRestart).
   */
  start(handlers: TransportHandlers): Promise<void>;
  /**
   * Send one request and resolve with its reply (ok or not). Rejects with
   * BridgeClosedError when the runtime dies before answering.
   */
  request(message: Request): Promise<Reply>;
  /** Raise KeyboardInterrupt in whatever Python code is running now. */
  interrupt(): void;
  /** Stop the runtime at once, as a crash would (pending requests reject). */
  kill(): void;
  /** Shut down cleanly. */
  close(): Promise<void>;
  readonly callbacks: CallbackSupport;
}
