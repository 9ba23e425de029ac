// src/bridge/call-site.ts
var captureStackTrace = Error.captureStackTrace;
function captureCallSite(below) {
  const site = {};
  if (captureStackTrace !== void 0) captureStackTrace(site, below);
  else site.stack = new Error().stack;
  return site;
}
function callSiteFrames(site) {
  const stack = site.stack;
  if (stack === void 0) return "";
  if (/^\s+at /m.test(stack) && !/^\s+at /.test(stack)) return stack.slice(stack.indexOf("\n") + 1);
  return stack;
}

// src/bridge/errors.ts
var PythonError = class extends Error {
  name = "PythonError";
  type;
  traceback;
  constructor(info, site) {
    super(info.message);
    this.type = info.type;
    this.traceback = info.traceback;
    const header = `PythonError: ${info.type}: ${info.message}`;
    const frames = site === void 0 ? "" : callSiteFrames(site);
    this.stack = frames === "" ? header : `${header}
${frames}`;
  }
};
var BridgeClosedError = class extends Error {
  name = "BridgeClosedError";
};
var BridgeError = class extends Error {
  name = "BridgeError";
};
function abortError(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(reason === void 0 ? "The Python call was aborted" : String(reason), "AbortError");
}

// src/bridge/markers.ts
var KWARGS = /* @__PURE__ */ Symbol.for("polyglot.kwargs");
var PYTHON = /* @__PURE__ */ Symbol.for("polyglot.python");
function kw(values) {
  Object.defineProperty(values, KWARGS, { value: true, enumerable: false });
  return values;
}
function isKwargs(value) {
  return typeof value === "object" && value !== null && value[KWARGS] === true;
}
function pythonMeta(value) {
  if (typeof value !== "function" && typeof value !== "object" || value === null) return void 0;
  try {
    return value[PYTHON];
  } catch {
    return void 0;
  }
}

// src/bridge/call-options.ts
var CALL_OPTIONS = /* @__PURE__ */ Symbol.for("polyglot.callOptions");
function callOptions(options) {
  Object.defineProperty(options, CALL_OPTIONS, { value: true, enumerable: false });
  return options;
}
function isCallOptions(value) {
  return typeof value === "object" && value !== null && value[CALL_OPTIONS] === true;
}
function splitArgs(args) {
  let end = args.length;
  let options;
  let kwargs;
  if (end > 0 && isCallOptions(args[end - 1])) options = args[--end];
  if (end > 0 && isKwargs(args[end - 1])) kwargs = args[--end];
  return { args: end === args.length ? args : args.slice(0, end), kwargs, options };
}

// src/bridge/events.ts
var Listeners = class {
  byEvent = {};
  on(event, listener) {
    const set = this.byEvent[event] ??= /* @__PURE__ */ new Set();
    set.add(listener);
    return () => void set.delete(listener);
  }
  has(event) {
    return (this.byEvent[event]?.size ?? 0) > 0;
  }
  emit(event, value) {
    const set = this.byEvent[event];
    if (set === void 0) return;
    for (const listener of set) listener(value);
  }
};

// src/bridge/iteration.ts
var MAX_BATCH = 256;
var PythonAsyncIterator = class {
  constructor(host) {
    this.host = host;
  }
  host;
  iterator;
  buffer = [];
  index = 0;
  exhausted = false;
  batch = 1;
  /** Calls to next() run one at a time, in order. */
  queue = Promise.resolve();
  [Symbol.asyncIterator]() {
    return this;
  }
  next() {
    const result = this.queue.then(() => this.step());
    this.queue = result.catch(() => void 0);
    return result;
  }
  async return(value) {
    await this.queue;
    this.buffer = [];
    this.finish();
    return { done: true, value };
  }
  async step() {
    if (this.index < this.buffer.length) return { done: false, value: this.buffer[this.index++] };
    if (this.exhausted) return { done: true, value: void 0 };
    try {
      this.iterator ??= await this.host.open();
      const { items, done } = await this.host.next(this.iterator, this.batch);
      this.batch = Math.min(this.batch * 2, MAX_BATCH);
      this.buffer = items;
      this.index = 0;
      if (done) this.finish();
    } catch (error) {
      this.finish();
      throw error;
    }
    if (this.index < this.buffer.length) return { done: false, value: this.buffer[this.index++] };
    return { done: true, value: void 0 };
  }
  finish() {
    this.exhausted = true;
    if (this.iterator !== void 0) this.host.close(this.iterator);
    this.iterator = void 0;
  }
};

