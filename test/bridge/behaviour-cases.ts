// The bridge's behaviour, as plain data: every transport runs these cases, in
// Vitest (test/bridge/*.test.ts) and in a browser page (e2e). No test-runner
// or Node imports here, only the bridge's public API.
//
// Contract for runners: run the cases IN ORDER on ONE bridge created with
// `{ autoRestart: true }` (the "kill" case restarts it), and pass `expectGc`
// where garbage collection can be forced (Node: `--expose-gc`).
import {
  BridgeError,
  callOptions,
  isKwargs,
  kw,
  PythonError,
  pythonMeta,
  release,
  type PythonBridge,
} from "../../src/bridge/index.js";

export interface BehaviourEnv {
  /** Force a full garbage collection and let finalizers run. */
  expectGc?: () => Promise<void>;
}

/**
 * The env's GC hook where this engine exposes `gc` (Node with --expose-gc,
 * Chromium with --js-flags=--expose-gc): a few collections, with turns between
 * them so FinalizationRegistry callbacks run.
 */
export function forcedGc(): BehaviourEnv["expectGc"] {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  return async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
}

export interface BehaviourCase {
  name: string;
  run(bridge: PythonBridge, env: BehaviourEnv): Promise<void>;
}

// Proxies are dynamic: Python attributes are only known at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Py = any;

// -- a tiny assert library ------------------------------------------------------

