// Well-known symbols shared by the bridge, the Lisp prelude and the playground.
// They are registered symbols (Symbol.for), so a module never needs to import
// another just to recognise a proxy or a kwargs object.

/** Set (non-enumerable) on an object that a call passes as Python keyword arguments. */
export const KWARGS = Symbol.for("polyglot.kwargs");

/** Every Python proxy answers this key with its PythonMeta. */
export const PYTHON = Symbol.for("polyglot.python");

/** What a Python proxy says about itself, without a round trip. */
export interface PythonMeta {
  /** Type name to show: "Counter", "module", or the dotted path of a lazy attribute proxy. */
  type: string;
  /** The object-table id, once the proxy stands for a resolved object. */
  ref?: number;
  /** The module a lazy proxy starts from. */
  module?: string;
  /** Attributes walked from the ref or module. */
  path: readonly string[];
  callable: boolean;
}

/**
 * Mark an object as keyword arguments: `fn(1, kw({ sort_keys: true }))`.
 * A Python callable receives them as Python kwargs; a JS function receives the
 * object itself as its last argument. Returns the same object.
 */
export function kw<T extends object>(values: T): T {
  Object.defineProperty(values, KWARGS, { value: true, enumerable: false });
  return values;
}

export function isKwargs(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && (value as { [KWARGS]?: boolean })[KWARGS] === true;
}

export function pythonMeta(value: unknown): PythonMeta | undefined {
  if ((typeof value !== "function" && typeof value !== "object") || value === null) return undefined;
  try {
    return (value as { [PYTHON]?: PythonMeta })[PYTHON];
  } catch {
    return undefined;
  }
}
