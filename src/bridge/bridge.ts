// PythonBridge: Python objects as async JS proxies, over any Transport.
//
// The bridge starts its runtime on first use, turns proxy operations into
// protocol requests (one per call, whatever the path length), converts values
// both ways (wire.ts), answers Python's callbacks into JS, and gives
// object-table entries back when their proxies are garbage collected.
import { abortError, BridgeClosedError, BridgeError, atCallSite, closedAtSite, jsErrorInfo, PythonError } from "./errors.js";
import { captureCallSite, type CallSite } from "./call-site.js";
import { splitArgs } from "./call-options.js";
import { Listeners, type BridgeEvents } from "./events.js";
import { PythonAsyncIterator } from "./iteration.js";
import { JsFunctionTable } from "./js-functions.js";
import { kw } from "../protocol/markers.js";
import { makeProxy, ProxyState, stateOf, type ProxyHost, type PyProxy } from "./proxy.js";
import { RefHandle } from "./ref-handle.js";
import { RefReleaser } from "./ref-releaser.js";
import { RuntimeLifecycle, type BridgeStatus } from "./runtime-lifecycle.js";
import { DEFERRED, refIdsIn, WireDecoder, WireEncoder, type DeferredSlot, type EncodeHooks } from "./wire.js";
import type {
  CallRequest,
  DecodedResultOf,
  ExecRequest,
  NextRequest,
  DisplayNotice,
  HostNotice,
  Op,
  PythonRequest,
  Reply,
  Request,
  RequestId,
  RequestOf,
  SetAttrRequest,
  WireRef,
  WireValue,
} from "../protocol/messages.js";
import type { CallbackSupport, Transport } from "../protocol/transport.js";
import { PICTURE_TYPES } from "../protocol/contract.js";
import { describePicture } from "../pictures/describe.js";
import { base64ToBytes } from "./base64.js";

export type { BridgeStatus } from "./runtime-lifecycle.js";

export interface BridgeOptions {
  /**
   * When the runtime dies, start a fresh one on the next call instead of
   * rejecting. Proxies of objects from the old runtime then reject with a
   * BridgeError; module proxies (`bridge.module(…)`) keep working.
   */
  autoRestart?: boolean;
  /**
   * How a PythonError finds the JS line that made the failed call or await:
   * "async" (default) records nothing and relies on the engine's async stack
   * traces, which name the awaiting function and line when the call is awaited
   * directly (V8), at no cost per call; "capture" records the caller's frames
   * synchronously at each call (a few µs per call, ~15% of a trivial call's JS
   * time), so even a call awaited elsewhere (inside Promise.all) is placed. The
   * CLI and the playground choose "capture": there a precise position is worth more.
   */
  callSites?: "capture" | "async";
  /**
   * Answers Python's `input(prompt)`: the line without its newline, or null at end of
   * input (Python raises EOFError); rejecting with InputCancelledError raises
   * KeyboardInterrupt. Given, the runtime is told at start that this host answers;
   * without it `input()` is Python's own (under CPython it reads end of input).
   */
  input?: (prompt: string) => Promise<string | null>;
}

export interface BridgeStats {
  /** Live entries in Python's object table. */
  objects: number;
  /** JS function refs Python still holds. */
  jsRefs: number;
  /** JS functions the bridge keeps alive for Python. */
  jsFunctions: number;
}

/** No captured site: a PythonError then keeps its own (async) stack. */
const NO_SITE = undefined;
const EMPTY_PATH: readonly string[] = Object.freeze([]);

export class PythonBridge {
  private readonly runtime: RuntimeLifecycle;
  private nextId = 1;
  /** Requests awaiting replies, oldest first: the oldest is the one Python runs. */
  private readonly inFlight = new Set<RequestId>();
  private readonly sent: Partial<Record<Op, number>> = {};
  /** A failed `proxy.x = v`, reported by the next reply. */
  private failedSet: Error | undefined;
  private readonly listeners = new Listeners();
  private readonly jsFunctions = new JsFunctionTable();
  private readonly releaser: RefReleaser;
  private readonly decoder: WireDecoder;
  private readonly encodeHooks: EncodeHooks;
  private readonly host: ProxyHost;
  private readonly readLine: ((prompt: string) => Promise<string | null>) | undefined;

