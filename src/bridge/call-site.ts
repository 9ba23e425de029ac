// Where in JS a proxy call or await was made, captured synchronously so a
// PythonError can point at the caller (the runner maps that frame back to a
// Lisp line). Capturing is the priciest step of a call, so only the few
// innermost frames are recorded; V8 formats them only if the stack is read.

export interface CallSite {
  stack?: string;
}

/** The caller's frame and a few of its callers: enough to locate the call. */
const FRAMES = 3;

type CaptureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown) => void;
const ErrorWithLimit = Error as { captureStackTrace?: CaptureStackTrace; stackTraceLimit?: number };
const captureStackTrace = ErrorWithLimit.captureStackTrace;

/** Record the frames above `below` (which itself is left out, when the engine allows). */
export function captureCallSite(below: (...args: never[]) => unknown): CallSite {
  const site: CallSite = {};
  const limit = ErrorWithLimit.stackTraceLimit;
  ErrorWithLimit.stackTraceLimit = FRAMES;
  if (captureStackTrace !== undefined) captureStackTrace(site, below);
  else site.stack = new Error().stack;
  ErrorWithLimit.stackTraceLimit = limit;
  return site;
}

/** The "    at …" lines of a captured site, without its header line. */
export function callSiteFrames(site: CallSite): string {
  const stack = site.stack;
  if (stack === undefined) return "";
  // V8 starts with a header line ("Error"); SpiderMonkey and JSC start with frames.
  if (/^\s+at /m.test(stack) && !/^\s+at /.test(stack)) return stack.slice(stack.indexOf("\n") + 1);
  return stack;
}
