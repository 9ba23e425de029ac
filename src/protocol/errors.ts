// The errors transports throw; the bridge re-exports them (src/bridge/errors.ts).

/** The runtime died, was killed or closed before it answered. */
export class BridgeClosedError extends Error {
  override readonly name = "BridgeClosedError";
}

/** The bridge itself failed: no interpreter, a malformed message, a bad argument. */
export class BridgeError extends Error {
  override readonly name = "BridgeError";
}
