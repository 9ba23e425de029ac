// The functions every program can use without importing them. The compiled
// code destructures the ones it uses from a prelude object (function target)
// or imports them from "polyglot/prelude" (module target), which is the
// default instance at the bottom of this file.
import { kw } from "../bridge/markers.js";
import { Keyword, List, MapForm, SetForm, Sym, gensym as freshSymbol, type Form } from "./forms.js";
import { printed } from "./printer.js";

export interface PreludeContext {
  /** Receives the text of each `print`, including its trailing newline. */
  write(text: string): void;
  /** The bridge's module proxy for `($py name)`. */
  module?(name: string): unknown;
}

type Fn = (...args: never[]) => unknown;
/** Any function the program passes in; called with whatever the sequence holds. */
type Callable = (...args: never[]) => unknown;

function call(f: Callable, ...args: unknown[]): unknown {
  return (f as (...xs: unknown[]) => unknown)(...args);
}
type Seqable = Iterable<unknown> | Record<string, unknown> | null | undefined;

/** Give a function the name it prints with (`#<fn +>`). */
function named<F extends Fn>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

function items(xs: Seqable): unknown[] {
  if (xs === null || xs === undefined) return [];
  if (Array.isArray(xs)) return xs;
  if (typeof xs === "string" || Symbol.iterator in Object(xs)) return Array.from(xs as Iterable<unknown>);
  return Object.entries(xs);
}

function chain(test: (a: never, b: never) => boolean): (...xs: unknown[]) => boolean {
  return (...xs) => {
    for (let i = 0; i + 1 < xs.length; i++) if (!test(xs[i] as never, xs[i + 1] as never)) return false;
    return true;
  };
}

function arithmetic(name: string, identity: number | undefined, op: (a: never, b: never) => unknown, unary?: (a: never) => unknown) {
  return named(name, (...xs: unknown[]): unknown => {
    if (xs.length === 0) {
      if (identity === undefined) throw new TypeError(`${name} needs at least one argument`);
      return identity;
    }
    if (xs.length === 1 && unary) return unary(xs[0] as never);
    let acc = xs[0];
    for (let i = 1; i < xs.length; i++) acc = op(acc as never, xs[i] as never);
    return acc;
  });
}