// src/bridge/js-functions.ts
var JsFunctionTable = class {
  nextId = 1;
  byId = /* @__PURE__ */ new Map();
  /** Register `fn` for one message and return its ref id. */
  add(fn) {
    const id = this.nextId++;
    this.byId.set(id, fn);
    return id;
  }
  get(id) {
    return this.byId.get(id);
  }
  /** Python let go of these refs. */
  release(ids) {
    for (const id of ids) this.byId.delete(id);
  }
  /** The runtime is gone, and with it every ref it held. */
  clear() {
    this.byId.clear();
  }
  get size() {
    return this.byId.size;
  }
};

// src/bridge/proxy.ts
var ProxyState = class _ProxyState {
  constructor(host, target, path, handle, wire, type) {
    this.host = host;
    this.target = target;
    this.path = path;
    this.handle = handle;
    this.wire = wire;
    this.type = type;
  }
  host;
  target;
  path;
  handle;
  wire;
  type;
  /** Module proxies and attribute paths fetch their value on `await`; resolved objects do not. */
  get thenable() {
    return this.handle === void 0 || this.path.length > 0;
  }
  child(name) {
    return new _ProxyState(this.host, this.target, [...this.path, name], this.handle, void 0, `${this.type}.${name}`);
  }
  meta() {
    const target = this.target;
    return {
      type: this.type,
      ref: "ref" in target ? target.ref : void 0,
      module: "module" in target ? target.module : void 0,
      path: this.path,
      callable: this.wire === void 0 ? true : this.wire.callable
    };
  }
};
var STATE = /* @__PURE__ */ Symbol("polyglot.proxyState");
var INSPECT = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
function describe() {
  const state = stateOf(this);
  return state === void 0 ? "#<py>" : `#<py ${state.type}>`;
}
function iterate() {
  const state = stateOf(this);
  return state.host.iterate(state);
}
function dispose() {
  const state = stateOf(this);
  if (state !== void 0) state.host.release(state);
}
async function asyncDispose() {
  dispose.call(this);
}
var handler = {
  get(target, key) {
    const state = target[STATE];
    if (typeof key === "string") {
      if (key === "then") return state.thenable ? thenFor(state, captureCallSite(handler.get)) : void 0;
      if (key === "toString" || key === "toJSON") return describe;
      return makeProxy(state.child(key));
    }
    switch (key) {
      case STATE:
        return state;
      case PYTHON:
        return state.meta();
      case Symbol.asyncIterator:
        return iterate;
      case Symbol.toPrimitive:
        return describe;
      case INSPECT:
        return describe;
      case Symbol.dispose:
        return state.handle !== void 0 ? dispose : void 0;
      case Symbol.asyncDispose:
        return state.handle !== void 0 ? asyncDispose : void 0;
      default:
        return void 0;
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
    return state.host.call(state, args, captureCallSite(handler.apply));
  }
};
function thenFor(state, site) {
  return (onFulfilled, onRejected) => state.host.getValue(state, site).then(onFulfilled, onRejected);
}
function makeProxy(state) {
  const target = (() => {
  });
  target[STATE] = state;
  target[INSPECT] = describe;
  return new Proxy(target, handler);
}
function stateOf(value) {
  if (typeof value !== "function") return void 0;
  return value[STATE];
}
function release(proxy) {
  const state = stateOf(proxy);
  if (state !== void 0) state.host.release(state);
}

// src/bridge/ref-handle.ts
var RefHandle = class {
  constructor(id, generation) {
    this.id = id;
    this.generation = generation;
  }
  id;
  generation;
  released = false;
};

// src/bridge/ref-releaser.ts
var GENERATION_UNIT = 2 ** 32;
var RefReleaser = class {
  constructor(send, generation) {
    this.send = send;
    this.generation = generation;
    this.registry = new FinalizationRegistry(
      (packed) => this.enqueue(packed % GENERATION_UNIT, Math.floor(packed / GENERATION_UNIT))
    );
  }
  send;
  generation;
  registry;
  queue = [];
  flushScheduled = false;
  track(handle) {
    this.registry.register(handle, handle.generation * GENERATION_UNIT + handle.id, handle);
  }
  /** Release now (explicit `release(proxy)` or `using`). Idempotent. */
  release(handle) {
    if (handle.released) return;
    handle.released = true;
    this.registry.unregister(handle);
    this.enqueue(handle.id, handle.generation);
  }
  /** Release ids that were never wrapped in a handle, from the current runtime. */
  releaseIds(ids) {
    for (const id of ids) this.enqueue(id, this.generation());
  }
  /** The runtime is gone: its ids mean nothing to the next one. */
  reset() {
    this.queue = [];
  }
  enqueue(id, generation) {
    if (generation !== this.generation()) return;
    this.queue.push(id);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => this.flush(), 0);
  }
  flush() {
    this.flushScheduled = false;
    const ids = this.queue;
    if (ids.length === 0) return;
    this.queue = [];
    this.send(ids);
  }
};

