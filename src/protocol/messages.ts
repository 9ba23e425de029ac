// The bridge's wire protocol, declared once.
//
// Every message that travels between a JS host and the Python runtime
// (py/polyglot_runtime) is one of the types below, encoded as one JSON object
// (one line on stdio). The Python runtime, the transports and docs/protocol.md
// all follow this table; change it here first (and contract.ts with
// py/polyglot_runtime/protocol.py for the tables both sides check).
//
//   host → Python   Request            {id, op, ...}
//   Python → host   Reply              {id, ok: true, result} | {id, ok: false, error}
//   Python → host   PythonRequest      {id: "py-N", op: "call_js" | "input", ...}   (a callback, input())
//   host → Python   Reply              the answer to a PythonRequest, same shape
//   Python → host   Notice             {type: "ready" | "stdout" | "stderr" | "release_js" | "display", ...}

import { OPS, PICTURE_TYPES, PYTHON_OPS, WIRE_TAGS } from "./contract.js";

export { PROTOCOL_VERSION, WIRE_TAGS } from "./contract.js";

// ---------------------------------------------------------------------------
// Wire values: plain JSON for plain data, a one-tag object for everything else.
// ---------------------------------------------------------------------------

/** A reference to a Python object held in the runtime's object table. */
export interface WireRef {
  __pyref__: number;
  /** `type(obj).__name__`, e.g. "Counter", "module", "function". */
  type: string;
  /** `callable(obj)`. */
  callable: boolean;
}

/** A JS function handed to Python; Python calls it back with `call_js`. */
export interface WireJsRef {
  __jsref__: number;
}

export type WireTagged =
  | WireRef
  | WireJsRef
  /** bytes / bytearray / memoryview ↔ Uint8Array, base64. */
  | { __bytes__: string }
  /** An int beyond ±(2^53 - 1) ↔ BigInt, decimal digits. A BigInt from JS always travels this way. */
  | { __bigint__: string }
  /** NaN and ±Infinity, which JSON cannot carry, and JS -0 (JSON writes 0); Python's -0.0 is plain JSON "-0.0". */
  | { __float__: "nan" | "inf" | "-inf" | "-0" }
  /**
   * A list of floats as base64 of little-endian float64s ↔ Array of numbers. Python sends
   * an exact `list` of ≥ 64 `float`s this way; JS an Array of ≥ 64 numbers with a non-integer
   * among them, and a Float64Array of ≥ 64 elements. Python receives a list of floats.
   */
  | { __f64__: string }
  /** set / frozenset ↔ Set. */
  | { __set__: WireValue[] }
  /** A dict with a key that is not a string ↔ Map. Entries are [key, value]. */
  | { __map__: [WireValue, WireValue][] }
  /** A plain dict whose keys would otherwise be mistaken for a tag. */
  | { __dict__: { [key: string]: WireValue } };

export type WireValue =
  | null
  | boolean
  | number
  | string
  | WireValue[]
  | WireTagged
  | { [key: string]: WireValue };

export type WireTag = (typeof WIRE_TAGS)[number];

// ---------------------------------------------------------------------------
// Targets: what an op acts on.
// ---------------------------------------------------------------------------

/**
 * An op's subject: a ref from the object table, or a module by name or file
 * path ("./tools.py", resolved against the runtime's base folder and imported
 * on first use). The op's `path` then walks attributes from there, so
 * `statistics.mean([1, 2])` on a module not yet imported is ONE `call`.
 */
export type Target = { ref: number } | { module: string };

// ---------------------------------------------------------------------------
// Requests from the host to Python.
// ---------------------------------------------------------------------------

export type RequestId = number | string;

interface Base<Op extends string> {
  id: RequestId;
  op: Op;
}

export interface PingRequest extends Base<"ping"> {}
/** Settings of the runtime; a field left out keeps its value. */
export interface ConfigureRequest extends Base<"configure"> {
  /** Where relative file modules are found ("./tools.py"). */
  base_dir?: string;
  /** The host answers InputRequests: Python's input() asks it. Until then input() runs as Python's own. */
  input?: boolean;
}
/** Import a module by name or file path; the reply is its ref. */
export interface ImportRequest extends Base<"import"> {
  module: string;
}
/** The value of `target.path[0].path[1]…` (the target itself when path is empty). */
export interface GetAttrRequest extends Base<"getattr"> {
  target: Target;
  path: string[];
}
/** `setattr(target.path[:-1], path[-1], value)`; path is not empty. Replies null. */
export interface SetAttrRequest extends Base<"setattr"> {
  target: Target;
  path: string[];
  value: WireValue;
}
/** Call `target.path…(*args, **kwargs)`. */
export interface CallRequest extends Base<"call"> {
  target: Target;
  path: string[];
  args: WireValue[];
  kwargs?: { [name: string]: WireValue };
}
/** `repr()` of the value; the reply is a string. */
export interface ReprRequest extends Base<"repr"> {
  target: Target;
  path: string[];
}
/** `str()` of the value; the reply is a string. */
export interface StrRequest extends Base<"str"> {
  target: Target;
  path: string[];
}
/** Drop refs from the object table. Unknown ids are ignored. Replies the number released. */
export interface ReleaseRequest extends Base<"release"> {
  refs: number[];
}
/** `iter()` of the value; the reply is a ref to the iterator. */
export interface IterRequest extends Base<"iter"> {
  target: Target;
  path: string[];
}
/** Up to `n` items from an iterator (ref); the reply is a NextResult. */
export interface NextRequest extends Base<"next"> {
  target: Target;
  path: string[];
  n: number;
}
/** Run Python source in the named module (created and put in sys.modules when missing). Replies null. */
export interface ExecRequest extends Base<"exec"> {
  module: string;
  source: string;
  filename?: string;
}
/** The object table's size; the reply is a StatsResult. */
export interface StatsRequest extends Base<"stats"> {}