  constructor(
    private readonly transport: Transport,
    options: BridgeOptions = {},
  ) {
    this.readLine = options.input;
    this.runtime = new RuntimeLifecycle(transport, options.autoRestart ?? false, options.input !== undefined, {
      answer: (request) => this.answer(request),
      notice: (notice) => this.notice(notice),
      exited: (error) => this.runtimeExited(error),
      nextId: () => this.nextId++,
    });
    this.releaser = new RefReleaser(
      (refs) => this.sendRelease(refs),
      () => (this.runtime.running ? this.runtime.generation : -1),
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
    const captureSites = (options.callSites ?? "async") === "capture";
    this.host = {
      captureSites,
      call: (state, args, site) => this.call(state, args, site),
      getValue: (state, site) => this.send({ id: 0, op: "getattr", target: state.target, path: state.path as string[] }, state, site),
      setAttr: (state, name, value) => this.setAttr(state, name, value),
      iterate: (state, site) => this.iterate(state, site),
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
    return this.runtime.status;
  }

  /** A lazy proxy of a module, by name ("math") or file path ("./tools.py"). Imported on first use. */
  module(name: string): PyProxy {
    return makeProxy(new ProxyState(this.host, { module: name }, EMPTY_PATH, undefined, undefined, name));
  }

  /** Start the runtime now (it otherwise starts on first use); also restarts one that exited. */
  start(): Promise<void> {
    return this.runtime.start();
  }

  /** Where file modules ("./tools.py") are found. Sent now if running, else when the runtime starts. */
  async configure(options: { baseDir?: string }): Promise<void> {
    const message = this.runtime.configure(options.baseDir);
    if (message !== undefined) await this.send(message, undefined, this.site(this.configure));
  }

  /** Run Python source in module `moduleName` (created when missing). */
  async exec(moduleName: string, source: string, filename?: string): Promise<void> {
    const message: ExecRequest = { id: 0, op: "exec", module: moduleName, source };
    if (filename !== undefined) message.filename = filename;
    await this.send(message, undefined, this.site(this.exec));
  }

  async stats(): Promise<BridgeStats> {
    const result = await this.send({ id: 0, op: "stats" }, undefined, NO_SITE);
    return { objects: result.objects, jsRefs: result.js_refs, jsFunctions: this.jsFunctions.size };
  }

  /** How many requests of each op this bridge has sent, e.g. to check that a call was one envelope. */
  requestCounts(): Readonly<Partial<Record<Op, number>>> {
    return { ...this.sent };
  }

  /** Raise KeyboardInterrupt in the Python code running now. */
  interrupt(): void {
    this.runtime.interrupt();
  }

  /** Kill the runtime as a crash would: pending calls reject with BridgeClosedError. */
  kill(): void {
    this.runtime.kill();
  }

  /** Shut the runtime down. Calls made afterwards reject with BridgeClosedError. */
  close(): Promise<void> {
    return this.runtime.close();
  }

  /** Subscribe to "stdout" | "stderr" (text), "display" (a picture), "exit" (error) or "error" (a failed attribute set). */
  on<E extends keyof BridgeEvents>(event: E, listener: BridgeEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  private site(below: (...args: never[]) => unknown): CallSite | undefined {
    return this.host.captureSites ? captureCallSite(below) : NO_SITE;
  }

  // -- runtime events ----------------------------------------------------------

  private runtimeExited(error: Error): void {
    this.jsFunctions.clear();
    this.releaser.reset();
    this.inFlight.clear();
    this.listeners.emit("exit", error);
  }

  private notice(notice: HostNotice): void {
    if (notice.type === "release_js") this.jsFunctions.release(notice.refs);
    else if (notice.type === "display") this.display(notice);
    else if (this.listeners.has(notice.type)) this.listeners.emit(notice.type, notice.data);
    else writeUnheard(notice.type, notice.data);
  }

  /** A picture from Python's show(): to the "display" listeners, else described on stdout. */
  private display(notice: DisplayNotice): void {
    if (!(PICTURE_TYPES as readonly string[]).includes(notice.mime)) {
      this.listeners.emit("error", new BridgeError(`Python sent a picture of a type the bridge does not show: ${String(notice.mime)}`));
      return;
    }
    const picture = { kind: "encoded" as const, mime: notice.mime, bytes: base64ToBytes(notice.data) };
    if (this.listeners.has("display")) this.listeners.emit("display", picture);
    else writeUnheard("stdout", describePicture(picture) + "\n");
  }

  // -- requests ----------------------------------------------------------------

  /** Hand a request to the transport, starting the runtime first when needed. */
  private request(message: Request): Promise<Reply> {
    this.sent[message.op] = (this.sent[message.op] ?? 0) + 1;
    if (this.runtime.running) return this.transport.request(message);
    return this.runtime.ensureRunning().then(() => this.transport.request(message));
  }

  /**
   * Send a request (its id is assigned here) and decode the reply. `subject`
   * is the proxy it acts on, checked for staleness first.
   */
  private send<O extends Op>(
    message: RequestOf<O>,
    subject: ProxyState | undefined,
    site: CallSite | undefined,
    signal?: AbortSignal,
  ): Promise<DecodedResultOf[O]> {
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
        // The runtime died under this call: say so at the call, as a PythonError would.
        throw site !== undefined && error instanceof BridgeClosedError ? closedAtSite(error, site) : error;
      },
    );
    const settled = signal === undefined ? result : this.abortable(result, id, signal);
    // The one place the reply's shape is trusted: the runtime answers each op as ResultOf says
    // (test/protocol/contract.test.ts keeps the two sides' tables the same).
    return settled as Promise<DecodedResultOf[O]>;
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
      // The arguments could not be sent (too deep, cyclic, unsendable): a fresh error of this call's own.
      return Promise.reject(site !== undefined && error instanceof BridgeError ? atCallSite(error, site) : error);
    }
  }

