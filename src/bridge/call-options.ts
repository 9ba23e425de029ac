// Per-call options for a Python call, passed as a marked last argument:
//
//   await fn(x, kw({ key: 1 }), callOptions({ signal }))
//
// Aborting `signal` rejects the call with an AbortError at once, and raises
// KeyboardInterrupt in Python when that call is the one running.
import { isKwargs } from "../protocol/markers.js";

/** Set (non-enumerable) on an object that carries call options, like KWARGS for kwargs. */
export const CALL_OPTIONS = Symbol.for("polyglot.callOptions");

export interface CallOptions {
  signal?: AbortSignal;
}

export function callOptions<T extends CallOptions>(options: T): T {
  Object.defineProperty(options, CALL_OPTIONS, { value: true, enumerable: false });
  return options;
}

export function isCallOptions(value: unknown): value is CallOptions {
  return typeof value === "object" && value !== null && (value as { [CALL_OPTIONS]?: boolean })[CALL_OPTIONS] === true;
}

/** A call's arguments split into positional args, kwargs and options (each marker only in last place). */
export interface SplitArgs {
  args: unknown[];
  kwargs: Record<string, unknown> | undefined;
  options: CallOptions | undefined;
}

export function splitArgs(args: unknown[]): SplitArgs {
  let end = args.length;
  let options: CallOptions | undefined;
  let kwargs: Record<string, unknown> | undefined;
  if (end > 0 && isCallOptions(args[end - 1])) options = args[--end] as CallOptions;
  if (end > 0 && isKwargs(args[end - 1])) kwargs = args[--end] as Record<string, unknown>;
  return { args: end === args.length ? args : args.slice(0, end), kwargs, options };
}
