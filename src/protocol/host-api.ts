// What the page and a Pyodide worker say to each other at start-up, over comlink.
// After `init`, protocol messages travel as plain strings on the MessagePort
// handed over in `init` (cheaper than a comlink round trip per call), batched
// (see pyodide-host.ts), and, while Python waits for a callback, on the
// SharedArrayBuffer channel.
import type { CallbackSupport } from "./transport.js";

/** How far a Pyodide worker got while starting; shown by the page from first paint. */
export interface LoadProgress {
  /** "package": a wheel was installed on import, after start-up (see docs/packages.md). */
  phase: "worker" | "download" | "python" | "runtime" | "ready" | "package";
  /** 0…1 within the phase, where measurable (download bytes in the browser). */
  fraction?: number;
  /** A short human-readable note, e.g. the file being fetched. */
  detail?: string;
  /** With phase "package": the distribution installed and the wheel's size. */
  package?: { name: string; bytes: number };
}

export interface HostInitOptions {
  /** Where pyodide.asm.wasm and friends live; undefined lets Pyodide find its own folder (Node). */
  indexURL?: string;
  /** The SyncChannel buffer for messages sent while Python waits on a callback; absent without SharedArrayBuffer. */
  channel?: SharedArrayBuffer;
  /** Int32 cell Pyodide polls for SIGINT (the page writes 2); absent without SharedArrayBuffer. */
  interruptBuffer?: SharedArrayBuffer;
  /** Why callbacks do not work here, when `channel` is absent. */
  callbacksUnavailable?: string;
  /** Node only: a host folder mounted into Pyodide at the same path, made current, and set as the runtime's base_dir. */
  baseDir?: string;
  /** Node only: a folder of *.whl (and optional pyodide-lock.json) that imports install from. */
  packageFolder?: string;
  /** Browser only: where the site serves its package folder (index.json beside the wheels). */
  packageBaseURL?: string;
}

export interface HostInfo {
  /** `sys.version` of the interpreter. */
  python: string;
  callbacks: CallbackSupport;
}

/** The object a worker exposes with comlink. @internal (it names DOM types: kept out of the published declarations) */
export interface PyodideHostApi {
  /**
   * Boot Pyodide and the runtime, then serve protocol messages on `port`:
   * every string the page posts is a batch of envelopes joined by "\n" (""
   * asks the worker to serve what waits in the channel); every string the
   * worker posts is one message from Python or a JSON array of them, in order.
   */
  init(options: HostInitOptions, port: MessagePort, onProgress: (progress: LoadProgress) => void): Promise<HostInfo>;
  /**
   * Node: make a host folder visible inside Pyodide at the same path (before
   * a `configure` names it as base_dir). False where the host has no file system.
   */
  mount(folder: string): Promise<boolean>;
  /** Add a wheel (a file the user gave) to what imports can install; throws when it is not a wheel. */
  addWheel(file: string, bytes: Uint8Array): Promise<HostPackageListing>;
  /** Forget an added wheel by distribution name. */
  removeWheel(name: string): Promise<HostPackageListing>;
  /** What imports can install, and what is installed already. */
  packages(): Promise<HostPackageListing>;
}

/**
 * The worker's own word to the page, beside Python's messages on the same road: Pyodide
 * suffered a fatal error and can run no more Python. The page ends the worker.
 */
export interface FatalNotice {
  type: "fatal";
  /** What happened, for the user: "Pyodide suffered a fatal error …: RangeError: Maximum call stack size exceeded", or that Python exited. */
  message: string;
}

/** The packages of a running Pyodide worker (see docs/packages.md). */
export interface HostPackageListing {
  /** origin: the package folder (the deployment's) or a wheel given to addWheel. */
  available: { name: string; version: string; imports: string[]; depends: string[]; origin: "folder" | "added" }[];
  /** Distributions installed in this Python (a removed wheel stays here until a restart). */
  loaded: string[];
}
