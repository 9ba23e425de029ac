// JS values ↔ wire values (protocol.ts), one direction per class.
//
// Plain data travels as JSON; everything else as a one-tag object. Python
// proxies and JS functions need the bridge, so both classes take hooks.
import { bytesToBase64, base64ToBytes } from "./base64.js";
import { BridgeError } from "./errors.js";
import { LIMITS } from "../protocol/contract.js";
import { WIRE_TAGS, type WireJsRef, type WireRef, type WireValue } from "../protocol/messages.js";

type WireRecord = { [key: string]: WireValue };
type AnyFunction = (...args: never[]) => unknown;

/**
 * Stands in for a lazy path proxy (`math.pi`) whose value must be fetched
 * before it can be sent; see `WireEncoder.deferred`.
 */
export const DEFERRED: unique symbol = Symbol("polyglot.deferred");

export interface EncodeHooks {
  /** A proxy's ref, DEFERRED for a lazy path proxy, or undefined when `fn` is no proxy of this bridge. */
  proxyToWire(fn: AnyFunction): WireRef | typeof DEFERRED | undefined;
  /** Register a JS function for this message and return its ref id. */
  functionToWire(fn: AnyFunction): number;
}

export interface DecodeHooks {
  proxyFor(ref: WireRef): unknown;
  functionFor(id: number): unknown;
}

/** A slot the encoder left empty for a lazy proxy: fill with `holder[key] = wireValue`. */
export interface DeferredSlot {
  holder: WireValue[] | WireRecord;
  key: number | string;
  proxy: AnyFunction;
}

const TAGS: ReadonlySet<string> = new Set(WIRE_TAGS);
/**
 * An array of at least this many numbers, one of them not an integer, travels as
 * `{__f64__: base64}` (binary float64): JSON numbers are slow to write and parse in
 * bulk. Shorter arrays stay readable JSON. Python's runtime uses the same threshold.
 */
export const F64_MIN_LENGTH = LIMITS.f64MinLength;
/** The wire's float64 arrays are little-endian; typed arrays use the platform's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Python refuses containers nested deeper than this; so JS does, before sending, saying where. */
const MAX_DEPTH = LIMITS.maxDepth;
const objectProto = Object.prototype;

function isTagLike(key: string): boolean {
  return key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95 && TAGS.has(key);
}

/**
 * Encodes JS values for Python. One encoder per message: it collects the
 * lazy proxies it met in `deferred` (their slots hold null until filled).
 */
export class WireEncoder {
  deferred: DeferredSlot[] | null = null;
  /** Functions met so far, so one function twice in a message is one ref. */
  private functions: Map<AnyFunction, number> | null = null;

  constructor(private readonly hooks: EncodeHooks) {}

  /**
   * Encode each value; the result is a fresh array (a `list` in Python). `what` names
   * the values in errors: "args" (numbered from 1), or one value such as "the value".
   */
  list(values: readonly unknown[], what = "args"): WireValue[] {
    try {
      return this.array(values, 0);
    } catch (error) {
      throw error instanceof TooDeepError ? error.finish(what === "args" ? "argument " : `${what} `, what === "args") : error;
    }
  }

  /** Encode an object's own enumerable string keys as kwargs or a dict. */
  record(values: Record<string, unknown>): WireRecord {
    try {
      return this.dict(values, 0).out;
    } catch (error) {
      throw error instanceof TooDeepError ? error.finish("keyword argument ", false) : error;
    }
  }

  private value(value: unknown, depth: number): WireValue | typeof DEFERRED {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        // JSON writes -0 as 0: the sign travels as a tag, so Python gets the float -0.0.
        if (Number.isFinite(value)) return value !== 0 || 1 / value > 0 ? value : { __float__: "-0" };
        return { __float__: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
      case "bigint":
        return { __bigint__: value.toString() };
      case "undefined":
        return null;
      case "function":
        return this.fn(value as AnyFunction);
      case "object":
        return value === null ? null : this.object(value, depth + 1);
      default:
        throw new BridgeError(`cannot send a ${typeof value} to Python`);
    }
  }

  private fn(fn: AnyFunction): WireValue | typeof DEFERRED {
    const ref = this.hooks.proxyToWire(fn);
    if (ref !== undefined) return ref as WireRef | typeof DEFERRED;
    this.functions ??= new Map();
    let id = this.functions.get(fn);
    if (id === undefined) this.functions.set(fn, (id = this.hooks.functionToWire(fn)));
    const jsref: WireJsRef = { __jsref__: id };
    return jsref;
  }

