// PythonBridge: Python objects as async JS proxies, over any Transport.
//
// The bridge starts its runtime on first use, turns proxy operations into
// protocol requests (one per call, whatever the path length), converts values
// both ways (wire.ts), answers Python's callbacks into JS, and gives
// object-table entries back when their proxies are garbage collected.
import { abortError, BridgeClosedError, BridgeError, PythonError } from "./errors.js";
import { captureCallSite, type CallSite } from "./call-site.js";
import { splitArgs } from "./call-options.js";
import { Listeners, type BridgeEvents } from "./events.js";
import { PythonAsyncIterator } from "./iteration.js";
import { JsFunctionTable } from "./js-functions.js";
import { kw } from "./markers.js";
import { makeProxy, ProxyState, stateOf, type ProxyHost, type PyProxy } from "./proxy.js";
import { RefHandle } from "./ref-handle.js";
import { RefReleaser } from "./ref-releaser.js";
import { DEFERRED, refIdsIn, WireDecoder, WireEncoder, type DeferredSlot, type EncodeHooks } from "./wire.js";
import type {
  CallRequest,
  ErrorInfo,
  NextResult,
  Op,
  OutputNotice,
  PythonRequest,
  ReleaseJsNotice,
  Reply,
  Request,
  RequestId,
  SetAttrRequest,
  StatsResult,
  WireRef,
  WireValue,
} from "./protocol.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../transports/transport.js";

export interface BridgeOptions {
  /**
   * When the runtime dies, start a fresh one on the next call instead of
   * rejecting. Proxies of objects from the old runtime then reject with a
   * BridgeError; module proxies (`bridge.module(…)`) keep working.
   */
  autoRestart?: boolean;
  /**
   * How a PythonError finds the JS line that made the failed call or await:
   * "capture" (default) records the caller's frames synchronously at each call
   * (a few µs per call); "async" records nothing and relies on the engine's
   * async stack traces, which name the awaiting function and line when the
   * call is awaited directly (V8), at no cost per call.
   */
  callSites?: "capture" | "async";
}

export interface BridgeStats {
  /** Live entries in Python's object table. */
  objects: number;
  /** JS function refs Python still holds. */
  jsRefs: number;
  /** JS functions the bridge keeps alive for Python. */
  jsFunctions: number;
}

export type BridgeStatus = "idle" | "starting" | "running" | "exited" | "closed";

/** No captured site: a PythonError then keeps its own (async) stack. */
const NO_SITE = undefined;
const EMPTY_PATH: readonly string[] = Object.freeze([]);

export class PythonBridge {
  private status: BridgeStatus = "idle";
  private starting: Promise<void> | undefined;
  /** Counts runtime starts; ref ids are only meaningful within one. */
  private generation = 0;
  private exitError: Error | undefined;
  private nextId = 1;
  /** Requests awaiting replies, oldest first: the oldest is the one Python runs. */
  private readonly inFlight = new Set<RequestId>();
  private readonly sent: Partial<Record<Op, number>> = {};
  private baseDir: string | undefined;
  /** A failed `proxy.x = v`, reported by the next reply. */
  private failedSet: Error | undefined;
  private readonly autoRestart: boolean;
  private readonly listeners = new Listeners();
  private readonly jsFunctions = new JsFunctionTable();
  private readonly releaser: RefReleaser;
  private readonly decoder: WireDecoder;
  private readonly encodeHooks: EncodeHooks;
  private readonly host: ProxyHost;

  constructor(
    private readonly transport: Transport,
    options: BridgeOptions = {},
  ) {
    this.autoRestart = options.autoRestart ?? false;
    this.releaser = new RefReleaser(
      (refs) => this.sendRelease(refs),
      () => (this.status === "running" ? this.generation : -1),
    );
    this.decoder = new WireDecoder({
      proxyFor: (ref) => this.proxyFor(ref),
      functionFor: (id) => {
        const fn = this.jsFunctions.get(id);
        if (fn === undefined) throw new BridgeError(`Python sent JS function ref ${id}, which is not registered`);
        return fn;
      },
    });
    this.encodeHooks = {
      proxyToWire: (fn) => this.proxyToWire(fn),
      functionToWire: (fn) => this.jsFunctions.add(fn),
    };
    const captureSites = (options.callSites ?? "capture") === "capture";
    this.host = {
      captureSites,
      call: (state, args, site) => this.call(state, args, site),
      getValue: (state, site) => this.send({ id: 0, op: "getattr", target: state.target, path: state.path as string[] }, state, site),
      setAttr: (state, name, value) => this.setAttr(state, name, value),
      iterate: (state) => this.iterate(state),
      release: (state) => {
        if (state.handle !== undefined) this.releaser.release(state.handle);
      },
    };
  }

