// When the bridge's runtime runs: started lazily on first use, configured
// before anything else is sent, restarted after an exit when allowed, closed
// for good by `close()`. Each start is a new generation: object-table ids
// from an earlier one mean nothing to the runtime running now.
import { BridgeClosedError, PythonError } from "./errors.js";
import type { ConfigureRequest, HostNotice, PythonRequest, Reply, Request } from "../protocol/messages.js";
import type { Transport } from "../protocol/transport.js";

export type BridgeStatus = "idle" | "starting" | "running" | "exited" | "closed";

/** What the bridge does with what a running runtime reports. */
export interface RuntimeHooks {
  answer(request: PythonRequest): Promise<Reply>;
  notice(notice: HostNotice): void;
  /** The runtime of the current generation exited; pending requests are already rejected. */
  exited(error: Error): void;
  /** A fresh request id. */
  nextId(): number;
}

export class RuntimeLifecycle {
  status: BridgeStatus = "idle";
  /** Counts starts; the generation of the runtime running now (or last). */
  generation = 0;
  /** Where file modules are found; sent as `configure` first thing after each start. */
  baseDir: string | undefined;
  private starting: Promise<void> | undefined;
  private exitError: Error | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly autoRestart: boolean,
    /** The host answers Python's input(): said in the first `configure`. */
    private readonly answersInput: boolean,
    private readonly hooks: RuntimeHooks,
  ) {}

  get running(): boolean {
    return this.status === "running";
  }

  /** Resolve once the runtime runs, starting it if that is allowed. */
  ensureRunning(): Promise<void> {
    switch (this.status) {
      case "running":
        return Promise.resolve();
      case "starting":
        return this.starting!;
      case "closed":
        return Promise.reject(new BridgeClosedError("the Python bridge is closed"));
      case "exited":
        if (!this.autoRestart) {
          return Promise.reject(new BridgeClosedError(`the Python runtime exited: ${this.exitError?.message ?? "unknown reason"}`));
        }
        return this.launch();
      default:
        return this.launch();
    }
  }

  /** An explicit start also restarts a runtime that exited. */
  start(): Promise<void> {
    return this.status === "exited" ? this.launch() : this.ensureRunning();
  }

  interrupt(): void {
    if (this.status === "running") this.transport.interrupt();
  }

  kill(): void {
    if (this.status === "running" || this.status === "starting") this.transport.kill();
  }

  async close(): Promise<void> {
    const active = this.status === "running" || this.status === "starting";
    this.status = "closed";
    if (!active) return;
    await this.starting?.catch(() => undefined);
    await this.transport.close();
  }

  /** Send `configure` now when running; otherwise it goes out at the next start. */
  configure(baseDir: string | undefined): Request | undefined {
    this.baseDir = baseDir;
    if (this.status !== "running" || baseDir === undefined) return undefined;
    return { id: 0, op: "configure", base_dir: baseDir };
  }

  private launch(): Promise<void> {
    const generation = ++this.generation;
    this.status = "starting";
    const hooks = this.hooks;
    this.starting = this.transport
      .start({
        onPythonRequest: (request) => hooks.answer(request),
        onNotice: (notice) => hooks.notice(notice),
        onExit: (error) => this.exited(error, generation),
      })
      .then(
        () => this.configureStarted(generation),
        (error: unknown) => {
          if (this.generation === generation && this.status === "starting") this.status = "idle";
          throw error;
        },
      );
    return this.starting;
  }

  private async configureStarted(generation: number): Promise<void> {
    // Sent before anything else, so every later request sees it.
    const message = this.firstConfigure();
    const configured = message === undefined ? undefined : this.transport.request(message);
    if (this.generation === generation && this.status === "starting") this.status = "running";
    const reply = await configured;
    if (reply !== undefined && !reply.ok) throw new PythonError(reply.error);
  }

  /** What a fresh runtime must be told first, if anything: the base folder, and that we answer input(). */
  private firstConfigure(): Request | undefined {
    if (this.baseDir === undefined && !this.answersInput) return undefined;
    const message: ConfigureRequest = { id: this.hooks.nextId(), op: "configure" };
    if (this.baseDir !== undefined) message.base_dir = this.baseDir;
    if (this.answersInput) message.input = true;
    return message;
  }

  private exited(error: Error, generation: number): void {
    if (generation !== this.generation) return;
    if (this.status !== "closed") this.status = "exited";
    this.exitError = error;
    this.hooks.exited(error);
  }
}
