// The bridge's public API: Python objects as async JS proxies, over any Transport.
//
//   const bridge = new PythonBridge(new NodePythonTransport(), { autoRestart: true });
//   const math = bridge.module("math");          // lazy: nothing is sent yet
//   await math.gcd(12, 18);                      // ONE `call` envelope, import included
//   await math.pi;                               // paths are thenable: `getattr`
//   const c = await bridge.module("collections").Counter("abc");  // a ref proxy (not thenable)
//   await c.most_common(1, callOptions({ signal }));              // abortable
//   await json.dumps(obj, kw({ sort_keys: true }));               // keyword arguments
//   for await (const x of await itertools.count()) …             // lazy batches
//   c.limit = 3;                                 // setattr; a failure rejects the next call
//   release(c);                                  // or `using`, or let GC do it
export { PythonBridge } from "./bridge.js";
export type { BridgeOptions, BridgeStats, BridgeStatus } from "./bridge.js";
export type { BridgeEvents } from "./events.js";
export { release } from "./proxy.js";
export type { PyProxy, PyObject } from "./proxy.js";
export { kw, isKwargs, pythonMeta, KWARGS, PYTHON } from "../protocol/markers.js";
export type { PythonMeta } from "../protocol/markers.js";
export { callOptions, isCallOptions, CALL_OPTIONS } from "./call-options.js";
export type { CallOptions } from "./call-options.js";
export { PythonError, BridgeClosedError, BridgeError } from "./errors.js";
export { PROTOCOL_VERSION } from "../protocol/messages.js";
export type { Transport, TransportHandlers, CallbackSupport } from "../protocol/transport.js";