  private object(value: object, depth: number): WireValue {
    if (depth > MAX_DEPTH) throw new TooDeepError();
    if (Array.isArray(value)) return (value.length >= F64_MIN_LENGTH && floatsToWire(value)) || this.array(value, depth);
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === objectProto || proto === null) {
      const { out, escaped } = this.dict(value as Record<string, unknown>, depth);
      return escaped ? { __dict__: out } : out;
    }
    if (ArrayBuffer.isView(value)) return this.view(value);
    if (value instanceof ArrayBuffer) return { __bytes__: bytesToBase64(new Uint8Array(value)) };
    if (value instanceof Set) return { __set__: this.array(Array.from(value), depth) };
    if (value instanceof Map) return { __map__: this.entries(value, depth) };
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new BridgeError(`cannot send a ${kind} to Python (send arrays, plain objects, Set, Map, bytes or proxies)`);
  }

  private array(values: readonly unknown[], depth: number): WireValue[] {
    const length = values.length;
    const out = new Array<WireValue>(length);
    let i = 0;
    try {
      for (; i < length; i++) {
        const item = values[i];
        const wire = this.value(item, depth);
        if (wire === DEFERRED) this.defer(out, i, item as AnyFunction);
        else out[i] = wire;
      }
    } catch (error) {
      throw error instanceof TooDeepError ? error.within(i) : error;
    }
    return out;
  }

  private dict(values: Record<string, unknown>, depth: number): { out: WireRecord; escaped: boolean } {
    const out: WireRecord = {};
    let escaped = false;
    let key = "";
    try {
      for (key of Object.keys(values)) {
        const item = values[key];
        if (isTagLike(key)) escaped = true;
        const wire = this.value(item, depth);
        // defineProperty keeps a "__proto__" key an ordinary key.
        if (key === "__proto__") Object.defineProperty(out, key, { value: null, enumerable: true, writable: true, configurable: true });
        if (wire === DEFERRED) this.defer(out, key, item as AnyFunction);
        else out[key] = wire;
      }
    } catch (error) {
      throw error instanceof TooDeepError ? error.within(key) : error;
    }
    return { out, escaped };
  }

  private entries(map: Map<unknown, unknown>, depth: number): [WireValue, WireValue][] {
    const out: [WireValue, WireValue][] = [];
    for (const [key, item] of map) out.push(this.array([key, item], depth) as [WireValue, WireValue]);
    return out;
  }

  private view(view: ArrayBufferView): WireValue {
    // Float64s are floats already: no scan, and Python gets floats even for integral values.
    if (view instanceof Float64Array && view.length >= F64_MIN_LENGTH) return { __f64__: float64ToBase64(view) };
    if (view instanceof Uint8Array || view instanceof Int8Array || view instanceof Uint8ClampedArray || view instanceof DataView) {
      return { __bytes__: bytesToBase64(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)) };
    }
    // Wider typed arrays hold numbers, not bytes: send them as a list.
    return this.array(Array.from(view as unknown as ArrayLike<unknown>), 0);
  }

  private defer(holder: WireValue[] | WireRecord, key: number | string, proxy: AnyFunction): void {
    (holder as Record<string | number, WireValue>)[key] = null;
    (this.deferred ??= []).push({ holder, key, proxy });
  }
}

/**
 * A value nested deeper than MAX_DEPTH. Thrown at the level that is too deep; each
 * enclosing array or object adds its key on the way out, and list() or record()
 * finishes the message, so it says where.
 */
class TooDeepError extends BridgeError {
  private readonly path: (number | string)[] = [];

  constructor() {
    super(`cannot send a value nested deeper than ${MAX_DEPTH} levels to Python`);
  }

  within(key: number | string): this {
    this.path.unshift(key);
    return this;
  }

  /** `head` names the outermost key ("argument " + its number from 1, or "keyword argument " + its name). */
  finish(head: string, numbered: boolean): this {
    const [first, ...rest] = this.path;
    const root = numbered && typeof first === "number" ? `${head}${first + 1}` : typeof first === "string" ? `${head}${JSON.stringify(first)}` : head.trim();
    const inner = rest.length <= 12 ? rest.map(step).join("") : `${rest.slice(0, 6).map(step).join("")}…${rest.slice(-3).map(step).join("")}`;
    const where = inner === "" ? root : `${root}, at ${inner}`;
    this.message = `cannot send a value nested deeper than ${MAX_DEPTH} levels to Python (is it cyclic?): ${where} (level ${MAX_DEPTH + 1})`;
    return this;
  }
}