  // -- public API ------------------------------------------------------------

  /** What the transport says about Python calling JS functions. */
  get callbacks(): CallbackSupport {
    return this.transport.callbacks;
  }

  get state(): BridgeStatus {
    return this.status;
  }

  /** A lazy proxy of a module, by name ("math") or file path ("./tools.py"). Imported on first use. */
  module(name: string): PyProxy {
    return makeProxy(new ProxyState(this.host, { module: name }, EMPTY_PATH, undefined, undefined, name));
  }

  /** Start the runtime now (it otherwise starts on first use); also restarts one that exited. */
  start(): Promise<void> {
    if (this.status === "exited") return this.launch();
    return this.ensureRunning();
  }

  /** Where file modules ("./tools.py") are found. Sent now if running, else when the runtime starts. */
  async configure(options: { baseDir?: string }): Promise<void> {
    this.baseDir = options.baseDir;
    if (this.status !== "running" || this.baseDir === undefined) return;
    await this.send({ id: 0, op: "configure", base_dir: this.baseDir }, undefined, this.site(this.configure));
  }

  /** Run Python source in module `moduleName` (created when missing). */
  async exec(moduleName: string, source: string, filename?: string): Promise<void> {
    const message: Request = { id: 0, op: "exec", module: moduleName, source };
    if (filename !== undefined) message.filename = filename;
    await this.send(message, undefined, this.site(this.exec));
  }

  async stats(): Promise<BridgeStats> {
    const result = (await this.send({ id: 0, op: "stats" }, undefined, NO_SITE)) as StatsResult;
    return { objects: result.objects, jsRefs: result.js_refs, jsFunctions: this.jsFunctions.size };
  }

  /** How many requests of each op this bridge has sent, e.g. to check that a call was one envelope. */
  requestCounts(): Readonly<Partial<Record<Op, number>>> {
    return { ...this.sent };
  }

  /** Raise KeyboardInterrupt in the Python code running now. */
  interrupt(): void {
    if (this.status === "running") this.transport.interrupt();
  }

  /** Kill the runtime as a crash would: pending calls reject with BridgeClosedError. */
  kill(): void {
    if (this.status === "running" || this.status === "starting") this.transport.kill();
  }

  /** Shut the runtime down. Calls made afterwards reject with BridgeClosedError. */
  async close(): Promise<void> {
    const active = this.status === "running" || this.status === "starting";
    this.status = "closed";
    if (!active) return;
    await this.starting?.catch(() => undefined);
    await this.transport.close();
  }