// src/bridge/base64.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var PAD = 61;
var encodeTable = new Uint8Array(64);
var decodeTable = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) {
  encodeTable[i] = ALPHABET.charCodeAt(i);
  decodeTable[ALPHABET.charCodeAt(i)] = i;
}
decodeTable[45] = 62;
decodeTable[95] = 63;
var nativeToBase64 = Uint8Array.prototype.toBase64;
var nativeFromBase64 = Uint8Array.fromBase64;
var decoder = new TextDecoder("latin1");
function bytesToBase64(bytes) {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    out[o++] = encodeTable[n >> 18];
    out[o++] = encodeTable[n >> 12 & 63];
    out[o++] = encodeTable[n >> 6 & 63];
    out[o++] = encodeTable[n & 63];
  }
  if (i < length) {
    const n = bytes[i] << 16 | (i + 1 < length ? bytes[i + 1] << 8 : 0);
    out[o++] = encodeTable[n >> 18];
    out[o++] = encodeTable[n >> 12 & 63];
    out[o++] = i + 1 < length ? encodeTable[n >> 6 & 63] : PAD;
    out[o++] = PAD;
  }
  return decoder.decode(out);
}
function base64ToBytes(text) {
  if (nativeFromBase64) return nativeFromBase64(text);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === PAD) end--;
  const out = new Uint8Array(Math.floor(end * 3 / 4));
  let o = 0;
  let bits = 0;
  let buffer = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? decodeTable[code] : 255;
    if (value === 255) {
      if (code === 10 || code === 13 || code === 32) continue;
      throw new SyntaxError(`invalid base64 character ${JSON.stringify(text[i])} at ${i}`);
    }
    buffer = (buffer << 6 | value) & 65535;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = buffer >> bits & 255;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}

// src/bridge/protocol.ts
var PROTOCOL_VERSION = 1;
var WIRE_TAGS = [
  "__pyref__",
  "__jsref__",
  "__bytes__",
  "__bigint__",
  "__float__",
  "__set__",
  "__map__",
  "__dict__"
];

