// CPython as a subprocess: `python3 -u -P -m polyglot_runtime [--base DIR]` with py/ on PYTHONPATH,
// newline-delimited JSON over stdin/stdout (see src/bridge/protocol.ts).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { basename, delimiter, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { BridgeClosedError, BridgeError } from "../protocol/errors.js";
import { PROTOCOL_VERSION, type FromPython, type PythonRequest, type Reply, type Request } from "../protocol/messages.js";
import { reapOnHostExit } from "./child-reaper.js";
import { LineSplitter } from "./line-splitter.js";
import { PendingRequests } from "./pending.js";
import { interruptInFlight } from "./interrupt.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../protocol/transport.js";
import { WriteCoalescer } from "./write-coalescer.js";
import { KeepAlive, setRef } from "./keep-alive.js";

export interface NodePythonOptions {
  /** The interpreter; default: env POLYGLOT_PYTHON, else "python3". */
  python?: string;
  /** Where file modules ("./tools.py") are found (`--base`). */
  baseDir?: string;
  /** The runtime package's folder; default: py/polyglot_runtime of this package. */
  runtimePath?: string;
  /** Environment of the subprocess; default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Give up when the runtime has not said "ready" after this long. Default 30 s. */
  startTimeoutMs?: number;
}

/** Both from src/transports/ and from the bundled dist/lib/, the package root is two levels up. */
const DEFAULT_RUNTIME = fileURLToPath(new URL("../../py/polyglot_runtime", import.meta.url));
/** How long an exited runtime gets to deliver its last output before pending requests reject. */
const DRAIN_MS = 200;
/** How long `close()` waits for a clean exit before killing. */
const CLOSE_GRACE_MS = 2000;
const STDERR_TAIL_LINES = 12;

export class NodePythonTransport implements Transport {
  readonly name = "cpython";
  readonly callbacks: CallbackSupport = { supported: true };
  private running: PythonProcess | undefined;

  constructor(private readonly options: NodePythonOptions = {}) {}

  /** Spawn a runtime (a fresh one when called again after an exit). */
  async start(handlers: TransportHandlers): Promise<void> {
    if (this.running !== undefined && !this.running.exited) throw new BridgeError("the Python runtime is already running");
    const options = this.options;
    const python = options.python ?? options.env?.POLYGLOT_PYTHON ?? process.env.POLYGLOT_PYTHON ?? "python3";
    const runtime = options.runtimePath ?? DEFAULT_RUNTIME;
    // -P: the cwd is not put on sys.path, so a user's json.py cannot shadow what the runtime imports.
    const args = ["-u", "-P", "-m", basename(runtime)];
    if (options.baseDir !== undefined) args.push("--base", options.baseDir);
    const env = withPythonPath(options.env ?? process.env, dirname(runtime));
    this.running = new PythonProcess(python, args, env, runtime, handlers);
    await this.running.ready(options.startTimeoutMs ?? 30_000);
  }

  request(message: Request): Promise<Reply> {
    if (this.running === undefined) return Promise.reject(new BridgeClosedError("the Python runtime is not started"));
    return this.running.request(message);
  }

  interrupt(): void {
    this.running?.interrupt();
  }

  kill(): void {
    this.running?.signal("SIGKILL");
  }

  async close(): Promise<void> {
    await this.running?.close();
  }
}

/** `env` with `folder` first on PYTHONPATH (where `python -m` finds the runtime package). */
function withPythonPath(env: NodeJS.ProcessEnv, folder: string): NodeJS.ProcessEnv {
  const rest = env.PYTHONPATH;
  return { ...env, PYTHONPATH: rest ? `${folder}${delimiter}${rest}` : folder };
}

/** One running interpreter: its pipes, its pending requests, its end. */
class PythonProcess {
  exited = false;
  private started = false;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new PendingRequests();
  private readonly writer: WriteCoalescer;
  private readonly stdout: LineSplitter;
  private stderrTail = "";
  private closing = false;
  private readonly readyPromise: Promise<void>;
  private settleReady!: (error?: Error) => void;
  private readonly exitPromise: Promise<void>;
  /** Idle, the child and its pipes do not keep Node running; calls in flight (and close) do. */
  private readonly keepAlive: KeepAlive;

