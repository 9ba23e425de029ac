// Errors the bridge raises in JS. Each keeps what a user needs to act on it.
import type { ErrorInfo } from "../protocol/messages.js";
import { BridgeClosedError } from "../protocol/errors.js";
import { callSiteFrames, type CallSite } from "./call-site.js";

/**
 * A Python exception, surfaced in JS. `type` is the class name ("ValueError"),
 * `message` its text, `traceback` Python's formatted traceback. `stack` shows
 * the JS (or compiled Lisp) frames of the proxy call or await that failed.
 * `mro` names the exception's classes, own class first, so a handler can catch
 * by base class (`["ValueError", "Exception", "BaseException", "object"]`).
 */
export class PythonError extends Error {
  override readonly name = "PythonError";
  readonly type: string;
  readonly traceback: string;
  readonly mro: readonly string[];

  constructor(info: ErrorInfo, site?: CallSite) {
    super(info.message);
    this.type = info.type;
    this.traceback = info.traceback;
    // A peer that does not send the MRO (an older runtime) still names the class itself.
    this.mro = Object.freeze(isNameList(info.mro) && info.mro.length > 0 ? [...info.mro] : [info.type]);
    const header = `PythonError: ${info.type}: ${info.message}`;
    // Without a captured site, the error's own frames: where the reply was
    // settled, then (V8's async stack traces) the functions awaiting it.
    const frames = callSiteFrames(site ?? this);
    this.stack = frames === "" ? header : `${header}\n${frames}`;
  }
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

export { BridgeClosedError, BridgeError } from "../protocol/errors.js";

/**
 * Point `error`'s stack at the frames of the call that failed (`site`), so the
 * runner places it at that Lisp line: an error raised deep inside the encoder
 * (a value nested too deep) has only the encoder's frames of its own.
 */
export function atCallSite<E extends Error>(error: E, site: CallSite): E {
  const frames = callSiteFrames(site);
  if (frames !== "") error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}

/**
 * The runtime's death as the call at `site` sees it: a BridgeClosedError of its
 * own (a transport rejects every pending call with one shared error), whose
 * stack is the call's frames.
 */
export function closedAtSite(error: BridgeClosedError, site: CallSite): BridgeClosedError {
  if (callSiteFrames(site) === "") return error;
  return atCallSite(new BridgeClosedError(error.message, { cause: error }), site);
}

/** A call given `callOptions({ signal })` whose signal aborted. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(reason === undefined ? "The Python call was aborted" : String(reason), "AbortError");
}

/** A JS error, as the error reply that makes Python raise JSError. */
export function jsErrorInfo(error: unknown): ErrorInfo {
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