export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Map) return `Map(${show([...value])})`;
  if (value instanceof Set) return `Set(${show([...value])})`;
  if (value instanceof Uint8Array) return `Uint8Array[${[...value].join(",")}]`;
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "function") return pythonMeta(value) ? `#<py ${pythonMeta(value)!.type}>` : `function ${value.name}`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`).join(", ")}}`;
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Uint8Array) return a.length === (b as Uint8Array).length && a.every((x, i) => x === (b as Uint8Array)[i]);
  if (a instanceof Set) return a.size === (b as Set<unknown>).size && [...a].every((x) => (b as Set<unknown>).has(x));
  if (a instanceof Map) return equal([...a], [...(b as Map<unknown, unknown>)]);
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const keys = Object.keys(a);
  return equal(keys, Object.keys(b)) && keys.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function assertEqual(actual: unknown, expected: unknown, what = "value"): void {
  assert(equal(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Await a promise that must reject; return its error. */
async function rejection(promise: Promise<unknown>, what: string): Promise<Error> {
  try {
    const value = await promise;
    throw new AssertionError(`${what}: expected a rejection, got ${show(value)}`);
  } catch (error) {
    if (error instanceof AssertionError) throw error;
    assert(error instanceof Error, `${what}: rejected with a non-Error ${show(error)}`);
    return error;
  }
}

async function pythonError(promise: Promise<unknown>, type: string, what: string): Promise<PythonError> {
  const error = await rejection(promise, what);
  assert(error instanceof PythonError, `${what}: expected a PythonError, got ${error.name}: ${error.message}`);
  assertEqual(error.type, type, `${what}: error type`);
  return error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A module of helper functions, created once per runtime start. */
async function helpers(bridge: PythonBridge): Promise<Py> {
  await bridge.exec(
    "pg_helpers",
    [
      "import functools, time",
      "def describe(x): return [type(x).__name__, repr(x)]",
      "def echo(x): return x",
      "def same(a, b): return a is b",
      "def spin():",
      "    while True: pass",
      "def snooze(s):",
      "    time.sleep(s)",
      "    return s",
      "def gen(n):",
      "    for i in range(n): yield i",
      "def call_with_kwargs(f): return f(1, two=2)",
      "def catch(f):",
      "    try: return ['ok', f()]",
      "    except Exception as e: return [type(e).__name__, str(e)]",
      "def fail(): raise KeyError('missing key')",
      "class Box:",
      "    def __init__(self, value): self.value = value",
      "    def get(self): return self.value",
      "class Ns: pass",
      "items = ['x', 'y']",
      "a = Ns(); a.b = Ns(); a.b.c = lambda x: x * 2",
    ].join("\n"),
  );
  return bridge.module("pg_helpers");
}

// -- the cases ------------------------------------------------------------------

export const behaviourCases: BehaviourCase[] = [
  {
    name: "calls module functions and awaits attributes",
    async run(bridge) {
      const stats: Py = bridge.module("statistics");
      assertEqual(await stats.mean([1, 2, 3, 4]), 2.5, "statistics.mean");
      const math: Py = bridge.module("math");
      assertEqual(await math.gcd(12, 18), 6, "math.gcd");
      assertEqual(await math.pi, Math.PI, "await math.pi");
      assertEqual(await math.fsum([1, 2, 3, 4]), 10, "math.fsum");
      const module = await math;
      assertEqual(pythonMeta(module)?.type, "module", "awaited module proxy type");
      assertEqual(await module.factorial(5), 120, "call on the awaited module");
    },
  },
  {
    name: "converts Python values to JS",
    async run(bridge) {
      const b: Py = bridge.module("builtins");
      const cases: [string, unknown][] = [
        ["None", null],
        ["True", true],
        ["'héllo ✓'", "héllo ✓"],
        ["42", 42],
        ["-2**53 + 1", -(2 ** 53) + 1],
        ["2**64", 2n ** 64n],
        ["-(10**30)", -(10n ** 30n)],
        ["1.5", 1.5],
        ["float('nan')", NaN],
        ["float('inf')", Infinity],
        ["float('-inf')", -Infinity],
        ["[1, 'x', None]", [1, "x", null]],
        ["(1, (2, 3))", [1, [2, 3]]],
        ["{'a': 1, 'b': [True]}", { a: 1, b: [true] }],
        ["{1: 'one', 2: 'two'}", new Map([[1, "one"], [2, "two"]])],
        ["{3, 1}", new Set([1, 3])],
        ["frozenset([2])", new Set([2])],
        ["b'hi\\x00\\xff'", new Uint8Array([104, 105, 0, 255])],
        ["bytearray(b'ab')", new Uint8Array([97, 98])],
        ["{'__pyref__': 1, '__dict__': {'x': 2}}", { __pyref__: 1, __dict__: { x: 2 } }],
        ["{'__proto__': 5}", JSON.parse('{"__proto__": 5}')],
        ["{'nested': {(1, 2): {4}}}", { nested: new Map([[[1, 2], new Set([4])]]) }],
      ];
      for (const [source, expected] of cases) assertEqual(await b.eval(source), expected, `eval(${source})`);
      const proto = (await b.eval("{'__proto__': 5}")) as object;
      assertEqual(Object.getPrototypeOf(proto), Object.prototype, "a '__proto__' key stays a key");
      const instance = await b.eval("__import__('fractions').Fraction(1, 3)");
      assertEqual(typeof instance, "function", "an instance is a proxy");
      assertEqual(pythonMeta(instance)?.type, "Fraction", "proxy type");
    },
  },
  {
    name: "converts JS values to Python",
    async run(bridge) {
      const h = await helpers(bridge);
      const cases: [unknown, string, string][] = [
        [null, "NoneType", "None"],
        [undefined, "NoneType", "None"],
        [true, "bool", "True"],
        ["text ✓", "str", "'text ✓'"],
        [7, "int", "7"],
        [2.5, "float", "2.5"],
        [NaN, "float", "nan"],
        [-Infinity, "float", "-inf"],
        [-0, "float", "-0.0"],
        [0, "int", "0"],
        [12345678901234567890n, "int", "12345678901234567890"],
        [[1, [2]], "list", "[1, [2]]"],
        [{ a: 1, b: null }, "dict", "{'a': 1, 'b': None}"],
        [{ __set__: [1], __bytes__: "x" }, "dict", "{'__set__': [1], '__bytes__': 'x'}"],
        [new Set(["s"]), "set", "{'s'}"],
        [new Map<unknown, unknown>([[1, "one"], ["k", [2]]]), "dict", "{1: 'one', 'k': [2]}"],
        [new Map([[[1, 2], "tuple key"]]), "dict", "{(1, 2): 'tuple key'}"],
        [new Uint8Array([0, 1, 255]), "bytes", "b'\\x00\\x01\\xff'"],
        [new Uint8Array([9, 8, 7]).subarray(1), "bytes", "b'\\x08\\x07'"],
        [new Uint8Array([104, 105]).buffer, "bytes", "b'hi'"],
        [new Float64Array([1.5, 2]), "list", "[1.5, 2]"],
      ];
      for (const [value, type, repr] of cases) {
        assertEqual(await h.describe(value), [type, repr], `describe(${show(value)})`);
      }
      const structure = { list: [1, "two", null, [true]], map: new Map([[1, 2]]), set: new Set([3]), big: 2n ** 70n, bytes: new Uint8Array([5]) };
      assertEqual(await h.echo(structure), structure, "echo round trip");
      assert(Object.is(await h.echo(-0), -0), "-0 keeps its sign both ways");
    },
  },
  {
    name: "nesting: the same limit on both sides, refused in JS before sending with where",
    async run(bridge) {
      const h = await helpers(bridge);
      const nest = (levels: number): unknown[] => {
        let value: unknown[] = [];
        for (let i = 1; i < levels; i++) value = [value];
        return value;
      };
      const depth = (value: unknown): number => (Array.isArray(value) ? 1 + (value.length ? depth(value[0]) : 0) : 0);
      for (const levels of [99, 100]) {
        const back = await h.echo(nest(levels));
        assertEqual(depth(back), levels, `a ${levels}-deep list round-trips`);
      }
      for (const levels of [101, 200]) {
        const error = await h.echo(nest(levels)).catch((e: Error) => e);
        // A BridgeError, not a PythonError: JS refused it before sending.
        assert(error instanceof BridgeError, `a ${levels}-deep list is refused in JS: ${show(error)}`);
        assert(error.message.includes("nested deeper than 100 levels"), `says the limit: ${error.message}`);
        assert(error.message.includes("argument 1, at [0][0]"), `says where: ${error.message}`);
      }
      const deepKw = await h.describe(kw({ x: { deep: nest(100) } })).catch((e: Error) => e);
      assert(deepKw instanceof BridgeError && deepKw.message.includes('keyword argument "x", at .deep[0]'), `kwargs path: ${show(deepKw)}`);
      const cyclic: unknown[] = [];
      cyclic.push(cyclic);
      const cycle = await h.echo(cyclic).catch((e: Error) => e);
      assert(cycle instanceof BridgeError && cycle.message.includes("cyclic"), `a cyclic array is refused: ${show(cycle)}`);
      await bridge.exec("pg_nest", "def nest(n):\n    x = []\n    for _ in range(n): x = [x]\n    return x\n");
      const nested: Py = bridge.module("pg_nest");
      assertEqual(depth(await nested.nest(99)), 100, "Python sends 100 levels");
      for (const levels of [100, 100_000]) {
        const tooDeep = await pythonError(nested.nest(levels), "TooDeepError", `nest(${levels})`);
        assert(tooDeep.mro.includes("BridgeError"), `a BridgeError: ${tooDeep.mro.join(", ")}`);
        assert(tooDeep.message.includes("nested deeper than 100 levels"), `Python refuses ${levels + 1} levels: ${tooDeep.message}`);
      }
      assertEqual(await h.echo("still fine"), "still fine", "the runtime works on after refusing");
    },
  },
  {
    name: "int, float and str subclasses (IntEnum, IntFlag, StrEnum) arrive by value",
    async run(bridge) {
      await bridge.exec(
        "pg_enums",
        "import enum\nclass Color(enum.IntEnum):\n    RED = 1\nclass Perm(enum.IntFlag):\n    R = 4\n    W = 2\n" +
          "class Mode(str, enum.Enum):\n    FAST = 'fast'\nclass Meters(float): pass\n" +
          "def all(): return [Color.RED, Perm.R | Perm.W, Mode.FAST, Meters(2.5), True]\n",
      );
      const enums: Py = bridge.module("pg_enums");
      assertEqual(await enums.Color(1), 1, "an IntEnum result is a number");
      assertEqual(await enums.all(), [1, 6, "fast", 2.5, true], "IntFlag, StrEnum, a float subclass; bool stays bool");
      assertEqual(await bridge.module("calendar").monthrange(2024, 2), [3, 29], "calendar.monthrange(2024, 2), as Pyodide's to_js gives");
    },
  },
  {
    name: "sends proxies back as the very Python object",
    async run(bridge) {
      const h = await helpers(bridge);
      const box = await h.Box([1, 2]);
      assertEqual(await h.same(box, box), true, "same(box, box)");
      const again = await h.echo(box);
      assertEqual(pythonMeta(again)?.type, "Box", "a proxy sent and returned is a proxy again");
      assertEqual(await h.same(again, box), true, "…of the very same object");
      assertEqual((await h.describe(box))[0], "Box", "describe(box)");
      const math: Py = bridge.module("math");
      assertEqual(await h.echo(math.pi), Math.PI, "a lazy path proxy is sent as its value");
      assertEqual(await h.echo([math.e, { tau: math.tau }]), [Math.E, { tau: 2 * Math.PI }], "lazy proxies nested in values");
      assertEqual(await h.same(h.a.b, h.a.b), true, "two lazy paths to one object resolve to it");
      assertEqual(await h.same(box.value, box.value), false, "a list travels by value, so each send is a new list");
      assertEqual((await h.describe(math))[0], "module", "a module proxy is sent as the module");
    },
  },
  {
    name: "passes keyword arguments",
    async run(bridge) {
      const b: Py = bridge.module("builtins");
      assertEqual(await b.sorted([3, 1, 2], kw({ reverse: true })), [3, 2, 1], "sorted reverse");
      assertEqual(await b.round(3.14159, kw({ ndigits: 2 })), 3.14, "round ndigits");
      const json: Py = bridge.module("json");
      assertEqual(await json.dumps({ b: 1, a: [1, 2] }, kw({ sort_keys: true })), '{"a": [1, 2], "b": 1}', "json.dumps sort_keys");
      assertEqual(await json.dumps({ a: 1 }, kw({ indent: null, separators: [", ", ": "] })), '{"a": 1}', "json.dumps separators");
      const error = await pythonError(b.len([1], kw({ nope: 1 })), "TypeError", "unknown kwarg");
      assert(/nope|keyword/.test(error.message), `TypeError mentions the keyword: ${error.message}`);
    },
  },
  {
    name: "sends ONE envelope for a.b.c(x) and none for attribute access",
    async run(bridge) {
      const h = await helpers(bridge);
      await h.echo(0); // the module is imported and the runtime warm
      const before = bridge.requestCounts();
      const path = h.a.b.c;
      String(path);
      pythonMeta(path);
      const mid = bridge.requestCounts();
      assertEqual(mid, before, "building paths and printing them sends nothing");
      assertEqual(await path(21), 42, "a.b.c(21)");
      const after = bridge.requestCounts();
      assertEqual((after.call ?? 0) - (before.call ?? 0), 1, "call envelopes");
      for (const op of ["getattr", "import", "iter", "setattr"] as const) {
        assertEqual(after[op] ?? 0, before[op] ?? 0, `${op} envelopes`);
      }
      const os: Py = bridge.module("os");
      const calls = bridge.requestCounts().call ?? 0;
      assertEqual(await os.path.join("a", "b"), "a/b", "os.path.join on a module never imported before");
      assertEqual((bridge.requestCounts().call ?? 0) - calls, 1, "import + path + call in one envelope");
    },
  },
  {
    name: "works with Python objects: methods, attributes, setattr, printing",
    async run(bridge) {
      const h = await helpers(bridge);
      const coll: Py = bridge.module("collections");
      const counter = await coll.Counter("abracadabra");
      assertEqual(await counter.most_common(2), [["a", 5], ["b", 2]], "Counter.most_common");
      assertEqual(String(counter), "#<py Counter>", "String(proxy)");
      assertEqual(`${counter}`, "#<py Counter>", "template literal");
      assertEqual(pythonMeta(counter)?.type, "Counter", "meta type");
      assertEqual(pythonMeta(counter.most_common)?.type, "Counter.most_common", "meta of a path");
      assertEqual(pythonMeta(bridge.module("math").pi)?.type, "math.pi", "meta of a module path");
      assertEqual(counter.then, undefined, "a resolved object is not thenable");
      assertEqual(await (async () => counter)(), counter, "an async function can return a resolved proxy");

      const fr: Py = bridge.module("fractions");
      const half = await fr.Fraction(1, 2);
      const total = await half.__add__(await fr.Fraction(1, 3));
      assertEqual([await total.numerator, await total.denominator], [5, 6], "Fraction arithmetic");

      const box = await h.Box(1);
      box.value = 41;
      assertEqual(await box.get(), 41, "setattr is seen by the next call");
      box.value = [box, "x"];
      assertEqual(await h.same((await box.value)[0], box), true, "setattr with a proxy inside a value");

      const errors: Error[] = [];
      const off = bridge.on("error", (error) => errors.push(error));
      const frozen = await bridge.module("builtins").object();
      frozen.attribute = 1; // object() instances take no attributes
      const failure = await pythonError(h.echo(1), "AttributeError", "the call after a failed setattr");
      assertEqual(errors, [failure], "the failed setattr is also an 'error' event");
      off();
      assertEqual(await h.echo(2), 2, "only the next call reports it");
    },
  },
  {
    name: "calls JS functions from Python (callbacks)",
    async run(bridge) {
      const b: Py = bridge.module("builtins");
      if (!bridge.callbacks.supported) {
        const error = await pythonError(b.sorted([2, 1], kw({ key: (x: number) => -x })), "JSError", "a callback without support");
        assert(error.message.length > 0, "the JSError explains itself");
        return;
      }
      const h = await helpers(bridge);
      assertEqual(await b.sorted(["bb", "a", "ccc"], kw({ key: (s: string) => -s.length })), ["ccc", "bb", "a"], "sorted key");
      const ft: Py = bridge.module("functools");
      assertEqual(await ft.reduce((a: number, x: number) => a + x, [1, 2, 3, 4], 10), 20, "functools.reduce");
      assertEqual(await b.list(await b.map((x: number) => x * 10, [1, 2, 3])), [10, 20, 30], "map object, listed later");
      assertEqual(await b.sorted([1, 2, 3], kw({ key: async (x: number) => { await sleep(1); return -x; } })), [3, 2, 1], "async callback");

      let received: unknown[] = [];
      await h.call_with_kwargs((...args: unknown[]) => { received = args; return null; });
      assertEqual(received.length, 2, "positional + kwargs object");
      assertEqual(received[0], 1, "positional arg");
      assert(isKwargs(received[1]), "Python kwargs arrive as a kw() object");
      assertEqual({ ...(received[1] as object) }, { two: 2 }, "kwargs content");

      const fn = (x: number) => x;
      assertEqual((await b.list([fn]))[0], fn, "a JS function comes back as itself");

      const thrown = await h.catch(() => { throw new TypeError("boom"); });
      assertEqual(thrown, ["JSError", "TypeError: boom"], "a JS throw raises JSError in Python");
      const error = await pythonError(b.sorted([1, 2], kw({ key: () => { throw new RangeError("bad key"); } })), "JSError", "uncaught in Python");
      assert(error.message.includes("RangeError") && error.message.includes("bad key"), `JSError text: ${error.message}`);
    },
  },
  {
    name: "re-enters: JS → Python → JS → Python → JS",
    async run(bridge) {
      if (!bridge.callbacks.supported) return assertEqual(bridge.callbacks.reason !== undefined, true, "unsupported callbacks say why");
      const ft: Py = bridge.module("functools");
      const math: Py = bridge.module("math");
      const b: Py = bridge.module("builtins");
      const total = await ft.reduce(
        async (acc: number, x: number) => acc + ((await math.pow(x, 2)) as number) + ((await b.sorted([x], kw({ key: (y: number) => -y })))[0] as number),
        [1, 2, 3],
        0,
      );
      assertEqual(total, 1 + 4 + 9 + 1 + 2 + 3, "nested reduce");
      const deep = await b.sorted([3, 1, 2], kw({ key: async (x: number) => (await ft.reduce((a: number, y: number) => a - y, [x], 0)) as number }));
      assertEqual(deep, [3, 2, 1], "callbacks inside callbacks");
      const h = await helpers(bridge);
      assertEqual(await h.catch(async () => await h.fail()), ["JSError", "PythonError: KeyError: 'missing key'"], "a Python error crossing JS");
    },
  },
  {
    name: "iterates Python iterators and generators lazily",
    async run(bridge) {
      const it: Py = bridge.module("itertools");
      const b: Py = bridge.module("builtins");
      const counter = await it.count(10);
      const seen: unknown[] = [];
      for await (const x of await it.islice(counter, 3)) seen.push(x);
      assertEqual(seen, [10, 11, 12], "islice(count(10), 3)");
      assertEqual(await b.next(counter), 13, "count was not over-fetched");

      const numbers = await b.iter([1, 2, 3]);
      const squares: number[] = [];
      for await (const x of numbers) squares.push((x as number) ** 2);
      assertEqual(squares, [1, 4, 9], "iter([1, 2, 3])");

      const h = await helpers(bridge);
      let sum = 0;
      let count = 0;
      for await (const x of await h.gen(1000)) {
        sum += x as number;
        count++;
      }
      assertEqual([count, sum], [1000, 499500], "a generator of 1000 items");

      const endless = await it.count();
      for await (const x of endless) if ((x as number) >= 4) break;
      assert(((await b.next(endless)) as number) <= 16, "breaking early fetched a bounded batch");
      const none: unknown[] = [];
      for await (const x of await b.iter([])) none.push(x);
      assertEqual(none, [], "an empty iterator");
      const keys: unknown[] = [];
      for await (const k of h.items) keys.push(k);
      assertEqual(keys, ["x", "y"], "a lazy path proxy is iterable too");
    },
  },
  {
    name: "rejects with PythonError carrying type, message and traceback",
    async run(bridge) {
      const json: Py = bridge.module("json");
      const error = await pythonError(json.loads("{bad"), "JSONDecodeError", "json.loads");
      assert(error instanceof Error, "PythonError is an Error");
      assert(error.traceback.includes("JSONDecodeError"), `traceback: ${error.traceback}`);
      assert(error.traceback.includes("Traceback"), "a formatted Python traceback");
      assert(error.stack!.startsWith("PythonError: JSONDecodeError: "), `stack header: ${error.stack}`);
      assert(error.stack!.split("\n").length > 1, "the stack holds the JS call site");
      const math: Py = bridge.module("math");
      const sqrt = await pythonError(math.sqrt(-1), "ValueError", "math.sqrt(-1)");
      assertEqual([...sqrt.mro], ["ValueError", "Exception", "BaseException", "object"], "mro: own class first");
      assertEqual(error.mro.slice(0, 2), ["JSONDecodeError", "ValueError"], "mro names the base classes");
      assert(sqrt.message.length > 0 && !sqrt.message.includes("Traceback"), `message is the exception's text: ${sqrt.message}`);
      await pythonError(math.no_such_thing, "AttributeError", "await of a missing attribute");
      await pythonError(bridge.module("no_such_module_xyz").f(), "ModuleNotFoundError", "missing module");
      await bridge.exec("pg_raiser", "def boom():\n    raise RuntimeError('deep')\n", "pg_raiser.py");
      const deep = await pythonError(bridge.module("pg_raiser").boom(), "RuntimeError", "exec'd code");
      assert(deep.traceback.includes("raise RuntimeError('deep')"), `traceback quotes the source: ${deep.traceback}`);
      await pythonError(bridge.exec("pg_bad", "def (:"), "SyntaxError", "exec of bad source");
    },
  },
  {
    name: "forwards Python's stdout and stderr before the reply",
    async run(bridge) {
      let out = "";
      let err = "";
      const offOut = bridge.on("stdout", (text) => (out += text));
      const offErr = bridge.on("stderr", (text) => (err += text));
      const b: Py = bridge.module("builtins");
      await b.print("hello", "world");
      assertEqual(out, "hello world\n", "stdout");
      await b.print("oops", kw({ file: await bridge.module("sys").stderr }));
      assertEqual(err, "oops\n", "stderr");
      offOut();
      offErr();
      await b.print("unheard");
      assertEqual(out, "hello world\n", "unsubscribed");
    },
  },
  {
    name: "answers 1,000 concurrent calls",
    async run(bridge) {
      const math: Py = bridge.module("math");
      const b: Py = bridge.module("builtins");
      const calls = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? math.factorial(i % 15) : b.str(i)));
      const results = await Promise.all(calls);
      const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
      results.forEach((value, i) => assertEqual(value, i % 2 === 0 ? factorial(i % 15) : String(i), `result ${i}`));
    },
  },
  {
    name: "interrupts a busy loop within 1 s and answers afterwards",
    async run(bridge) {
      const h = await helpers(bridge);
      const spinning = h.spin();
      await sleep(200);
      const start = Date.now();
      bridge.interrupt();
      await pythonError(spinning, "KeyboardInterrupt", "interrupted spin()");
      const elapsed = Date.now() - start;
      assert(elapsed < 1000, `interrupted in ${elapsed} ms`);
      assertEqual(await h.echo("still here"), "still here", "the runtime answers afterwards");
    },
  },
  {
    name: "interrupts everything in flight, even a call queued behind a running one",
    async run(bridge) {
      // The first interrupt stops `busy`; `spin` starts only afterwards, and must be stopped too.
      await bridge.exec(
        "pg_queue",
        "import time\ndef busy(seconds):\n    end = time.time() + seconds\n    while time.time() < end: pass\n    return 'done'\n" +
          "def spin():\n    while True: pass\n",
      );
      const queue: Py = bridge.module("pg_queue");
      const running = queue.busy(5);
      const queued = queue.spin();
      await sleep(200);
      const start = Date.now();
      bridge.interrupt();
      await pythonError(running, "KeyboardInterrupt", "the running call");
      await pythonError(queued, "KeyboardInterrupt", "the call queued behind it");
      const elapsed = Date.now() - start;
      assert(elapsed < 3000, `both interrupted in ${elapsed} ms`);
      assertEqual(await queue.busy(0), "done", "the runtime answers afterwards");
    },
  },
  {
    name: "aborts a call with an AbortSignal",
    async run(bridge) {
      const h = await helpers(bridge);
      const aborted = new AbortController();
      aborted.abort();
      const early = await rejection(h.echo(1, callOptions({ signal: aborted.signal })), "pre-aborted call");
      assertEqual(early.name, "AbortError", "pre-aborted");
      const controller = new AbortController();
      const spinning = h.spin(callOptions({ signal: controller.signal }));
      await sleep(200);
      const start = Date.now();
      controller.abort();
      const error = await rejection(spinning, "aborted spin()");
      assertEqual(error.name, "AbortError", "aborted");
      assert(Date.now() - start < 250, "the abort rejects at once");
      // The running call was interrupted, so the runtime is free again.
      assertEqual(await h.echo("free"), "free", "answers after the abort");
      assertEqual(await h.echo(7, callOptions({ signal: new AbortController().signal })), 7, "options with an unused signal");
      assertEqual(await h.describe(3, callOptions({})), ["int", "3"], "empty call options");
    },
  },
  {
    name: "rejects pending calls within 1 s when the runtime dies, then restarts",
    async run(bridge) {
      const h = await helpers(bridge);
      const box = await h.Box(1);
      let exitError: Error | undefined;
      const off = bridge.on("exit", (error) => (exitError = error));
      const pending = [h.spin(), h.snooze(5), h.echo(3)];
      await sleep(200);
      const start = Date.now();
      bridge.kill();
      const settled = await Promise.allSettled(pending);
      const elapsed = Date.now() - start;
      off();
      assert(elapsed < 1000, `pending calls rejected in ${elapsed} ms`);
      for (const result of settled) {
        assert(result.status === "rejected", "every pending call rejects");
        assertEqual((result.reason as Error).name, "BridgeClosedError", "rejection");
      }
      assert(exitError !== undefined && exitError.name === "BridgeClosedError", "an exit event with the error");
      const math: Py = bridge.module("math");
      assertEqual(await math.gcd(4, 6), 2, "the next call starts a fresh runtime");
      const stale = await rejection(box.get(), "a proxy from the dead runtime");
      assert(stale instanceof BridgeError && /exited/.test(stale.message), `stale proxy: ${stale.message}`);
      assertEqual(await (await helpers(bridge)).echo(5), 5, "module state is rebuilt in the new runtime");
    },
  },
  {
    name: "releases proxies: explicitly, with `using`, and after GC",
    async run(bridge, env) {
      const b: Py = bridge.module("builtins");
      // Let earlier cases' garbage go first, so it cannot be released between here and the checks.
      await env.expectGc?.();
      await sleep(50);
      const baseline = (await bridge.stats()).objects;
      const one = await b.object();
      assertEqual((await bridge.stats()).objects, baseline + 1, "one entry per returned object");
      release(one);
      await sleep(20);
      assertEqual((await bridge.stats()).objects, baseline, "release(proxy)");
      const released = await rejection(b.id(one), "a released proxy");
      assert(/released/.test(released.message), `released proxy: ${released.message}`);
      {
        const disposable = (await b.object()) as Py & Disposable;
        assertEqual(typeof disposable[Symbol.dispose], "function", "ref proxies are disposable");
        disposable[Symbol.dispose]();
      }
      await sleep(20);
      assertEqual((await bridge.stats()).objects, baseline, "Symbol.dispose");

      assertEqual(typeof (bridge.module("math") as Py)[Symbol.dispose], "undefined", "module proxies are not disposable");
      const releasesBefore = bridge.requestCounts().release ?? 0;
      const grown = await (async () => {
        const proxies = await Promise.all(Array.from({ length: 10_000 }, () => b.object()));
        const objects = (await bridge.stats()).objects;
        assertEqual(proxies.length, 10_000, "created");
        return objects;
      })();
      // Leftovers of earlier cases may be collected meanwhile, so count only what is surely alive.
      assert(grown >= 10_000, `the table holds the 10,000 live proxies: ${grown} entries`);
      if (env.expectGc === undefined) return;
      let objects = grown;
      for (let attempt = 0; attempt < 50 && objects > baseline + 100; attempt++) {
        await env.expectGc();
        await sleep(20);
        objects = (await bridge.stats()).objects;
      }
      assert(objects <= baseline + 100, `after GC the table is back near ${baseline}: ${objects}`);
      const releases = (bridge.requestCounts().release ?? 0) - releasesBefore;
      assert(releases <= 20, `10,000 collected proxies were released in batches, not one by one: ${releases} requests`);
    },
  },
];
