// The errors transports throw; the bridge re-exports them (src/bridge/errors.ts).

/** The runtime died, was killed or closed before it answered. */
export class BridgeClosedError extends Error {
  override readonly name = "BridgeClosedError";
}

/** The bridge itself failed: no interpreter, a malformed message, a bad argument. */
export class BridgeError extends Error {
  override readonly name = "BridgeError";
}

/**
 * A wait for a line was cancelled (Stop, Ctrl-C). Named so that an input() waiting on it
 * raises KeyboardInterrupt in Python (an error reply's type is the error's name).
 */
export class InputCancelledError extends Error {
  override readonly name = "KeyboardInterrupt";
  constructor(message = "the wait for a line was cancelled") {
    super(message);
  }
}