export function createPrelude(context: PreludeContext) {
  /** Append every item of every part (a vector of items, or a spliced sequence) to `target`. */
  const segments = <T extends Form[]>(target: T, parts: unknown[]): T => {
    for (const part of parts) {
      const values = items(part as Seqable) as Form[];
      for (let i = 0; i < values.length; i++) target.push(values[i]);
    }
    return target;
  };
  const fill = <T extends Form[]>(target: T, values: Form[]): T => {
    for (const value of values) target.push(value);
    return target;
  };

  return {
    print: named("print", (...args: unknown[]): null => {
      context.write(args.map(printed).join(" ") + "\n");
      return null;
    }),
    str: named("str", (...args: unknown[]): string => args.map(printed).join("")),
    range: named("range", (a: number, b?: number, step = 1): number[] => {
      const [start, end] = b === undefined ? [0, a] : [a, b];
      if (step === 0) throw new RangeError("range step must not be 0");
      const out: number[] = [];
      for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
      return out;
    }),
    map: named("map", (f: Callable, ...colls: Seqable[]): unknown[] => {
      const lists = colls.map(items);
      const length = Math.min(...lists.map((l) => l.length));
      const out: unknown[] = new Array(lists.length ? length : 0);
      for (let i = 0; i < out.length; i++) out[i] = call(f, ...lists.map((l) => l[i]));
      return out;
    }),
    filter: named("filter", (pred: Callable, xs: Seqable): unknown[] => items(xs).filter((x) => call(pred, x))),
    reduce: named("reduce", (f: Callable, ...args: unknown[]): unknown => {
      const hasInit = args.length >= 2;
      const xs = items(args[args.length - 1] as Seqable);
      if (!hasInit && xs.length === 0) return call(f);
      let acc = hasInit ? args[0] : xs[0];
      for (let i = hasInit ? 0 : 1; i < xs.length; i++) acc = call(f, acc, xs[i]);
      return acc;
    }),
    count: named("count", (xs: unknown): number => {
      if (xs === null || xs === undefined) return 0;
      if (typeof xs === "string") return Array.from(xs).length;
      if (Array.isArray(xs) || ArrayBuffer.isView(xs)) return (xs as { length: number }).length;
      if (xs instanceof Set || xs instanceof Map) return xs.size;
      return items(xs as Seqable).length;
    }),
    first: named("first", (xs: Seqable): unknown => items(xs)[0] ?? null),
    rest: named("rest", (xs: Seqable): unknown[] => items(xs).slice(1)),
    nth: named("nth", (xs: Seqable, i: number, fallback?: unknown): unknown => {
      const all = items(xs);
      if (i >= 0 && i < all.length) return all[i];
      if (fallback !== undefined) return fallback;
      throw new RangeError(`nth: index ${i} is out of bounds for ${all.length} item(s)`);
    }),
    inc: named("inc", (x: number): number => x + 1),
    dec: named("dec", (x: number): number => x - 1),
    identity: named("identity", <T>(x: T): T => x),
    apply: named("apply", (f: Callable, ...args: unknown[]): unknown => {
      const last = args.pop() as Seqable;
      return call(f, ...args, ...items(last));
    }),
    keys: named("keys", (m: unknown): unknown[] => (m instanceof Map ? [...m.keys()] : m ? Object.keys(m) : [])),
    vals: named("vals", (m: unknown): unknown[] => (m instanceof Map ? [...m.values()] : m ? Object.values(m) : [])),
    $py: named("$py", (name: string): unknown => {
      if (!context.module) throw new Error(`no Python runtime is attached, so ($py ${JSON.stringify(name)}) cannot load the module`);
      return context.module(name);
    }),
    kw: named("kw", kw),
    gensym: named("gensym", (prefix?: string): Sym => freshSymbol(prefix)),

    // Forms as data, for macros (and for programs that build code).
    list: named("list", (...xs: Form[]): List => fill(new List(), xs)),
    vector: named("vector", (...xs: unknown[]): unknown[] => xs),
    symbol: named("symbol", (name: string): Sym => new Sym(String(name))),
    keyword: named("keyword", (name: string): Keyword => new Keyword(String(name))),
    name: named("name", (x: unknown): string => (x instanceof Sym || x instanceof Keyword ? x.name : String(x))),
    concat: named("concat", (...seqs: Seqable[]): unknown[] => seqs.flatMap(items)),
    list$QMARK: named("list?", (x: unknown): boolean => x instanceof List),
    vector$QMARK: named("vector?", (x: unknown): boolean => Array.isArray(x) && !(x instanceof List || x instanceof MapForm || x instanceof SetForm)),
    symbol$QMARK: named("symbol?", (x: unknown): boolean => x instanceof Sym),
    keyword$QMARK: named("keyword?", (x: unknown): boolean => x instanceof Keyword),
    string$QMARK: named("string?", (x: unknown): boolean => typeof x === "string"),

    // What quasiquote expands into: each argument is a segment of items to append.
    $qq_sym: named("$qq_sym", (name: string): Sym => new Sym(name)),
    $qq_kw: named("$qq_kw", (name: string): Keyword => new Keyword(name)),
    $qq_list: named("$qq_list", (...parts: unknown[]): List => segments(new List(), parts)),
    $qq_vector: named("$qq_vector", (...parts: unknown[]): Form[] => segments([], parts)),
    $qq_map: named("$qq_map", (...parts: unknown[]): MapForm => segments(new MapForm(), parts)),
    $qq_set: named("$qq_set", (...parts: unknown[]): SetForm => segments(new SetForm(), parts)),

    // Operators as values: (reduce + 0 xs).
    $add: arithmetic("+", 0, (a: number, b: number) => a + b),
    $subtract: arithmetic("-", undefined, (a: number, b: number) => a - b, (a: number) => -a),
    $multiply: arithmetic("*", 1, (a: number, b: number) => a * b),
    $divide: arithmetic("/", undefined, (a: number, b: number) => a / b, (a: number) => 1 / a),
    $mod: arithmetic("%", undefined, (a: number, b: number) => a % b),
    $lt: named("<", chain((a: number, b: number) => a < b)),
    $gt: named(">", chain((a: number, b: number) => a > b)),
    $le: named("<=", chain((a: number, b: number) => a <= b)),
    $ge: named(">=", chain((a: number, b: number) => a >= b)),
    $eq: named("=", chain((a: unknown, b: unknown) => a === b)),
    $not_eq: named("not=", (...xs: unknown[]): boolean => !chain((a: unknown, b: unknown) => a === b)(...xs)),
    $not: named("not", (x: unknown): boolean => !x),
  };
}

export type Prelude = ReturnType<typeof createPrelude>;

function defaultWrite(text: string): void {
  const stdout = (globalThis as { process?: { stdout?: { write(text: string): unknown } } }).process?.stdout;
  if (stdout) stdout.write(text);
  else console.log(text.endsWith("\n") ? text.slice(0, -1) : text);
}

const defaultContext: PreludeContext = { write: defaultWrite };

/** The instance `polyglot/prelude` exports for `target: "module"` programs. */
export const defaultPrelude: Prelude = createPrelude(defaultContext);

/** Give the default instance a Python runtime: `$py` then returns `loader(name)`. */
export function attachPython(loader: ((name: string) => unknown) | undefined): void {
  defaultContext.module = loader;
}

export const {
  print, str, range, map, filter, reduce, count, first, rest, nth, inc, dec, identity, apply, keys, vals, $py, gensym,
  list, vector, symbol, keyword, name, concat, list$QMARK, vector$QMARK, symbol$QMARK, keyword$QMARK, string$QMARK,
  $qq_sym, $qq_kw, $qq_list, $qq_vector, $qq_map, $qq_set,
  $add, $subtract, $multiply, $divide, $mod, $lt, $gt, $le, $ge, $eq, $not_eq, $not,
} = defaultPrelude;
export { kw };
