// The functions every program can use without importing them. The compiled
// code destructures the ones it uses from a prelude object (function target)
// or imports them from "polyglot-lisp/prelude" (module target), which is the
// default instance at the bottom of this file.
import { kw, pythonMeta } from "../protocol/markers.js";
import { Keyword, List, MapForm, SetForm, Sym, gensym as freshSymbol, type Form } from "./forms.js";
import { printed, readable } from "./printer.js";
import { isPython, jsPicture, makeCanvas, pythonPicture } from "./show.js";
import { describePicture } from "../pictures/describe.js";
import type { Picture } from "../pictures/picture.js";

export interface PreludeContext {
  /** Receives the text of each `print`, including its trailing newline. */
  write(text: string): void;
  /** The bridge's module proxy for `($py name)`. */
  module?(name: string): unknown;
  /** Receives each picture `show` draws; without it, show writes a one-line description (the CLI). */
  show?(picture: Picture): void;
  /** `(read-line prompt)`: the next line the host gives (the output pane, stdin), null at end of input. */
  readLine?(prompt: string): Promise<string | null>;
}

type Fn = (...args: never[]) => unknown;
/** Any function the program passes in; called with whatever the sequence holds. */
type Callable = (...args: never[]) => unknown;

function call(f: Callable, ...args: unknown[]): unknown {
  return (f as (...xs: unknown[]) => unknown)(...args);
}

/**
 * The function a higher-order prelude function was given. A keyword (its name,
 * a string) looks itself up, as in Clojure: `(map :name people)`.
 */
function callable(who: string, f: unknown): Callable {
  if (typeof f === "function") return f as Callable;
  if (typeof f === "string") return ((x: unknown) => lookup(who, x, f, null)) as Callable;
  throw new TypeError(`${who} expected a function or a keyword, got ${readable(f)}`);
}

/** `(get m k default)` on a JS value: Maps by key, anything else by property; nil when missing. */
function lookup(who: string, m: unknown, key: unknown, fallback: unknown): unknown {
  if (m === null || m === undefined) return fallback;
  if (pythonMeta(m)) {
    throw new TypeError(
      `${who}: ${readable(m)} is a Python object, and a keyword looks up JS values only; ` +
        `write (await (get x ${readable(key)})) for an item, or (await (. x ${String(key)})) for an attribute`,
    );
  }
  const found = m instanceof Map ? m.get(key) : (m as Record<PropertyKey, unknown>)[key as PropertyKey];
  return found === undefined || found === null ? fallback : found;
}

/**
 * What the prelude says when a sequence function meets a Python object: its
 * items live in Python, and reading them is a round trip (async), so the
 * prelude cannot answer synchronously. Never a silent empty answer.
 */
function refusePython(who: string, value: unknown, instead: string): void {
  if (!pythonMeta(value)) return;
  throw new TypeError(
    `${who}: ${readable(value)} is a Python object; the prelude works on JS values and cannot read Python items without awaiting. ` +
      `Write ${instead}`,
  );
}

/** Suggestion for a function over a sequence: convert to a JS array first. */
const asList = (call: string) => `${call.replace("XS", "(await (py/list xs))")} (a by-value copy, one round trip)`;

/** Item lookup on a Python object: `__getitem__`, awaited; `fallback` when it raises KeyError or IndexError. */
async function pythonItem(proxy: unknown, key: unknown, fallback: unknown, hasFallback: boolean): Promise<unknown> {
  const getitem = (proxy as { __getitem__: (k: unknown) => Promise<unknown> }).__getitem__;
  try {
    return await getitem(key);
  } catch (error) {
    if (hasFallback && isPythonError(error, "LookupError")) return fallback;
    throw error;
  }
}

/** The class names a Python error's class and its bases have (`mro`), or just its type until the runtime sends them. */
function pythonClasses(error: unknown): readonly string[] | undefined {
  if (typeof error !== "object" || error === null || (error as { name?: unknown }).name !== "PythonError") return undefined;
  const { mro, type } = error as { mro?: readonly string[]; type?: string };
  if (Array.isArray(mro) && mro.length > 0) return mro;
  return typeof type === "string" ? [type, ...KNOWN_BASES[type] ?? []] : [];
}

function isPythonError(error: unknown, className: string): boolean {
  return pythonClasses(error)?.includes(className) === true;
}

