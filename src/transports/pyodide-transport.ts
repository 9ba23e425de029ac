// What the browser and Node Pyodide transports share: start a worker running
// src/worker/pyodide-host.ts, hand it a port and the shared buffers, and turn
// the worker's death (exit, error, kill) into rejected requests and onExit.
import * as Comlink from "comlink";
import { BridgeClosedError, BridgeError } from "../protocol/errors.js";
import type { Reply, Request } from "../protocol/messages.js";
import type { HostInitOptions, HostPackageListing, LoadProgress, PyodideHostApi } from "../protocol/host-api.js";
import { PyodideConnection } from "./pyodide-connection.js";
import { ChannelWriter, createChannelBuffer, sharedMemoryUnavailable } from "../protocol/sync-channel.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../protocol/transport.js";
import { KeepAlive, setRef } from "./keep-alive.js";

/** A started worker, as the subclass created it. @internal */
export interface SpawnedWorker {
  host: Comlink.Remote<PyodideHostApi>;
  terminate(): Promise<unknown> | void;
  /** Node handles (the Worker) that are unref'd while no call is in flight (see keep-alive.ts). */
  handles?: readonly unknown[];
}

/** Host options that depend on the platform (everything but the shared buffers). @internal */
export type PlatformHostOptions = Pick<HostInitOptions, "indexURL" | "baseDir" | "packageFolder" | "packageBaseURL">;

interface Running {
  handlers: TransportHandlers;
  worker: SpawnedWorker;
  connection: PyodideConnection;
  interrupt?: Int32Array;
  channel?: ChannelWriter;
  /** Rejects when the worker dies, so a start() in progress fails instead of hanging. */
  died: Promise<never>;
  die(error: Error): void;
  /** Set once init answered: a runtime that never started does not "exit", its start() rejects. */
  started: boolean;
  exited: boolean;
  keepAlive: KeepAlive;
}

export abstract class PyodideTransport implements Transport {
  abstract readonly name: string;
  readonly callbacks: CallbackSupport;
  private running: Running | undefined;

  constructor(private readonly onProgress?: (progress: LoadProgress) => void) {
    const reason = sharedMemoryUnavailable();
    this.callbacks = reason === undefined ? { supported: true } : { supported: false, reason };
  }

  /**
   * Start the worker thread; call `onFailure` when it errors or exits, and
   * `onText` for protocol messages that arrive on the worker itself rather than the port.
   * @internal
   */
  protected abstract spawn(onFailure: (error: Error) => void, onText: (text: string) => void): SpawnedWorker;
  /** @internal */
  protected abstract platformOptions(): PlatformHostOptions;

  async start(handlers: TransportHandlers): Promise<void> {
    if (this.running) throw new BridgeError(`${this.name}: already started`);
    this.report({ phase: "worker" });
    const reason = this.callbacks.reason;
    const channelBuffer = reason === undefined ? createChannelBuffer() : undefined;
    const interruptBuffer = reason === undefined ? new SharedArrayBuffer(4) : undefined;
    const channel = channelBuffer && new ChannelWriter(channelBuffer);
    const { port1, port2 } = new MessageChannel();
    let die!: (error: Error) => void;
    const died = new Promise<never>((_, reject) => (die = reject));
    died.catch(() => {}); // only start() listens, and only while it runs
    const run: Running = {
      handlers,
      worker: this.spawn(
        (error) => this.exit(run, error),
        (text) => run.connection.receive(text),
      ),
      connection: new PyodideConnection(port1, channel, handlers, (message) =>
        this.exit(run, new BridgeClosedError(`${this.name}: ${message}`)),
      ),
      interrupt: interruptBuffer && new Int32Array(interruptBuffer),
      channel,
      died,
      die,
      started: false,
      exited: false,
      keepAlive: new KeepAlive((active) => setRef([...(run.worker.handles ?? []), port1], active)),
    };
    this.running = run;
    const options: HostInitOptions = {
      ...this.platformOptions(),
      channel: channelBuffer,
      interruptBuffer,
      callbacksUnavailable: reason,
    };
    const progress = Comlink.proxy((update: LoadProgress) => this.report(update));
    try {
      await Promise.race([run.worker.host.init(options, Comlink.transfer(port2, [port2]), progress), run.died]);
      run.started = true;
      run.keepAlive.started();
      // Reported here, not by the worker: its progress calls travel on their own port and
      // could arrive after init's answer, so "ready" would come after start() resolved.
      this.report({ phase: "ready" });
    } catch (error) {
      // The worker's death already says what happened; anything else was thrown while booting.
      const failure =
        error instanceof BridgeClosedError
          ? error
          : new BridgeClosedError(`${this.name}: Pyodide failed to start: ${messageOf(error)}`);
      this.exit(run, failure);
      throw failure;
    }
  }

  request(message: Request): Promise<Reply> {
    const run = this.running;
    if (!run) return Promise.reject(new BridgeClosedError(`${this.name}: not running`));
    if (message.op === "configure" && message.base_dir !== undefined) {
      // A base folder on the host must be mounted into Pyodide before Python can look in it;
      // when mounting fails (no such folder), Python's own reply to configure says so.
      const mounted = run.worker.host.mount(message.base_dir).catch(() => false);
      return run.keepAlive.hold(Promise.race([mounted, run.died]).then(() => run.connection.request(message)));
    }
    return run.keepAlive.hold(run.connection.request(message));
  }

  /** What imports can install and what is installed (docs/packages.md); once started. */
  packages(): Promise<HostPackageListing> {
    return this.host((host) => host.packages());
  }

  /** Add a wheel's bytes to what imports can install (the playground's Packages panel). */
  addWheel(file: string, bytes: Uint8Array): Promise<HostPackageListing> {
    return this.host((host) => host.addWheel(file, bytes));
  }

  /** Forget an added wheel; an installed copy stays importable until Python restarts. */
  removeWheel(name: string): Promise<HostPackageListing> {
    return this.host((host) => host.removeWheel(name));
  }

  /** A host call that fails, rather than hangs, when the worker dies meanwhile. */
  private host<T>(call: (host: Comlink.Remote<PyodideHostApi>) => Promise<T>): Promise<T> {
    const run = this.running;
    if (!run?.started) return Promise.reject(new BridgeClosedError(`${this.name}: Python is not running`));
    return run.keepAlive.hold(Promise.race([call(run.worker.host), run.died]));
  }

  interrupt(): void {
    const run = this.running;
    const cell = run?.interrupt;
    if (!run || !cell) return;
    run.connection.interrupt(() => {
      Atomics.store(cell, 0, 2); // SIGINT, in Pyodide's interrupt buffer
      // Python may be blocked waiting for a callback's reply; wake it so it notices.
      run.channel?.wakeReader();
    });
  }

  kill(): void {
    if (this.running) void this.exit(this.running, new BridgeClosedError(`${this.name}: killed`));
  }

  async close(): Promise<void> {
    const run = this.running;
    if (run) await run.keepAlive.hold(Promise.resolve(this.exit(run, new BridgeClosedError(`${this.name}: closed`))));
  }

  private exit(run: Running, error: Error): Promise<unknown> | void {
    if (run.exited) return;
    run.exited = true;
    if (this.running === run) this.running = undefined;
    run.connection.close(error);
    run.die(error);
    const terminated = run.worker.terminate();
    if (run.started) run.handlers.onExit(error);
    return terminated;
  }

  private report(progress: LoadProgress): void {
    try {
      this.onProgress?.(progress);
    } catch {
      // A failing progress display must not stop Python from loading.
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