  constructor(
    private readonly python: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    /** The runtime package's folder, named when it fails to start. */
    private readonly runtime: string,
    private readonly handlers: TransportHandlers,
  ) {
    this.readyPromise = new Promise((resolve, reject) => {
      this.settleReady = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.child = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"], env, windowsHide: true });
    const reaped = reapOnHostExit(this.child);
    this.writer = new WriteCoalescer((text) => this.child.stdin.write(text));
    const child = this.child;
    this.keepAlive = new KeepAlive((active) => setRef([child, child.stdin, child.stdout, child.stderr], active));
    this.stdout = new LineSplitter((line) => this.receive(line));

    this.child.stdin.on("error", () => undefined); // EPIPE after an exit; the exit handler reports it
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.stdout.push(chunk));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => this.onStderr(chunk));
    this.child.on("error", (error: NodeJS.ErrnoException) => {
      if (this.child.pid === undefined) reaped(); // never spawned: no exit event will follow
      this.onSpawnError(error);
    });
    this.exitPromise = new Promise((resolve) => {
      this.child.on("exit", (code, signal) => {
        reaped();
        void this.onExit(code, signal).then(resolve);
      });
    });
  }

  async ready(timeoutMs: number): Promise<void> {
    const timer = setTimeout(() => {
      this.settleReady(new BridgeError(`Python runtime did not start within ${timeoutMs} ms${this.stderrSuffix()}`));
      this.child.kill("SIGKILL");
    }, timeoutMs);
    try {
      await this.readyPromise;
    } finally {
      clearTimeout(timer);
    }
    this.keepAlive.started();
  }

  request(message: Request): Promise<Reply> {
    const reply = this.pending.add(message.id);
    if (!this.pending.closed) this.writer.line(JSON.stringify(message));
    return this.keepAlive.hold(reply);
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  /** SIGINT, repeated until what was in flight has answered (see interrupt.ts). */
  interrupt(): void {
    interruptInFlight(this.pending, () => this.signal("SIGINT"));
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.closing = true;
    this.writer.flush();
    this.child.stdin.end(); // the runtime exits at end of input
    const timer = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_GRACE_MS);
    await this.keepAlive.hold(this.exitPromise);
    clearTimeout(timer);
  }

  private receive(line: string): void {
    let message: FromPython;
    try {
      message = JSON.parse(line) as FromPython;
    } catch {
      this.onStderr(`[polyglot] unreadable line from Python: ${line.slice(0, 200)}\n`);
      return;
    }
    if ("ok" in message) {
      this.pending.settle(message);
    } else if ("op" in message) {
      this.answer(message);
    } else if (message.type === "ready") {
      if (message.protocol !== PROTOCOL_VERSION) {
        this.settleReady(new BridgeError(`the Python runtime speaks protocol ${message.protocol}, this bridge ${PROTOCOL_VERSION}`));
        this.child.kill("SIGKILL");
        return;
      }
      this.started = true;
      this.settleReady();
    } else {
      this.handlers.onNotice(message);
    }
  }

  private answer(request: PythonRequest): void {
    this.handlers.onPythonRequest(request).then(
      (reply) => this.writer.line(JSON.stringify(reply)),
      (error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        const reply: Reply = { id: request.id, ok: false, error: { type: "BridgeError", message: text, traceback: "" } };
        this.writer.line(JSON.stringify(reply));
      },
    );
  }

  private onStderr(chunk: string): void {
    const tail = this.stderrTail + chunk;
    this.stderrTail = tail.length > 8192 ? tail.slice(-8192) : tail;
    if (this.started) this.handlers.onNotice({ type: "stderr", data: chunk });
  }

  private stderrSuffix(): string {
    const lines = this.stderrTail.trimEnd().split("\n").slice(-STDERR_TAIL_LINES).join("\n");
    return lines === "" ? "" : `; Python's stderr ends with:\n${lines}`;
  }

  private onSpawnError(error: NodeJS.ErrnoException): void {
    const failure =
      error.code === "ENOENT"
        ? new BridgeError(`Python interpreter not found: '${this.python}' — set --python or POLYGLOT_PYTHON`)
        : new BridgeError(`cannot start Python '${this.python}': ${error.message}`);
    this.settleReady(failure);
    if (this.child.pid === undefined) this.finish(failure); // never spawned, so no exit event follows
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    // Let replies and stderr written just before the exit arrive, but not for long.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([streamEnded(this.child.stdout), streamEnded(this.child.stderr)]),
      new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS))),
    ]);
    clearTimeout(timer);
    const how = signal !== null ? `was killed (${signal})` : `exited with code ${code}`;
    const error = this.closing
      ? new BridgeClosedError("the Python runtime was closed")
      : new BridgeClosedError(`the Python runtime ${how}${this.started ? "" : ` (runtime package ${this.runtime})`}${this.stderrSuffix()}`);
    this.finish(error);
  }

  private finish(error: Error): void {
    if (this.exited) return;
    this.exited = true;
    this.pending.close(error);
    if (this.started) this.handlers.onExit(error);
    else this.settleReady(error);
  }
}

function streamEnded(stream: NodeJS.ReadableStream & { readableEnded?: boolean }): Promise<void> {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
  });
}