/** Until errors carry their MRO: the bases of Python's lookup errors, so (get d k default) works. */
const KNOWN_BASES: Record<string, string[]> = { KeyError: ["LookupError", "Exception"], IndexError: ["LookupError", "Exception"] };
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
  const display = (picture: Picture): void => {
    if (context.show) return context.show(picture);
    context.write(describePicture(picture) + "\n");
    if (picture.kind === "bitmap") picture.bitmap.close();
  };
  const loadModule = context.module && ((name: string) => context.module!(name));
  /** Shows of Python objects still on their round trip: a run waits for them ($settled), so none is lost. */
  const pendingShows = new Set<Promise<null>>();

  return {
    print: named("print", (...args: unknown[]): null => {
      context.write(args.map(printed).join(" ") + "\n");
      return null;
    }),
    str: named("str", (...args: unknown[]): string => {
      for (const arg of args) refusePython("str", arg, "(await (py/str x)) for Python's text of it");
      return args.map(printed).join("");
    }),
    range: named("range", (a: number, b?: number, step = 1): number[] => {
      const [start, end] = b === undefined ? [0, a] : [a, b];
      if (step === 0) throw new RangeError("range step must not be 0");
      const out: number[] = [];
      for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
      return out;
    }),
    map: named("map", (fn: Callable, ...colls: Seqable[]): unknown[] => {
      const f = callable("map", fn);
      for (const coll of colls) refusePython("map", coll, asList("(map f XS)"));
      const lists = colls.map(items);
      const length = Math.min(...lists.map((l) => l.length));
      const out: unknown[] = new Array(lists.length ? length : 0);
      for (let i = 0; i < out.length; i++) out[i] = call(f, ...lists.map((l) => l[i]));
      return out;
    }),
    filter: named("filter", (fn: Callable, xs: Seqable): unknown[] => {
      const pred = callable("filter", fn);
      refusePython("filter", xs, asList("(filter pred XS)"));
      return items(xs).filter((x) => call(pred, x));
    }),
    reduce: named("reduce", (fn: Callable, ...args: unknown[]): unknown => {
      const f = callable("reduce", fn);
      refusePython("reduce", args[args.length - 1], asList("(reduce f init XS)"));
      const hasInit = args.length >= 2;
      const xs = items(args[args.length - 1] as Seqable);
      if (!hasInit && xs.length === 0) return call(f);
      let acc = hasInit ? args[0] : xs[0];
      for (let i = hasInit ? 0 : 1; i < xs.length; i++) acc = call(f, acc, xs[i]);
      return acc;
    }),
    count: named("count", (xs: unknown): number => {
      if (xs === null || xs === undefined) return 0;
      refusePython("count", xs, "(await (py/len xs)) for Python's len");
      if (typeof xs === "string") return Array.from(xs).length;
      if (Array.isArray(xs) || ArrayBuffer.isView(xs)) return (xs as { length: number }).length;
      if (xs instanceof Set || xs instanceof Map) return xs.size;
      return items(xs as Seqable).length;
    }),
    first: named("first", (xs: Seqable): unknown => {
      refusePython("first", xs, asList("(first XS)"));
      return items(xs)[0] ?? null;
    }),
    rest: named("rest", (xs: Seqable): unknown[] => {
      refusePython("rest", xs, asList("(rest XS)"));
      return items(xs).slice(1);
    }),
    nth: named("nth", (xs: Seqable, i: number, fallback?: unknown): unknown => {
      refusePython("nth", xs, "(await (get xs i)) for one item, or " + asList("(nth XS i)"));
      const all = items(xs);
      if (i >= 0 && i < all.length) return all[i];
      if (fallback !== undefined) return fallback;
      throw new RangeError(`nth: index ${i} is out of bounds for ${all.length} item(s)`);
    }),
    inc: named("inc", (x: number): number => x + 1),
    dec: named("dec", (x: number): number => x - 1),
    identity: named("identity", <T>(x: T): T => x),
    apply: named("apply", (fn: Callable, ...args: unknown[]): unknown => {
      const f = callable("apply", fn);
      const last = args.pop() as Seqable;
      refusePython("apply", last, asList("(apply f XS)"));
      return call(f, ...args, ...items(last));
    }),
    keys: named("keys", (m: unknown): unknown[] => {
      refusePython("keys", m, "(await (py/list m)) for its keys (a by-value copy, one round trip)");
      return m instanceof Map ? [...m.keys()] : m ? Object.keys(m) : [];
    }),
    vals: named("vals", (m: unknown): unknown[] => {
      refusePython("vals", m, "(await (py/list (await (.values m)))) (a by-value copy, one round trip)");
      return m instanceof Map ? [...m.values()] : m ? Object.values(m) : [];
    }),
    /**
     * `(get m k default?)`: a JS object's property, a Map's entry, an array's item;
     * on a Python object its item (`__getitem__`), as a Promise to await.
     */
    get: named("get", (m: unknown, key: unknown, ...fallback: unknown[]): unknown => {
      if (pythonMeta(m)) return pythonItem(m, key, fallback[0] ?? null, fallback.length > 0);
      return lookup("get", m, key, fallback.length > 0 ? fallback[0] : null);
    }),
    /** Does a caught error match `(catch ClassName e …)`? A Python class or base class name, or a JS error class. */
    $catches: named("$catches", (error: unknown, className: string): boolean => {
      const python = pythonClasses(error);
      if (python?.includes(className) || (python && className === "PythonError")) return true;
      const cls = (globalThis as Record<string, unknown>)[className];
      return typeof cls === "function" && error instanceof (cls as new (...args: never[]) => unknown);
    }),
    /**
     * `(show x)`: x as a picture in the output. A JS picture is shown at once (nil); a Python
     * object's picture takes a round trip, so show gives a Promise to await (for print order).
     */
    show: named("show", (x: unknown): null | Promise<null> => {
      if (!isPython(x)) {
        display(jsPicture(x));
        return null;
      }
      const found = pythonPicture(x, loadModule);
      const shown = found.then((picture) => {
        display(picture);
        return null;
      });
      pendingShows.add(shown);
      // Watched through `found`, so a show the program never awaits still rejects unhandled, as any Promise would.
      const settle = () => void pendingShows.delete(shown);
      found.then(settle, settle);
      return shown;
    }),
    canvas: named("canvas", makeCanvas),
    /** Wait for the shows the program did not await; rejects with the first of their errors. */
    $settled: named("$settled", async (): Promise<void> => {
      const left = [...pendingShows];
      pendingShows.clear();
      await Promise.all(left);
    }),
    $py: named("$py", (name: string): unknown => {
      if (!context.module) throw new Error(`no Python runtime is attached, so ($py ${JSON.stringify(name)}) cannot load the module`);
      return context.module(name);
    }),
    kw: named("kw", kw),
    /**
     * Keyword arguments for `callee`, called with `positional` arguments before them:
     * a Python callable takes any; a JS function takes them as one last object only
     * when it declares a parameter for it (never dropped in silence).
     */
    $kwfor: named("$kwfor", (callee: unknown, positional: number, values: Record<string, unknown>, lispName?: string): Record<string, unknown> => {
      if (typeof callee === "function" && !pythonMeta(callee) && callee.length <= positional) {
        const names = Object.keys(values).map((k) => `:${k}`).join(" ");
        throw new TypeError(
          `${lispName ?? (callee.name || "the function")} was given keyword arguments ${names}, but it is a JS function that declares ${callee.length} parameter(s) ` +
            `for ${positional} positional argument(s), so they would be dropped; keyword arguments go to Python callables; pass a map instead: {${names.split(" ").map((k) => `${k} …`).join(" ")}}`,
        );
      }
      return kw(values);
    }),
    gensym: named("gensym", (prefix?: string): Sym => freshSymbol(prefix)),
    /** A Promise, like a Python call: waiting for a person must not block the program's thread. */
    read_line: named("read-line", (prompt?: unknown): Promise<string | null> => {
      const text = prompt === undefined || prompt === null ? "" : printed(prompt);
      return context.readLine ? context.readLine(text) : Promise.resolve(null);
    }),

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

/** The instance `polyglot-lisp/prelude` exports for `target: "module"` programs. */
export const defaultPrelude: Prelude = createPrelude(defaultContext);

/** Give the default instance a Python runtime: `$py` then returns `loader(name)`. */
export function attachPython(loader: ((name: string) => unknown) | undefined): void {
  defaultContext.module = loader;
}

export const {
  print, str, range, map, filter, reduce, count, first, rest, nth, inc, dec, identity, apply, keys, vals, get, show, canvas, $py, gensym, $catches, $kwfor, read_line,
  list, vector, symbol, keyword, name, concat, list$QMARK, vector$QMARK, symbol$QMARK, keyword$QMARK, string$QMARK,
  $qq_sym, $qq_kw, $qq_list, $qq_vector, $qq_map, $qq_set,
  $add, $subtract, $multiply, $divide, $mod, $lt, $gt, $le, $ge, $eq, $not_eq, $not,
} = defaultPrelude;
export { kw };