// src/bridge/wire.ts
var DEFERRED = /* @__PURE__ */ Symbol("polyglot.deferred");
var TAGS = new Set(WIRE_TAGS);
var MAX_DEPTH = 500;
var objectProto = Object.prototype;
function isTagLike(key) {
  return key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95 && TAGS.has(key);
}
var WireEncoder = class {
  constructor(hooks) {
    this.hooks = hooks;
  }
  hooks;
  deferred = null;
  /** Functions met so far, so one function twice in a message is one ref. */
  functions = null;
  /** Encode each value; the result is a fresh array (a `list` in Python). */
  list(values) {
    return this.array(values, 0);
  }
  /** Encode an object's own enumerable string keys as kwargs or a dict. */
  record(values) {
    return this.dict(values, 0).out;
  }
  value(value, depth) {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        if (Number.isFinite(value)) return value;
        return { __float__: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
      case "bigint":
        return { __bigint__: value.toString() };
      case "undefined":
        return null;
      case "function":
        return this.fn(value);
      case "object":
        return value === null ? null : this.object(value, depth + 1);
      default:
        throw new BridgeError(`cannot send a ${typeof value} to Python`);
    }
  }
  fn(fn) {
    const ref = this.hooks.proxyToWire(fn);
    if (ref !== void 0) return ref;
    this.functions ??= /* @__PURE__ */ new Map();
    let id = this.functions.get(fn);
    if (id === void 0) this.functions.set(fn, id = this.hooks.functionToWire(fn));
    const jsref = { __jsref__: id };
    return jsref;
  }
  object(value, depth) {
    if (depth > MAX_DEPTH) throw new BridgeError("cannot send a value nested this deeply (is it cyclic?) to Python");
    if (Array.isArray(value)) return this.array(value, depth);
    const proto = Object.getPrototypeOf(value);
    if (proto === objectProto || proto === null) {
      const { out, escaped } = this.dict(value, depth);
      return escaped ? { __dict__: out } : out;
    }
    if (ArrayBuffer.isView(value)) return this.view(value);
    if (value instanceof ArrayBuffer) return { __bytes__: bytesToBase64(new Uint8Array(value)) };
    if (value instanceof Set) return { __set__: this.array(Array.from(value), depth) };
    if (value instanceof Map) return { __map__: this.entries(value, depth) };
    const kind = value.constructor?.name ?? "object";
    throw new BridgeError(`cannot send a ${kind} to Python (send arrays, plain objects, Set, Map, bytes or proxies)`);
  }
  array(values, depth) {
    const length = values.length;
    const out = new Array(length);
    for (let i = 0; i < length; i++) {
      const item = values[i];
      const wire = this.value(item, depth);
      if (wire === DEFERRED) this.defer(out, i, item);
      else out[i] = wire;
    }
    return out;
  }
  dict(values, depth) {
    const out = {};
    let escaped = false;
    for (const key of Object.keys(values)) {
      const item = values[key];
      if (isTagLike(key)) escaped = true;
      const wire = this.value(item, depth);
      if (key === "__proto__") Object.defineProperty(out, key, { value: null, enumerable: true, writable: true, configurable: true });
      if (wire === DEFERRED) this.defer(out, key, item);
      else out[key] = wire;
    }
    return { out, escaped };
  }
  entries(map, depth) {
    const out = [];
    for (const [key, item] of map) out.push(this.array([key, item], depth));
    return out;
  }
  view(view) {
    if (view instanceof Uint8Array || view instanceof Int8Array || view instanceof Uint8ClampedArray || view instanceof DataView) {
      return { __bytes__: bytesToBase64(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)) };
    }
    return this.array(Array.from(view), 0);
  }
  defer(holder, key, proxy) {
    holder[key] = null;
    (this.deferred ??= []).push({ holder, key, proxy });
  }
};
var WireDecoder = class {
  constructor(hooks) {
    this.hooks = hooks;
  }
  hooks;
  value(wire) {
    if (typeof wire !== "object" || wire === null) return wire;
    if (Array.isArray(wire)) return this.array(wire);
    return this.object(wire);
  }
  array(wire) {
    const out = wire;
    for (let i = 0; i < wire.length; i++) {
      const item = wire[i];
      if (typeof item === "object" && item !== null) out[i] = this.value(item);
    }
    return out;
  }
  object(wire) {
    const out = wire;
    for (const key in wire) {
      if (isTagLike(key)) return this.tagged(key, wire);
      const item = wire[key];
      if (typeof item === "object" && item !== null) out[key] = this.value(item);
    }
    return out;
  }
  /** A dict's entries (kwargs, `__dict__`), with no tag detection: its keys are data. */
  record(wire) {
    const out = wire;
    for (const key in wire) {
      const item = wire[key];
      if (typeof item === "object" && item !== null) out[key] = this.value(item);
    }
    return out;
  }
  tagged(tag, wire) {
    const payload = wire[tag];
    switch (tag) {
      case "__pyref__":
        return this.hooks.proxyFor(wire);
      case "__jsref__":
        return this.hooks.functionFor(payload);
      case "__bytes__":
        return base64ToBytes(payload);
      case "__bigint__":
        return BigInt(payload);
      case "__float__":
        return payload === "nan" ? NaN : payload === "inf" ? Infinity : -Infinity;
      case "__set__":
        return new Set(this.array(payload));
      case "__map__": {
        const map = /* @__PURE__ */ new Map();
        for (const [key, item] of payload) map.set(this.value(key), this.value(item));
        return map;
      }
      default:
        return this.record(payload);
    }
  }
};
function refIdsIn(wire, out) {
  if (typeof wire !== "object" || wire === null) return out;
  if (Array.isArray(wire)) {
    for (const item of wire) refIdsIn(item, out);
    return out;
  }
  const record = wire;
  if (typeof record.__pyref__ === "number") {
    out.push(record.__pyref__);
    return out;
  }
  for (const key in record) refIdsIn(record[key], out);
  return out;
}

