// The bridge's public API: Python objects as async JS proxies.
export { PythonBridge } from "./bridge.js";
export type { BridgeOptions, BridgeStats, BridgeStatus } from "./bridge.js";
export type { BridgeEvents } from "./events.js";
export { release } from "./proxy.js";
export type { PyProxy } from "./proxy.js";
export { kw, isKwargs, pythonMeta, KWARGS, PYTHON } from "./markers.js";
export type { PythonMeta } from "./markers.js";
export { callOptions, isCallOptions, CALL_OPTIONS } from "./call-options.js";
export type { CallOptions } from "./call-options.js";
export { PythonError, BridgeClosedError, BridgeError } from "./errors.js";
export { PROTOCOL_VERSION } from "./protocol.js";
export type { Transport, TransportHandlers, CallbackSupport } from "../transports/transport.js";
