// The Pyodide side of a Pyodide worker, shared by the browser Web Worker and
// the Node worker_threads worker: boots Pyodide, installs the Python runtime
// (the py/polyglot_runtime package) and serves protocol messages.
//
// Page → Python: requests arrive on the port while Python is idle, a batch
// per message (the envelopes the page sent in one tick, joined by "\n");
// while Python waits for a callback's reply it blocks in `receive()`, and the
// page writes to the SharedArrayBuffer channel instead (see sync-channel.ts).
// Python → page: strings on the port (Node) or the worker's own channel
// (browser; see browser-worker.ts), each one message or a JSON array of them.
// A batch crosses into Python once, through the runtime's handle_batch: it
// holds the batch's replies and returns them together (or sends those held
// for 2 ms during a long batch); anything Python sends itself while handling
// (output, call_js requests, released refs) leaves at once, behind the replies
// held so far, so output streams and callbacks never wait.
import { loadPyodide, type PyodideAPI } from "pyodide";
import { ChannelReader } from "../protocol/sync-channel.js";
import type { FatalNotice, HostInfo, HostInitOptions, LoadProgress, PyodideHostApi } from "../protocol/host-api.js";
import { RUNTIME_PACKAGE, type RuntimeFiles } from "./runtime-files.js";
import { bootPyodide, type SnapshotHooks } from "./snapshot-boot.js";
import { PackageLoader, type PackageSource } from "./package-loader.js";

/** What differs between the browser and Node workers. */
export interface HostEnvironment extends SnapshotHooks {
  /** The files of the py/polyglot_runtime package. */
  runtimeFiles(): Promise<RuntimeFiles>;
  /** Start reporting download progress; returns a function that stops it. */
  watchDownloads?(report: (progress: LoadProgress) => void): () => void;
  /** Make a host folder visible inside Pyodide at the same path (Node). */
  mountHostFolder?(pyodide: PyodideAPI, folder: string): void;
  /** How Python's messages reach the page; default: the port handed to init. */
  postToPage?(text: string): void;
  /** The wheels imports can install (options.packageFolder / packageBaseURL); none: the standard library only. */
  packageSource?(options: HostInitOptions): Promise<PackageSource | undefined>;
}

/** The Python package's host API (see py/polyglot_runtime/__init__.py). */
interface PythonRuntime {
  /** `receive` is a Python callable (see pythonReceive); `between` runs between two envelopes of a batch. */
  attach(send: (text: string) => void, receive: unknown, between?: () => void): void;
  handle_json(text: string): string;
  /** Envelopes joined by "\n" → their replies not sent yet, as one message ("" if none). */
  handle_batch(text: string): string;
}

/** On sys.path inside Pyodide; the package is its subfolder. */
const RUNTIME_FOLDER = "/polyglot";

export function createPyodideHost(environment: HostEnvironment): PyodideHostApi {
  let started = false;
  let pyodide: PyodideAPI | undefined;
  let packages: PackageLoader | undefined;
  const packageLoader = (): PackageLoader => {
    if (!packages) throw new Error("Python has not started in this worker yet");
    return packages;
  };
  const mounted: string[] = [];
  const mount = (folder: string): boolean => {
    if (!pyodide || !environment.mountHostFolder) return false;
    if (!mounted.some((done) => folder === done || folder.startsWith(`${done}/`))) {
      environment.mountHostFolder(pyodide, folder);
      mounted.push(folder);
    }
    return true;
  };
  return {
    async init(options, port, onProgress) {
      if (started) throw new Error("this Pyodide worker is already initialised");
      started = true;
      return boot(environment, options, port, onProgress, (loaded) => (pyodide = loaded), mount, (loader) => (packages = loader));
    },
    async addWheel(file, bytes) {
      packageLoader().addWheel(file, bytes);
      return packageLoader().listing();
    },
    async removeWheel(name) {
      packageLoader().removeWheel(name);
      return packageLoader().listing();
    },
    async packages() {
      return packageLoader().listing();
    },
    async mount(folder) {
      return mount(folder);
    },
  };
}