// src/bridge/bridge.ts
var NO_SITE = {};
var EMPTY_PATH = Object.freeze([]);
var PythonBridge = class {
  constructor(transport, options = {}) {
    this.transport = transport;
    this.autoRestart = options.autoRestart ?? false;
    this.releaser = new RefReleaser(
      (refs) => this.sendRelease(refs),
      () => this.status === "running" ? this.generation : -1
    );
    this.decoder = new WireDecoder({
      proxyFor: (ref) => this.proxyFor(ref),
      functionFor: (id) => {
        const fn = this.jsFunctions.get(id);
        if (fn === void 0) throw new BridgeError(`Python sent JS function ref ${id}, which is not registered`);
        return fn;
      }
    });
    this.encodeHooks = {
      proxyToWire: (fn) => this.proxyToWire(fn),
      functionToWire: (fn) => this.jsFunctions.add(fn)
    };
    this.host = {
      call: (state, args, site) => this.call(state, args, site),
      getValue: (state, site) => this.send({ id: 0, op: "getattr", target: state.target, path: state.path }, state, site),
      setAttr: (state, name, value) => this.setAttr(state, name, value),
      iterate: (state) => this.iterate(state),
      release: (state) => {
        if (state.handle !== void 0) this.releaser.release(state.handle);
      }
    };
  }
  transport;
  status = "idle";
  starting;
  /** Counts runtime starts; ref ids are only meaningful within one. */
  generation = 0;
  exitError;
  nextId = 1;
  /** Requests awaiting replies, oldest first: the oldest is the one Python runs. */
  inFlight = /* @__PURE__ */ new Set();
  sent = {};
  baseDir;
  /** A failed `proxy.x = v`, reported by the next reply. */
  failedSet;
  autoRestart;
  listeners = new Listeners();
  jsFunctions = new JsFunctionTable();
  releaser;
  decoder;
  encodeHooks;
  host;
  // -- public API ------------------------------------------------------------
  /** What the transport says about Python calling JS functions. */
  get callbacks() {
    return this.transport.callbacks;
  }
  get state() {
    return this.status;
  }
  /** A lazy proxy of a module, by name ("math") or file path ("./tools.py"). Imported on first use. */
  module(name) {
    return makeProxy(new ProxyState(this.host, { module: name }, EMPTY_PATH, void 0, void 0, name));
  }
  /** Start the runtime now (it otherwise starts on first use); also restarts one that exited. */
  start() {
    if (this.status === "exited") return this.launch();
    return this.ensureRunning();
  }
  /** Where file modules ("./tools.py") are found. Sent now if running, else when the runtime starts. */
  async configure(options) {
    this.baseDir = options.baseDir;
    if (this.status !== "running" || this.baseDir === void 0) return;
    await this.send({ id: 0, op: "configure", base_dir: this.baseDir }, void 0, captureCallSite(this.configure));
  }
  /** Run Python source in module `moduleName` (created when missing). */
  async exec(moduleName, source, filename) {
    const message = { id: 0, op: "exec", module: moduleName, source };
    if (filename !== void 0) message.filename = filename;
    await this.send(message, void 0, captureCallSite(this.exec));
  }
  async stats() {
    const result = await this.send({ id: 0, op: "stats" }, void 0, NO_SITE);
    return { objects: result.objects, jsRefs: result.js_refs, jsFunctions: this.jsFunctions.size };
  }
  /** How many requests of each op this bridge has sent, e.g. to check that a call was one envelope. */
  requestCounts() {
    return { ...this.sent };
  }
  /** Raise KeyboardInterrupt in the Python code running now. */
  interrupt() {
    if (this.status === "running") this.transport.interrupt();
  }
  /** Kill the runtime as a crash would: pending calls reject with BridgeClosedError. */
  kill() {
    if (this.status === "running" || this.status === "starting") this.transport.kill();
  }
  /** Shut the runtime down. Calls made afterwards reject with BridgeClosedError. */
  async close() {
    const active = this.status === "running" || this.status === "starting";
    this.status = "closed";
    if (!active) return;
    await this.starting?.catch(() => void 0);
    await this.transport.close();
  }
  /** Subscribe to "stdout" | "stderr" (text), "exit" (error) or "error" (a failed attribute set). */
  on(event, listener) {
    return this.listeners.on(event, listener);
  }
  // -- lifecycle ---------------------------------------------------------------
  ensureRunning() {
    switch (this.status) {
      case "running":
        return Promise.resolve();
      case "starting":
        return this.starting;
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
  launch() {
    const generation = ++this.generation;
    this.status = "starting";
    const handlers = {
      onPythonRequest: (request) => this.answer(request),
      onNotice: (notice) => this.notice(notice),
      onExit: (error) => this.exited(error, generation)
    };
    this.starting = this.transport.start(handlers).then(
      () => this.configureStarted(generation),
      (error) => {
        if (this.generation === generation && this.status === "starting") this.status = "idle";
        throw error;
      }
    );
    return this.starting;
  }
  async configureStarted(generation) {
    if (this.baseDir !== void 0) {
      const reply = await this.transport.request({ id: this.nextId++, op: "configure", base_dir: this.baseDir });
      if (!reply.ok) throw new PythonError(reply.error);
    }
    if (this.generation === generation && this.status === "starting") this.status = "running";
  }
  exited(error, generation) {
    if (generation !== this.generation) return;
    if (this.status !== "closed") this.status = "exited";
    this.exitError = error;
    this.jsFunctions.clear();
    this.releaser.reset();
    this.inFlight.clear();
    this.listeners.emit("exit", error);
  }
  notice(notice) {
    if (notice.type === "release_js") this.jsFunctions.release(notice.refs);
    else this.listeners.emit(notice.type, notice.data);
  }
  // -- requests ----------------------------------------------------------------
  /** Hand a request to the transport, starting the runtime first when needed. */
  request(message) {
    this.sent[message.op] = (this.sent[message.op] ?? 0) + 1;
    if (this.status === "running") return this.transport.request(message);
    return this.ensureRunning().then(() => this.transport.request(message));
  }
  /**
   * Send a request (its id is assigned here) and decode the reply. `subject`
   * is the proxy it acts on, checked for staleness first.
   */
  send(message, subject, site, signal) {
    if (subject?.handle !== void 0) {
      const stale = this.staleness(subject);
      if (stale !== void 0) return Promise.reject(stale);
    }
    const id = message.id = this.nextId++;
    this.inFlight.add(id);
    const result = this.request(message).then(
      (reply) => {
        this.inFlight.delete(id);
        return this.settle(reply, site);
      },
      (error) => {
        this.inFlight.delete(id);
        throw error;
      }
    );
    return signal === void 0 ? result : this.abortable(result, id, signal);
  }
  settle(reply, site) {
    let value;
    if (reply.ok) {
      const result = reply.result;
      value = typeof result === "object" && result !== null ? this.decoder.value(result) : result;
    }
    const failedSet = this.failedSet;
    if (failedSet !== void 0) {
      this.failedSet = void 0;
      throw failedSet;
    }
    if (!reply.ok) throw new PythonError(reply.error, site);
    return value;
  }
  abortable(result, id, signal) {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (this.inFlight.values().next().value === id) this.interrupt();
        this.inFlight.delete(id);
        reject(abortError(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      void result.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }
  call(state, rawArgs, site) {
    try {
      const { args, kwargs, options } = splitArgs(rawArgs);
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(abortError(signal));
      const encoder = new WireEncoder(this.encodeHooks);
      const message = { id: 0, op: "call", target: state.target, path: state.path, args: encoder.list(args) };
      if (kwargs !== void 0) message.kwargs = encoder.record(kwargs);
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
  setAttr(state, name, value) {
    try {
      const encoder = new WireEncoder(this.encodeHooks);
      const holder = encoder.list([value]);
      const message = { id: 0, op: "setattr", target: state.target, path: [...state.path, name], value: null };
      const sent = encoder.deferred === null ? this.send((message.value = holder[0], message), state, NO_SITE) : this.fill(encoder.deferred, NO_SITE).then((refs) => {
        message.value = holder[0];
        const result = this.send(message, state, NO_SITE);
        this.releaser.releaseIds(refs);
        return result;
      });
      sent.catch((error) => this.reportFailedSet(error));
    } catch (error) {
      this.reportFailedSet(error);
    }
  }
  reportFailedSet(error) {
    const failure = error instanceof Error ? error : new BridgeError(String(error));
    this.failedSet = failure;
    this.listeners.emit("error", failure);
  }
  iterate(state) {
    const site = NO_SITE;
    return new PythonAsyncIterator({
      open: () => this.send({ id: 0, op: "iter", target: state.target, path: state.path }, state, site),
      next: (iterator, n) => {
        const iteratorState = stateOf(iterator);
        if (iteratorState === void 0) return Promise.reject(new BridgeError("iter() did not return a Python iterator"));
        const message = { id: 0, op: "next", target: iteratorState.target, path: [], n };
        return this.send(message, iteratorState, site);
      },
      close: (iterator) => {
        const iteratorState = stateOf(iterator);
        if (iteratorState?.handle !== void 0) this.releaser.release(iteratorState.handle);
      }
    });
  }
  /** Fetch the values of lazy proxies an encoder deferred; returns the ref ids to release once sent. */
  async fill(slots, site) {
    const refs = [];
    await Promise.all(
      slots.map(async (slot) => {
        const state = stateOf(slot.proxy);
        const stale = this.staleness(state);
        if (stale !== void 0) throw stale;
        const message = { id: this.nextId++, op: "getattr", target: state.target, path: state.path };
        const reply = await this.request(message);
        if (!reply.ok) throw new PythonError(reply.error, site);
        slot.holder[slot.key] = reply.result;
        refIdsIn(reply.result, refs);
      })
    );
    return refs;
  }
  sendRelease(refs) {
    this.request({ id: this.nextId++, op: "release", refs }).then(
      () => void 0,
      () => void 0
      // the runtime is gone, and its table with it
    );
  }
  // -- values ------------------------------------------------------------------
  proxyFor(ref) {
    const handle = new RefHandle(ref.__pyref__, this.generation);
    this.releaser.track(handle);
    return makeProxy(new ProxyState(this.host, { ref: ref.__pyref__ }, EMPTY_PATH, handle, ref, ref.type));
  }
  proxyToWire(fn) {
    const state = stateOf(fn);
    if (state === void 0) return void 0;
    if (state.host !== this.host) throw new BridgeError("this Python proxy belongs to another PythonBridge");
    if (state.handle !== void 0) {
      const stale = this.staleness(state);
      if (stale !== void 0) throw stale;
    }
    return state.thenable ? DEFERRED : state.wire;
  }
  /** Why a ref-rooted proxy can no longer be used, if it cannot. */
  staleness(state) {
    const handle = state.handle;
    if (handle === void 0) return void 0;
    if (handle.released) return new BridgeError(`this Python ${state.type} was released`);
    if (handle.generation !== this.generation || this.status === "exited") {
      return new BridgeError(`this Python ${state.type} belonged to a Python runtime that has exited; get it again`);
    }
    return void 0;
  }
  // -- callbacks (Python → JS) -------------------------------------------------
  async answer(request) {
    try {
      const fn = this.jsFunctions.get(request.fn);
      if (fn === void 0) throw new BridgeError(`JS function ref ${request.fn} was already released`);
      const args = this.decoder.value(request.args);
      if (request.kwargs !== void 0) args.push(kw(this.decoder.record(request.kwargs)));
      const value = await fn(...args);
      return { id: request.id, ok: true, result: await this.encodeResult(value) };
    } catch (error) {
      return { id: request.id, ok: false, error: describeJsError(error) };
    }
  }
  async encodeResult(value) {
    const encoder = new WireEncoder(this.encodeHooks);
    const holder = encoder.list([value]);
    if (encoder.deferred !== null) {
      const refs = await this.fill(encoder.deferred, NO_SITE);
      setTimeout(() => this.releaser.releaseIds(refs), 0);
    }
    return holder[0];
  }
};
function describeJsError(error) {
  if (error instanceof PythonError) {
    return { type: "PythonError", message: `${error.type}: ${error.message}`, traceback: error.traceback };
  }
  if (error instanceof Error) {
    return { type: error.name, message: error.message, traceback: error.stack ?? `${error.name}: ${error.message}` };
  }
  let text;
  try {
    text = String(error);
  } catch {
    text = "a value that cannot be shown";
  }
  return { type: "Error", message: `thrown: ${text}`, traceback: "" };
}
export {
  BridgeClosedError,
  BridgeError,
  CALL_OPTIONS,
  KWARGS,
  PROTOCOL_VERSION,
  PYTHON,
  PythonBridge,
  PythonError,
  callOptions,
  isCallOptions,
  isKwargs,
  kw,
  pythonMeta,
  release
};