/** One step of a path into a value: `[3]`, `.name` or `["odd key"]`. */
function step(key: number | string): string {
  if (typeof key === "number") return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * Decodes wire values from Python. Works in place on freshly parsed JSON
 * (arrays and plain dicts are reused), so it must see each value once.
 */
export class WireDecoder {
  constructor(private readonly hooks: DecodeHooks) {}

  value(wire: WireValue): unknown {
    if (typeof wire !== "object" || wire === null) return wire;
    if (Array.isArray(wire)) return this.array(wire);
    return this.object(wire as WireRecord);
  }

  private array(wire: WireValue[]): unknown[] {
    const out = wire as unknown[];
    for (let i = 0; i < wire.length; i++) {
      const item = wire[i]!;
      if (typeof item === "object" && item !== null) out[i] = this.value(item);
    }
    return out;
  }

  private object(wire: WireRecord): unknown {
    const out = wire as Record<string, unknown>;
    for (const key in wire) {
      if (isTagLike(key)) return this.tagged(key, wire);
      const item = wire[key]!;
      if (typeof item === "object" && item !== null) out[key] = this.value(item);
    }
    return out;
  }

  /** A dict's entries (kwargs, `__dict__`), with no tag detection: its keys are data. */
  record(wire: WireRecord): Record<string, unknown> {
    const out = wire as Record<string, unknown>;
    for (const key in wire) {
      const item = wire[key]!;
      if (typeof item === "object" && item !== null) out[key] = this.value(item);
    }
    return out;
  }

  private tagged(tag: string, wire: WireRecord): unknown {
    const payload = wire[tag];
    switch (tag) {
      case "__pyref__":
        return this.hooks.proxyFor(wire as unknown as WireRef);
      case "__jsref__":
        return this.hooks.functionFor(payload as number);
      case "__bytes__":
        return base64ToBytes(payload as string);
      case "__bigint__":
        return BigInt(payload as string);
      case "__float__":
        return payload === "nan" ? NaN : payload === "inf" ? Infinity : payload === "-0" ? -0 : -Infinity;
      case "__f64__":
        return base64ToFloats(payload as string);
      case "__set__":
        return new Set(this.array(payload as WireValue[]));
      case "__map__": {
        const map = new Map<unknown, unknown>();
        for (const [key, item] of payload as [WireValue, WireValue][]) map.set(this.value(key), this.value(item));
        return map;
      }
      default: // "__dict__"
        return this.record(payload as WireRecord);
    }
  }
}

/**
 * `{__f64__}` for an array of numbers with at least one non-integer (NaN and ±Infinity
 * count), else undefined. All-integer arrays stay JSON so Python gets ints, not floats;
 * in a mixed array Python gets every element as a float.
 */
function floatsToWire(values: readonly unknown[]): { __f64__: string } | undefined {
  const length = values.length;
  if (typeof values[0] !== "number") return undefined; // the usual miss, before allocating
  const floats = new Float64Array(length);
  let fractional = false;
  for (let i = 0; i < length; i++) {
    const item = values[i];
    if (typeof item !== "number") return undefined;
    if (!fractional && !Number.isInteger(item)) fractional = true;
    floats[i] = item;
  }
  return fractional ? { __f64__: float64ToBase64(floats) } : undefined;
}

function float64ToBase64(floats: Float64Array): string {
  if (LITTLE_ENDIAN) return bytesToBase64(new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength));
  const bytes = new Uint8Array(floats.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setFloat64(i * 8, floats[i]!, true);
  return bytesToBase64(bytes);
}

/** `__f64__` → a plain Array of numbers (a Python list arrives as an Array). */
function base64ToFloats(text: string): number[] {
  const bytes = base64ToBytes(text);
  if (bytes.length % 8 !== 0) throw new BridgeError(`__f64__ must hold whole 8-byte floats, got ${bytes.length} bytes`);
  const length = bytes.length / 8;
  const out = new Array<number>(length);
  if (LITTLE_ENDIAN) {
    // A Float64Array view needs 8-byte alignment; copy when the decoder's buffer lacks it.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    const floats = new Float64Array(aligned.buffer, aligned.byteOffset, length);
    for (let i = 0; i < length; i++) out[i] = floats[i]!;
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < length; i++) out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}

/** The object-table ids of every `__pyref__` inside a wire value. */
export function refIdsIn(wire: WireValue, out: number[]): number[] {
  if (typeof wire !== "object" || wire === null) return out;
  if (Array.isArray(wire)) {
    for (const item of wire) refIdsIn(item, out);
    return out;
  }
  const record = wire as WireRecord;
  if (typeof record.__pyref__ === "number") {
    out.push(record.__pyref__);
    return out;
  }
  for (const key in record) refIdsIn(record[key]!, out);
  return out;
}