  /** Subscribe to "stdout" | "stderr" (text), "exit" (error) or "error" (a failed attribute set). */
  on<E extends keyof BridgeEvents>(event: E, listener: BridgeEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  private site(below: (...args: never[]) => unknown): CallSite | undefined {
    return this.host.captureSites ? captureCallSite(below) : NO_SITE;
  }

  // -- lifecycle ---------------------------------------------------------------

  private ensureRunning(): Promise<void> {
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

  private launch(): Promise<void> {
    const generation = ++this.generation;
    this.status = "starting";
    const handlers: TransportHandlers = {
      onPythonRequest: (request) => this.answer(request),
      onNotice: (notice) => this.notice(notice),
      onExit: (error) => this.exited(error, generation),
    };
    this.starting = this.transport.start(handlers).then(
      () => this.configureStarted(generation),
      (error: unknown) => {
        if (this.generation === generation && this.status === "starting") this.status = "idle";
        throw error;
      },
    );
    return this.starting;
  }

  private async configureStarted(generation: number): Promise<void> {
    if (this.baseDir !== undefined) {
      const reply = await this.transport.request({ id: this.nextId++, op: "configure", base_dir: this.baseDir });
      if (!reply.ok) throw new PythonError(reply.error);
    }
    if (this.generation === generation && this.status === "starting") this.status = "running";
  }

  private exited(error: Error, generation: number): void {
    if (generation !== this.generation) return;
    if (this.status !== "closed") this.status = "exited";
    this.exitError = error;
    this.jsFunctions.clear();
    this.releaser.reset();
    this.inFlight.clear();
    this.listeners.emit("exit", error);
  }

  private notice(notice: OutputNotice | ReleaseJsNotice): void {
    if (notice.type === "release_js") this.jsFunctions.release(notice.refs);
    else this.listeners.emit(notice.type, notice.data);
  }

  // -- requests ----------------------------------------------------------------

  /** Hand a request to the transport, starting the runtime first when needed. */
  private request(message: Request): Promise<Reply> {
    this.sent[message.op] = (this.sent[message.op] ?? 0) + 1;
    if (this.status === "running") return this.transport.request(message);
    return this.ensureRunning().then(() => this.transport.request(message));
  }

  /**
   * Send a request (its id is assigned here) and decode the reply. `subject`
   * is the proxy it acts on, checked for staleness first.
   */
  private send(message: Request, subject: ProxyState | undefined, site: CallSite | undefined, signal?: AbortSignal): Promise<unknown> {
    if (subject?.handle !== undefined) {
      const stale = this.staleness(subject);
      if (stale !== undefined) return Promise.reject(stale);
    }
    const id = (message.id = this.nextId++);
    this.inFlight.add(id);
    const result = this.request(message).then(
      (reply) => {
        this.inFlight.delete(id);
        return this.settle(reply, site);
      },
      (error: unknown) => {
        this.inFlight.delete(id);
        throw error;
      },
    );
    return signal === undefined ? result : this.abortable(result, id, signal);
  }

  private settle(reply: Reply, site: CallSite | undefined): unknown {
    let value: unknown;
    if (reply.ok) {
      const result = reply.result;
      value = typeof result === "object" && result !== null ? this.decoder.value(result) : result;
    }
    const failedSet = this.failedSet;
    if (failedSet !== undefined) {
      this.failedSet = undefined;
      throw failedSet;
    }
    if (!reply.ok) throw new PythonError(reply.error, site);
    return value;
  }

  private abortable(result: Promise<unknown>, id: RequestId, signal: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // Python runs one request at a time: the oldest one still waiting.
        if (this.inFlight.values().next().value === id) this.interrupt();
        this.inFlight.delete(id);
        reject(abortError(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      void result.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  private call(state: ProxyState, rawArgs: unknown[], site: CallSite | undefined): Promise<unknown> {
    try {
      const { args, kwargs, options } = splitArgs(rawArgs);
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(abortError(signal));
      const encoder = new WireEncoder(this.encodeHooks);
      const message: CallRequest = { id: 0, op: "call", target: state.target, path: state.path as string[], args: encoder.list(args) };
      if (kwargs !== undefined) message.kwargs = encoder.record(kwargs);
      if (encoder.deferred === null) return this.send(message, state, site, signal);
      return this.fill(encoder.deferred, site).then((refs) => {
        const result = this.send(message, state, site, signal);
        this.releaser.releaseIds(refs);
        return result;
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private setAttr(state: ProxyState, name: string, value: unknown): void {
    try {
      const stale = this.staleness(state);
      if (stale !== undefined) throw stale;
      const encoder = new WireEncoder(this.encodeHooks);
      const holder = encoder.list([value]);
      const message: SetAttrRequest = { id: 0, op: "setattr", target: state.target, path: [...state.path, name], value: null };
      if (encoder.deferred === null) {
        message.value = holder[0]!;
        this.sendSetAttr(message);
        return;
      }
      this.fill(encoder.deferred, NO_SITE).then(
        (refs) => {
          message.value = holder[0]!;
          this.sendSetAttr(message);
          this.releaser.releaseIds(refs);
        },
        (error: unknown) => this.reportFailedSet(error),
      );
    } catch (error) {
      this.reportFailedSet(error);
    }
  }

  /** Fire-and-forget, but a failure is recorded as soon as its reply arrives, before later replies settle. */
  private sendSetAttr(message: SetAttrRequest): void {
    message.id = this.nextId++;
    this.request(message).then(
      (reply) => {
        if (!reply.ok) this.reportFailedSet(new PythonError(reply.error));
      },
      (error: unknown) => this.reportFailedSet(error),
    );
  }

  private reportFailedSet(error: unknown): void {
    const failure = error instanceof Error ? error : new BridgeError(String(error));
    this.failedSet = failure;
    this.listeners.emit("error", failure);
  }

  private iterate(state: ProxyState): PythonAsyncIterator {
    const site = NO_SITE;
    return new PythonAsyncIterator({
      open: () => this.send({ id: 0, op: "iter", target: state.target, path: state.path as string[] }, state, site),
      next: (iterator, n) => {
        const iteratorState = stateOf(iterator);
        if (iteratorState === undefined) return Promise.reject(new BridgeError("iter() did not return a Python iterator"));
        const message: Request = { id: 0, op: "next", target: iteratorState.target, path: [], n };
        return this.send(message, iteratorState, site) as Promise<NextResult & { items: unknown[] }>;
      },
      close: (iterator) => {
        const iteratorState = stateOf(iterator);
        if (iteratorState?.handle !== undefined) this.releaser.release(iteratorState.handle);
      },
    });
  }

  /** Fetch the values of lazy proxies an encoder deferred; returns the ref ids to release once sent. */
  private async fill(slots: DeferredSlot[], site: CallSite | undefined): Promise<number[]> {
    const refs: number[] = [];
    await Promise.all(
      slots.map(async (slot) => {
        const state = stateOf(slot.proxy)!;
        const stale = this.staleness(state);
        if (stale !== undefined) throw stale;
        const message: Request = { id: this.nextId++, op: "getattr", target: state.target, path: state.path as string[] };
        const reply = await this.request(message);
        if (!reply.ok) throw new PythonError(reply.error, site);
        (slot.holder as Record<string | number, WireValue>)[slot.key] = reply.result;
        refIdsIn(reply.result, refs);
      }),
    );
    return refs;
  }

  private sendRelease(refs: number[]): void {
    this.request({ id: this.nextId++, op: "release", refs }).then(
      () => undefined,
      () => undefined, // the runtime is gone, and its table with it
    );
  }

  // -- values ------------------------------------------------------------------

  private proxyFor(ref: WireRef): PyProxy {
    const handle = new RefHandle(ref.__pyref__, this.generation);
    this.releaser.track(handle);
    return makeProxy(new ProxyState(this.host, { ref: ref.__pyref__ }, EMPTY_PATH, handle, ref, ref.type));
  }

  private proxyToWire(fn: (...args: never[]) => unknown): WireRef | typeof DEFERRED | undefined {
    const state = stateOf(fn);
    if (state === undefined) return undefined;
    if (state.host !== this.host) throw new BridgeError("this Python proxy belongs to another PythonBridge");
    if (state.handle !== undefined) {
      const stale = this.staleness(state);
      if (stale !== undefined) throw stale;
    }
    return state.thenable ? DEFERRED : state.wire!;
  }

  /** Why a ref-rooted proxy can no longer be used, if it cannot. */
  private staleness(state: ProxyState): BridgeError | undefined {
    const handle = state.handle;
    if (handle === undefined) return undefined;
    if (handle.released) return new BridgeError(`this Python ${state.type} was released`);
    if (handle.generation !== this.generation || this.status === "exited") {
      return new BridgeError(`this Python ${state.type} belonged to a Python runtime that has exited; get it again`);
    }
    return undefined;
  }

  // -- callbacks (Python → JS) -------------------------------------------------

  private async answer(request: PythonRequest): Promise<Reply> {
    try {
      const fn = this.jsFunctions.get(request.fn);
      if (fn === undefined) throw new BridgeError(`JS function ref ${request.fn} was already released`);
      const args = this.decoder.value(request.args) as unknown[];
      if (request.kwargs !== undefined) args.push(kw(this.decoder.record(request.kwargs)));
      const value: unknown = await (fn as (...args: unknown[]) => unknown)(...args);
      return { id: request.id, ok: true, result: await this.encodeResult(value) };
    } catch (error) {
      return { id: request.id, ok: false, error: describeJsError(error) };
    }
  }

  private async encodeResult(value: unknown): Promise<WireValue> {
    const encoder = new WireEncoder(this.encodeHooks);
    const holder = encoder.list([value]);
    if (encoder.deferred !== null) {
      const refs = await this.fill(encoder.deferred, NO_SITE);
      // Released after the reply that carries them is on its way.
      setTimeout(() => this.releaser.releaseIds(refs), 0);
    }
    return holder[0]!;
  }
}

/** A JS error, as the error reply that makes Python raise JSError. */
function describeJsError(error: unknown): ErrorInfo {
  if (error instanceof PythonError) {
    return { type: "PythonError", message: `${error.type}: ${error.message}`, traceback: error.traceback };
  }
  if (error instanceof Error) {
    return { type: error.name, message: error.message, traceback: error.stack ?? `${error.name}: ${error.message}` };
  }
  let text: string;
  try {
    text = String(error);
  } catch {
    text = "a value that cannot be shown";
  }
  return { type: "Error", message: `thrown: ${text}`, traceback: "" };
}
