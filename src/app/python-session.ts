// The page's Python: one Pyodide worker behind a PythonBridge, started on load.
// Its state (imports, objects, module globals) lives across runs until the
// user restarts it, which kills the worker and starts a fresh one.
import { PythonBridge } from "../bridge/index.js";
import { PyodideWorkerTransport } from "../transports/pyodide-worker.js";
import type { HostPackageListing, LoadProgress } from "../protocol/host-api.js";
import { PythonHub } from "./python-hub.js";

/** The running Python's package calls (the worker's host API; see docs/packages.md). */
export interface PackageHost {
  packages(): Promise<HostPackageListing>;
  addWheel(file: string, bytes: Uint8Array): Promise<HostPackageListing>;
  removeWheel(name: string): Promise<HostPackageListing>;
}

/** A wheel installed on import, after start-up. */
export interface PackageInstalled {
  name: string;
  bytes: number;
}

export type SessionState =
  | { kind: "loading"; progress: number; detail: string }
  | { kind: "ready" }
  | { kind: "failed"; message: string };

export interface PythonSessionOptions {
  /** Where Pyodide's files are served (`<base>pyodide/`). */
  indexURL: string;
  /** The folder that holds the program's Python files; relative `$py` paths resolve here. */
  baseDir: string;
  onState(state: SessionState): void;
  /** A wheel was installed because a program imported it. */
  onPackage?(installed: PackageInstalled): void;
  /**
   * Runs on every new interpreter before it counts as ready (the user's added wheels go in
   * here, so the first run after a reload or Restart Python can import them). Must not throw.
   */
  prepare?(host: PackageHost): Promise<void>;
}

/** Each loading phase's share of the whole bar, in order. */
const phaseSpans: Record<LoadProgress["phase"], [number, number]> = {
  worker: [0, 0.05],
  python: [0.05, 0.1],
  download: [0.1, 0.85],
  runtime: [0.85, 0.98],
  ready: [1, 1],
  // A wheel installed on import, after start-up: the bar stays full.
  package: [1, 1],
};

const phaseText: Record<LoadProgress["phase"], string> = {
  worker: "Starting the Python worker…",
  python: "Starting Python…",
  download: "Downloading Python",
  runtime: "Loading the Polyglot runtime…",
  ready: "Python ready",
  package: "Installing a package…",
};

export function describeProgress(progress: LoadProgress): { progress: number; detail: string } {
  const [start, end] = phaseSpans[progress.phase];
  const fraction = Math.max(0, Math.min(1, progress.fraction ?? 0));
  const detail =
    progress.phase === "download"
      ? `${phaseText.download} ${Math.round(fraction * 100)}%…`
      : progress.phase === "package" && progress.package
        ? `Installing ${progress.package.name} (${formatBytes(progress.package.bytes)})…`
        : phaseText[progress.phase];
  return { progress: start + (end - start) * fraction, detail };
}

/** "installed greet-core (1 KiB), greeter (2 KiB)": what imports brought in, for the status bar. */
export function describeInstalled(installed: readonly PackageInstalled[]): string {
  return `installed ${installed.map(({ name, bytes }) => `${name} (${formatBytes(bytes)})`).join(", ")}`;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

interface Interpreter {
  bridge: PythonBridge;
  packages: PackageHost;
  /** Shares this Python between the page's bridge and each run's program worker. */
  hub: PythonHub;
  /** Resolves once Python answers; rejects when it failed to start. */
  ready: Promise<PythonBridge>;
}

export class PythonSession {
  private current: Interpreter | undefined;
  /** Bumped on every restart, so events from an old interpreter are ignored. */
  private generation = 0;
  /** Why the last interpreter stopped by itself (a fatal error, an exit), until a fresh one starts. */
  private lostWith: string | undefined;

  constructor(private readonly options: PythonSessionOptions) {}

  /** Start Python now (idempotent). */
  start(): void {
    if (!this.current) this.current = this.launch();
  }

  /**
   * Why the last Python stopped by itself, when it did and no fresh one has
   * started since: the next start (a Run) brings up a fresh Python, its state cleared.
   */
  get lost(): string | undefined {
    return this.current ? undefined : this.lostWith;
  }

  /** The bridge, once Python is ready. */
  ready(): Promise<PythonBridge> {
    this.start();
    return this.current!.ready;
  }

  /** The page's bridge and the hub that program workers use, once Python is ready. */
  async connect(): Promise<{ bridge: PythonBridge; hub: PythonHub }> {
    this.start();
    const current = this.current!;
    await current.ready;
    return { bridge: current.bridge, hub: current.hub };
  }

  /** The running Python's package calls, once it is ready (call again after a restart). */
  async packageHost(): Promise<PackageHost> {
    this.start();
    const current = this.current!;
    await current.ready;
    return current.packages;
  }

  /** Raise KeyboardInterrupt in whatever Python is running. */
  interrupt(): void {
    this.current?.bridge.interrupt();
  }

  /** Kill the interpreter and start a fresh one. */
  restart(): void {
    const old = this.current;
    this.current = undefined;
    this.generation += 1;
    if (old) {
      // A failed start has already rejected `ready`; nobody needs the old bridge's errors.
      old.ready.catch(() => undefined);
      // Kill, not close: a close would wait for a worker that is still booting.
      old.bridge.kill();
    }
    this.start();
  }

  private launch(): Interpreter {
    this.lostWith = undefined;
    const generation = this.generation;
    const isCurrent = () => generation === this.generation;
    const report = (state: SessionState) => {
      if (isCurrent()) this.options.onState(state);
    };
    report({ kind: "loading", progress: 0, detail: phaseText.worker });
    // The bar only moves forward, whatever order the phases report in.
    let shown = 0;
    const transport = new PyodideWorkerTransport({
      indexURL: this.options.indexURL,
      onProgress: (progress) => {
        if (progress.phase === "ready") return;
        // After start-up: a wheel a program imported. Python stays ready; the page says what came in.
        if (progress.phase === "package") {
          if (progress.package && isCurrent()) this.options.onPackage?.(progress.package);
          return;
        }
        const described = describeProgress(progress);
        shown = Math.max(shown, described.progress);
        report({ kind: "loading", progress: shown, detail: described.detail });
      },
    });
    const hub = new PythonHub(transport);
    // Record call sites so every Python error is marked at its Lisp line (see BridgeOptions.callSites).
    // input() is asked in a run's output pane: the hub routes it to the run Python works for.
    // This answers only while Python works for the page itself (file sync, completion): no line.
    const bridge = new PythonBridge(hub.pageTransport, { callSites: "capture", input: () => Promise.resolve(null) });
    bridge.on("exit", (error) => {
      if (!isCurrent()) return;
      // The next run starts a fresh interpreter by itself.
      this.current = undefined;
      this.generation += 1;
      this.lostWith = error.message;
      this.options.onState({ kind: "failed", message: `Python stopped (${error.message}). It restarts on the next run.` });
    });
    const ready = bridge
      .configure({ baseDir: this.options.baseDir })
      .then(() => bridge.start())
      .then(async () => {
        if (!this.options.prepare) return;
        await this.options.prepare(transport).catch(() => undefined);
      })
      .then(
      () => {
        report({ kind: "ready" });
        return bridge;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        report({ kind: "failed", message: `Python failed to start: ${message}` });
        throw error;
      },
    );
    return { bridge, packages: transport, hub, ready };
  }
}