export type Request =
  | PingRequest
  | ConfigureRequest
  | ImportRequest
  | GetAttrRequest
  | SetAttrRequest
  | CallRequest
  | ReprRequest
  | StrRequest
  | ReleaseRequest
  | IterRequest
  | NextRequest
  | ExecRequest
  | StatsRequest;

export type Op = Request["op"];

// Every op of the contract has a request type here, and every request type is in the contract.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const opsAgree: SameKeys<typeof OPS, { [K in Op]: unknown }> = true;
void opsAgree;

/** The request type of one op. */
export type RequestOf<O extends Op> = Extract<Request, { op: O }>;

export interface NextResult {
  items: WireValue[];
  /** True once the iterator is exhausted; `items` may still hold the last few. */
  done: boolean;
}

export interface StatsResult {
  /** Live entries in the object table. */
  objects: number;
  /** JS function refs Python still holds. */
  js_refs: number;
}

/** What each op's successful reply carries in `result` (as sent: wire values, not yet decoded). */
export interface ResultOf {
  ping: "pong";
  configure: null;
  import: WireValue;
  getattr: WireValue;
  setattr: null;
  call: WireValue;
  repr: string;
  str: string;
  release: number;
  iter: WireValue;
  next: NextResult;
  exec: null;
  stats: StatsResult;
}

/**
 * What a bridge's send() resolves to for each op: ResultOf with wire values decoded
 * into JS values (any value, since a WireValue may decode to a proxy, a Map, bytes…).
 */
export type DecodedResultOf = {
  [O in Op]: ResultOf[O] extends NextResult
    ? { items: unknown[]; done: boolean }
    : WireValue extends ResultOf[O]
      ? unknown
      : ResultOf[O];
};

// ---------------------------------------------------------------------------
// Requests from Python to the host (callbacks).
// ---------------------------------------------------------------------------

/** Python called a JS function ref. The host answers with a Reply of the same id. Ids are "py-N". */
export interface CallJsRequest {
  id: string;
  op: "call_js";
  fn: number;
  args: WireValue[];
  kwargs?: { [name: string]: WireValue };
}

/**
 * Python's input(prompt), once `configure` said the host answers. The host replies with the
 * line (a string, without its newline) or null at end of input (Python raises EOFError);
 * an error reply of type "KeyboardInterrupt" (the wait was cancelled) raises KeyboardInterrupt.
 */
export interface InputRequest {
  id: string;
  op: "input";
  prompt: string;
}

/** What an InputRequest's reply carries in `result`. */
export type InputResult = string | null;

export type PythonRequest = CallJsRequest | InputRequest;

// ---------------------------------------------------------------------------
// Replies (both directions).
// ---------------------------------------------------------------------------

export interface ErrorInfo {
  /** Exception class name: "ValueError", "KeyboardInterrupt", "JSError", "BridgeError"… */
  type: string;
  message: string;
  /** Python's formatted traceback (or the JS stack, for errors raised on the JS side). */
  traceback: string;
  /** Python errors: the class names of the exception's MRO, own class first ("ValueError", …, "object"). */
  mro?: string[];
}

export interface OkReply<T = WireValue> {
  id: RequestId;
  ok: true;
  result: T;
}

export interface ErrorReply {
  id: RequestId;
  ok: false;
  error: ErrorInfo;
}

export type Reply<T = WireValue> = OkReply<T> | ErrorReply;

// ---------------------------------------------------------------------------
// Notices: Python → host, no reply expected.
// ---------------------------------------------------------------------------

/** First line the CPython runtime writes on stdio. */
export interface ReadyNotice {
  type: "ready";
  protocol: number;
  python: string;
}

/** User code printed; sent before the reply of the call that printed. */
export interface OutputNotice {
  type: "stdout" | "stderr";
  data: string;
}

/** Python dropped its last reference to these JS function refs. */
export interface ReleaseJsNotice {
  type: "release_js";
  refs: number[];
}

/** A picture type of the contract: "image/png", "image/svg+xml", "text/html"… */
export type PictureType = (typeof PICTURE_TYPES)[number];

/**
 * Python's `show(x)`: a picture for the host's output, sent in order with the output
 * around it. `data` is base64 of the image's bytes (of UTF-8 text for SVG and HTML).
 */
export interface DisplayNotice {
  type: "display";
  mime: PictureType;
  data: string;
}

/** The notices a transport hands to its bridge (ready is the transport's own business). */
export type HostNotice = OutputNotice | ReleaseJsNotice | DisplayNotice;

export type Notice = ReadyNotice | HostNotice;

/** Anything Python sends to the host. */
export type FromPython = Reply | PythonRequest | Notice;

/** Anything the host sends to Python. */
export type ToPython = Request | Reply;

export function isReply(message: FromPython | ToPython): message is Reply {
  return "ok" in message;
}

export function isNotice(message: FromPython): message is Notice {
  return "type" in message && !("id" in message);
}

export function isPythonRequest(message: FromPython): message is PythonRequest {
  return "op" in message && (PYTHON_OPS as readonly string[]).includes(message.op);
}
