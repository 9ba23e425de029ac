// Every special form and built-in macro, compiled to the function target and run.
import { describe, expect, it } from "vitest";
import { output, js, run } from "./helpers.js";
import { cases } from "./programs.js";


const fakeModules: Record<string, unknown> = {
  math: { name: "math" },
  tools: { greet: async (who: string) => `Hello, ${who}` },
  statistics: { mean: async (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length },
};
const module = (name: string) => fakeModules[name];

describe("special forms and macros", () => {
  for (const [name, source, expected] of cases) {
    if (name === "macro sees forms as data") continue;
    it(name, async () => {
      expect(await output(source, { module })).toBe(expected);
    });
  }

  it("forms reach macros as data: symbols, keywords, lists, vectors, maps", async () => {
    const source = `(defmacro kinds [& xs]
      (str (map (fn [x] (cond (symbol? x) "sym" (keyword? x) "kw" (list? x) "list" (vector? x) "vec" (string? x) "str" :else "other")) xs)))
    (print (kinds a :b (c) [d] "e" 1))`;
    expect(await output(source)).toBe('["sym" "kw" "list" "vec" "str" "other"]\n');
  });

  it("recursive macros (c04's my-and)", async () => {
    const source = `(defmacro my-or [& xs] (if (= (count xs) 0) nil \`(let [v# ~(first xs)] (if v# v# (my-or ~@(rest xs))))))
      (print (my-or nil false 3) (my-or))`;
    expect(await output(source)).toBe("3 nil\n");
  });
});

describe("emitted JavaScript", () => {
  it("hoists instead of wrapping in IIFEs", () => {
    const code = js("(print (if c (do (f) 1) 2))");
    expect(code).not.toMatch(/=>\s*\{|function\s*\(/);
    expect(code).toMatch(/if \(c\)/);
  });

  it("loop/recur becomes a while loop", () => {
    expect(js("(defn f [n] (loop [i 0] (if (< i n) (recur (inc i)) i)))")).toMatch(/while \(true\)/);
  });

  it("a closure made inside loop keeps its own iteration's bindings, as in Clojure", async () => {
    const source = "(def fs (loop [i 0 acc []] (if (< i 3) (recur (inc i) (.concat acc [(fn [] i)])) acc)))\n(print (map (fn [f] (f)) fs))";
    expect(await output(source)).toBe("[0 1 2]\n");
    // Swapping through recur still reads the old values when the body closes over them.
    expect(await output("(print (loop [a 1 b 2 n 0] (if (< n 3) (recur b a (inc n)) [a b ((fn [] (+ a b)))])))")).toBe("[2 1 3]\n");
  });

  it("async only where there is an await, not counting nested functions", () => {
    const code = js("(defn outer [] (fn [] (await 1)))");
    expect(code).toMatch(/^function outer/m);
    expect(code).toMatch(/async \(\) =>/);
  });

  it("keyword arguments go through $kwfor(), which checks the callee", () => {
    const code = js('(json.dumps {:a 1} :sort-keys true)');
    expect(code).toContain("$kwfor(json.dumps, 1, {sort_keys: true}, \"json.dumps\")");
    expect(code).toContain("sort_keys: true");
  });

  it("py.import and py-> expand to $py and await", () => {
    const code = js('(py.import "numpy" :as np) (py-> np sum [1 2])');
    expect(code).toContain('let np = $py("numpy")');
    expect(code).toContain("await np.sum([1, 2])");
  });

  it("module target imports only the prelude names it uses and awaits at top level", () => {
    const code = js("(print (await (Promise.resolve (inc 1))))", "module");
    expect(code.startsWith('import {print, inc} from "polyglot-lisp/prelude";')).toBe(true);
    expect(code).toContain("print(await Promise.resolve(inc(1)))");
  });

  it("function target destructures the prelude and returns the last value", async () => {
    const code = js("(def x 2) (* x 3)");
    expect(code).toMatch(/return x \* 3;/);
    expect((await run("(def x 2) (* x 3)")).value).toBe(6);
  });

  it("BigInt, hex and sets", () => {
    const code = js("[12345678901234567890n 0x1F #{1}]");
    expect(code).toContain("12345678901234567890n");
    expect(code).toContain("new Set([1])");
  });

  it("free names are JS globals", () => {
    expect(js("(console.log (Math.max 1 2) TextDecoder)")).toContain("console.log(Math.max(1, 2), TextDecoder)");
  });
});

describe("REPL mode", () => {
  it("definitions live on globalThis and survive between entries", async () => {
    const first = await run("(def repl-x 41) (defn repl-f [] (inc repl-x))", { repl: true });
    expect(first.compiled.code).toContain("globalThis.repl_x = 41");
    const second = await run("(repl-f)", { repl: true });
    expect(second.value).toBe(42);
    delete (globalThis as Record<string, unknown>).repl_x;
    delete (globalThis as Record<string, unknown>).repl_f;
  });

  it("macros survive between entries too", async () => {
    await run("(defmacro repl-twice [x] `(do ~x ~x))", { repl: true });
    expect((await run("(repl-twice (print 1))", { repl: true })).output).toBe("1\n1\n");
  });

  it("a def inside a block is still a REPL global", async () => {
    await run("(when true (def repl-y 5))", { repl: true });
    expect((await run("repl-y", { repl: true })).value).toBe(5);
    delete (globalThis as Record<string, unknown>).repl_y;
  });
});