async function boot(
  environment: HostEnvironment,
  options: HostInitOptions,
  port: MessagePort,
  onProgress: (progress: LoadProgress) => void,
  loaded: (pyodide: PyodideAPI) => void,
  mount: (folder: string) => boolean,
  packagesLoaded: (loader: PackageLoader) => void = () => {},
): Promise<HostInfo> {
  const stopWatching = environment.watchDownloads?.(onProgress);
  onProgress({ phase: "python" });
  let pyodide: PyodideAPI;
  let files: RuntimeFiles;
  let started: Awaited<ReturnType<typeof bootPyodide>>;
  try {
    files = await environment.runtimeFiles();
    // From a snapshot when there is a usable one (see snapshot-boot.ts).
    started = await bootPyodide(environment, files, options.indexURL);
    pyodide = started.pyodide;
  } finally {
    stopWatching?.();
  }
  loaded(pyodide);

  onProgress({ phase: "runtime" });
  const toPage = environment.postToPage ?? ((text: string) => port.postMessage(text));

  const interrupt = options.interruptBuffer && new Int32Array(options.interruptBuffer);
  if (interrupt) pyodide.setInterruptBuffer(interrupt);
  // While blocked in receive() Pyodide cannot see the interrupt buffer, so the wait takes the SIGINT itself.
  const takeInterrupt = () => interrupt !== undefined && Atomics.exchange(interrupt, 0, 0) === 2;
  const reader = options.channel && new ChannelReader(options.channel, takeInterrupt);
  const unavailable = options.callbacksUnavailable ?? "callbacks from Python are not available here";
  const read = reader
    ? () => reader.read()
    : () => {
        throw new Error(unavailable);
      };

  // After a fatal error Pyodide cannot run Python again: say so once, and serve nothing more.
  // The page then ends this worker, rejects what is pending and starts afresh when asked.
  let fatal = false;
  const reportFatal = (error: unknown): void => {
    if (fatal) return;
    fatal = true;
    const notice: FatalNotice = { type: "fatal", message: fatalMessage(error) };
    toPage(JSON.stringify(notice));
  };
  watchFatalErrors(pyodide, reportFatal);

  const runtime = installRuntime(pyodide, files);
  started.runtimeInstalled(); // before attach hands Python a JS function: makes the snapshot if due, reseeds random
  // An interrupt that arrives after its request finished must not hit the next one.
  const clearInterrupt = interrupt && (() => void Atomics.store(interrupt, 0, 0));
  runtime.attach(toPage, pythonReceive(pyodide, read), clearInterrupt);
  // Imports install wheels from the package source; with none, a missing module says how to add one.
  packagesLoaded(new PackageLoader(pyodide, await environment.packageSource?.(options), onProgress));
  const handleJson = runtime.handle_json;
  const handleBatch = runtime.handle_batch;
  // Output that bypasses the runtime's own redirection (C-level writes) still reaches the page, at
  // once: it may overtake replies handle_batch holds (os.write runs without the GIL, so Python
  // cannot be asked for them here).
  pyodide.setStdout({ batched: (data) => toPage(JSON.stringify({ type: "stdout", data: data + "\n" })) });
  pyodide.setStderr({ batched: (data) => toPage(JSON.stringify({ type: "stderr", data: data + "\n" })) });

  if (options.baseDir !== undefined) {
    mount(options.baseDir);
    const reply = runtime.handle_json(JSON.stringify({ id: "init", op: "configure", base_dir: options.baseDir }));
    const parsed = JSON.parse(reply) as { ok: boolean; error?: { message: string } };
    if (!parsed.ok) throw new Error(`configuring the runtime failed: ${parsed.error?.message}`);
  }

  /** Envelopes joined by "\n", handled in one call into Python; their replies go out as one message. */
  const serve = (batch: string): void => {
    if (fatal) return;
    let replies: string;
    try {
      // One envelope (the sequential case) skips handle_batch's bookkeeping.
      replies = batch.includes("\n") ? handleBatch(batch) : handleJson(batch);
    } catch (error) {
      if (isFatalError(error)) return reportFatal(error);
      // Not expected (handle_batch answers every envelope itself); some may be answered twice,
      // and the page ignores a second reply.
      const failures = batch.split("\n").filter(Boolean).map((text) => failureReply(text, error));
      replies = `[${failures.join(",")}]`;
    }
    clearInterrupt?.();
    if (replies) toPage(replies);
  };
  /** One message from the page: a batch; "" only asks to serve the channel's leftovers. */
  const serveMessage = (batch: string): void => {
    if (batch !== "") serve(batch);
    if (reader) serveLeftovers(reader, serve);
  };
  port.onmessage = (event: MessageEvent<string>) => serveMessage(event.data);
  port.start?.();

  const python = String(pyodide.runPython("import sys; sys.version"));
  // "ready" is reported by the page's transport when init returns (see pyodide-transport.ts).
  return reader
    ? { python, callbacks: { supported: true } }
    : { python, callbacks: { supported: false, reason: unavailable } };
}