  private setAttr(state: ProxyState, name: string, value: unknown): void {
    try {
      const stale = this.staleness(state);
      if (stale !== undefined) throw stale;
      const encoder = new WireEncoder(this.encodeHooks);
      const holder = encoder.list([value], "the value");
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

  private iterate(state: ProxyState, site: CallSite | undefined): PythonAsyncIterator {
    return new PythonAsyncIterator({
      open: () => this.send({ id: 0, op: "iter", target: state.target, path: state.path as string[] }, state, site),
      next: (iterator, n) => {
        const iteratorState = stateOf(iterator);
        if (iteratorState === undefined) return Promise.reject(new BridgeError("iter() did not return a Python iterator"));
        const message: NextRequest = { id: 0, op: "next", target: iteratorState.target, path: [], n };
        return this.send(message, iteratorState, site);
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
    const handle = new RefHandle(ref.__pyref__, this.runtime.generation);
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
    if (handle.generation !== this.runtime.generation || this.runtime.status === "exited") {
      return new BridgeError(`this Python ${state.type} belonged to a Python runtime that has exited; get it again`);
    }
    return undefined;
  }

  // -- callbacks (Python → JS) -------------------------------------------------

  private async answer(request: PythonRequest): Promise<Reply> {
    try {
      if (request.op === "input") return { id: request.id, ok: true, result: (await this.readLine?.(request.prompt)) ?? null };
      const fn = this.jsFunctions.get(request.fn);
      if (fn === undefined) throw new BridgeError(`JS function ref ${request.fn} was already released`);
      const args = this.decoder.value(request.args) as unknown[];
      if (request.kwargs !== undefined) args.push(kw(this.decoder.record(request.kwargs)));
      const value: unknown = await (fn as (...args: unknown[]) => unknown)(...args);
      return { id: request.id, ok: true, result: await this.encodeResult(value) };
    } catch (error) {
      return { id: request.id, ok: false, error: jsErrorInfo(error) };
    }
  }

  private async encodeResult(value: unknown): Promise<WireValue> {
    const encoder = new WireEncoder(this.encodeHooks);
    const holder = encoder.list([value], "the result");
    if (encoder.deferred !== null) {
      const refs = await this.fill(encoder.deferred, NO_SITE);
      // Released after the reply that carries them is on its way.
      setTimeout(() => this.releaser.releaseIds(refs), 0);
    }
    return holder[0]!;
  }
}

/**
 * Python output nobody subscribed to goes where running python would put it: the process's
 * stdout/stderr in Node, the console in a browser. A "stdout"/"stderr" listener takes it over.
 */
function writeUnheard(stream: "stdout" | "stderr", text: string): void {
  const host = (globalThis as { process?: { stdout?: { write(text: string): unknown }; stderr?: { write(text: string): unknown } } }).process;
  const target = host?.[stream];
  if (target) {
    target.write(text);
    return;
  }
  const line = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (stream === "stdout") console.log(line);
  else console.error(line);
}
