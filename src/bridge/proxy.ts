// Python objects as JS values: a callable Proxy per object or attribute path.
//
//   math.gcd            builds a path; no round trip
//   math.gcd(12, 18)    ONE `call` envelope for the whole path, import included
//   await math.pi       a path (or module) is thenable: `getattr` fetches its value
//   counter.value = 3   `setattr`, fire-and-forget but ordered: a failure
//                       rejects the next call made through the bridge and is
//                       emitted as the bridge's "error" event
//
// A proxy of a resolved object (a ref, empty path) is NOT thenable, so async
// functions can return it. One shared handler serves every proxy; the
// per-proxy state lives on the proxy's target function.
import { captureCallSite, type CallSite } from "./call-site.js";
import { PYTHON, type PythonMeta } from "../protocol/markers.js";
import type { Target, WireRef } from "../protocol/messages.js";
import type { RefHandle } from "./ref-handle.js";

/** What a proxy asks of its bridge. */
export interface ProxyHost {
  /** Whether calls and awaits record their JS call site (see BridgeOptions.callSites). */
  readonly captureSites: boolean;
  call(state: ProxyState, args: unknown[], site: CallSite | undefined): Promise<unknown>;
  getValue(state: ProxyState, site: CallSite | undefined): Promise<unknown>;
  setAttr(state: ProxyState, name: string, value: unknown): void;
  iterate(state: ProxyState, site: CallSite | undefined): AsyncIterableIterator<unknown>;
  release(state: ProxyState): void;
}

/**
 * What every proxy offers. Python attributes and results are only known to Python, so they
 * are typed loosely (`any`): common code (`const n: number = await math.gcd(4, 6)`,
 * `using c = await collections.Counter("ab")`) then needs no casts.
 */
interface PyAttributes {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a result is a number, a string, a PyObject…
  (...args: unknown[]): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- attribute names are only known to Python
  readonly [attribute: string]: any;
}

/**
 * A resolved Python object (what a call returns when the result is not a plain value). Not
 * thenable, so `await` and async functions hand it over as it is; `using` releases it.
 */
export interface PyObject extends PyAttributes {
  [Symbol.dispose](): void;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A module or attribute path (`bridge.module("math")`, `obj.attr`): `await` fetches its value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the value is only known to Python
export interface PyProxy extends PyAttributes, PromiseLike<any> {}

export class ProxyState {
  constructor(
    readonly host: ProxyHost,
    /** The envelope target, shared by every path from the same root. */
    readonly target: Target,
    readonly path: readonly string[],
    /** The object-table entry, for proxies rooted at a ref. */
    readonly handle: RefHandle | undefined,
    /** The ref as it came over the wire, for the root proxy of a ref. */
    readonly wire: WireRef | undefined,
    /** Python type name, or a dotted name for paths. */
    readonly type: string,
  ) {}

  /** Module proxies and attribute paths fetch their value on `await`; resolved objects do not. */
  get thenable(): boolean {
    return this.handle === undefined || this.path.length > 0;
  }

  child(name: string): ProxyState {
    return new ProxyState(this.host, this.target, [...this.path, name], this.handle, undefined, `${this.type}.${name}`);
  }

  meta(): PythonMeta {
    const target = this.target;
    return {
      type: this.type,
      ref: "ref" in target ? target.ref : undefined,
      module: "module" in target ? target.module : undefined,
      path: this.path,
      callable: this.wire === undefined ? true : this.wire.callable,
    };
  }
}

const STATE = Symbol("polyglot.proxyState");
/** Node's util.inspect looks this up on a proxy's target, never through the trap. */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

type ProxyTarget = (() => void) & { [STATE]: ProxyState; [INSPECT]: typeof describe };

function describe(this: unknown): string {
  const state = stateOf(this);
  return state === undefined ? "#<py>" : `#<py ${state.type}>`;
}

function dispose(this: unknown): void {
  const state = stateOf(this);
  if (state !== undefined) state.host.release(state);
}

async function asyncDispose(this: unknown): Promise<void> {
  dispose.call(this);
}

const handler: ProxyHandler<ProxyTarget> = {
  get(target, key) {
    const state = target[STATE];
    if (typeof key === "string") {
      if (key === "then") {
        if (!state.thenable) return undefined;
        return thenFor(state, state.host.captureSites ? captureCallSite(handler.get!) : undefined);
      }
      if (key === "toString" || key === "toJSON") return describe;
      return makeProxy(state.child(key));
    }
    switch (key) {
      case STATE:
        return state;
      case PYTHON:
        return state.meta();
      case Symbol.asyncIterator: {
        // Looked up by `for await` itself, so errors while iterating point at the loop.
        const site = state.host.captureSites ? captureCallSite(handler.get!) : undefined;
        return () => state.host.iterate(state, site);
      }
      case Symbol.toPrimitive:
        return describe;
      case INSPECT:
        return describe;
      // `using` applies to resolved objects, not to attribute paths from them.
      case Symbol.dispose:
        return state.thenable ? undefined : dispose;
      case Symbol.asyncDispose:
        return state.thenable ? undefined : asyncDispose;
      default:
        return undefined;
    }
  },
  set(target, key, value) {
    if (typeof key !== "string") return false;
    const state = target[STATE];
    state.host.setAttr(state, key, value);
    return true;
  },
  apply(target, _thisArg, args) {
    const state = target[STATE];
    return state.host.call(state, args, state.host.captureSites ? captureCallSite(handler.apply!) : undefined);
  },
};

/** `then` of a path proxy; the await's call site was captured when `then` was looked up. */
function thenFor(state: ProxyState, site: CallSite | undefined) {
  return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) =>
    state.host.getValue(state, site).then(onFulfilled, onRejected);
}

export function makeProxy(state: ProxyState): PyProxy {
  const target = (() => {}) as ProxyTarget;
  target[STATE] = state;
  target[INSPECT] = describe;
  return new Proxy(target, handler) as unknown as PyProxy;
}

/** The state behind a proxy, or undefined for any other value. Never sends a request. */
export function stateOf(value: unknown): ProxyState | undefined {
  if (typeof value !== "function") return undefined;
  return (value as { [STATE]?: ProxyState })[STATE];
}

/**
 * Give a Python object back to the runtime now, instead of when it is garbage
 * collected. For an attribute path (`obj.attr`), releases the object it starts
 * from. Later use of the object rejects with a BridgeError.
 */
export function release(proxy: unknown): void {
  const state = stateOf(proxy);
  if (state !== undefined) state.host.release(state);
}