/** Put the runtime package in Pyodide's file system and import it (already imported in a snapshot). */
function installRuntime(pyodide: PyodideAPI, files: RuntimeFiles): PythonRuntime {
  const packageFolder = `${RUNTIME_FOLDER}/${RUNTIME_PACKAGE}`;
  pyodide.FS.mkdirTree(packageFolder);
  for (const [name, text] of Object.entries(files)) pyodide.FS.writeFile(`${packageFolder}/${name}`, text);
  const folder = JSON.stringify(RUNTIME_FOLDER);
  pyodide.runPython(`import sys\nif ${folder} not in sys.path: sys.path.insert(0, ${folder})`);
  return pyodide.pyimport(RUNTIME_PACKAGE) as PythonRuntime;
}

/**
 * A memory snapshot of Pyodide with the runtime imported (not yet attached:
 * a snapshot cannot hold JS objects). Restoring it takes a fraction of a
 * cold start; Node keeps one beside the worker bundle (see node-worker.ts).
 */
export async function makeRuntimeSnapshot(files: RuntimeFiles, indexURL?: string): Promise<Uint8Array> {
  const pyodide = await loadPyodide({ _makeSnapshot: true, ...(indexURL === undefined ? {} : { indexURL }) });
  installRuntime(pyodide, files);
  return pyodide.makeMemorySnapshot();
}

/**
 * Python's `receive()`: raises KeyboardInterrupt when `read` was interrupted.
 * Raised in Python rather than by pyodide.checkInterrupt() in JS, because
 * Pyodide formats an exception that crosses into JS by writing it to
 * sys.stderr, which the runtime forwards to the user as output.
 */
function pythonReceive(pyodide: PyodideAPI, read: () => string | undefined): unknown {
  const namespace = pyodide.toPy({});
  pyodide.runPython(
    [
      "def wrap(read):",
      "    def receive():",
      "        text = read()",
      "        if text is None:",
      "            raise KeyboardInterrupt",
      "        return text",
      "    return receive",
    ].join("\n"),
    { globals: namespace },
  );
  const wrap = namespace.get("wrap") as (read: () => string | undefined) => unknown;
  const receive = wrap(read);
  namespace.destroy();
  return receive;
}

/**
 * Messages the page wrote to the channel after Python stopped waiting there
 * (a callback abandoned by an interrupt), served as batches until none are left
 * (serving one may leave more). The runtime serves requests and ignores stale
 * replies; the page posts "" on the port to trigger this.
 */
function serveLeftovers(reader: ChannelReader, serve: (batch: string) => void): void {
  for (;;) {
    const texts: string[] = [];
    for (let text = reader.poll(); text !== undefined; text = reader.poll()) texts.push(text);
    if (texts.length === 0) return;
    serve(texts.join("\n"));
  }
}

/** The part of Pyodide's internal API that reports fatal errors (`pyodide._api`, not in its public types). */
interface FatalErrorHook {
  _api?: { on_fatal?: (error: unknown) => void };
}

/** Pyodide calls `_api.on_fatal` when it suffers a fatal error, before it throws to its caller. */
function watchFatalErrors(pyodide: PyodideAPI, report: (error: unknown) => void): void {
  const api = (pyodide as unknown as FatalErrorHook)._api;
  if (api !== undefined) api.on_fatal = report;
}

/** Pyodide marks the error of a fatal failure (and every later call's refusal) with `pyodide_fatal_error`. */
function isFatalError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { pyodide_fatal_error?: unknown }).pyodide_fatal_error === true;
}

/** What the page shows: an exit (`os._exit(3)` is Pyodide's "Exit" error) or a fatal error, with its cause. */
function fatalMessage(error: unknown): string {
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof Error && error.name === "Exit") return `Python exited and can run no more (${error.message})`;
  return `Pyodide suffered a fatal error and can run no more Python: ${cause}`;
}

/** A reply for a request whose handling threw in the host rather than in Python's handler. */
function failureReply(request: string, error: unknown): string {
  let id: unknown = null;
  try {
    id = (JSON.parse(request) as { id?: unknown }).id ?? null;
  } catch {
    // Not JSON: the reply cannot name the request, and the page will report it as unmatched.
  }
  const failure = error as { type?: unknown; message?: unknown; stack?: unknown };
  return JSON.stringify({
    id,
    ok: false,
    error: {
      type: typeof failure.type === "string" ? failure.type : "BridgeError",
      message: String(failure.message ?? error),
      traceback: String(failure.stack ?? ""),
    },
  });
}
