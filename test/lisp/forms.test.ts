// Every special form and built-in macro, compiled to the function target and run.
import { describe, expect, it } from "vitest";
import { output, js, run } from "./helpers.js";

const cases: [string, string, string][] = [
  // definitions and functions
  ["def and set!", "(def x 1) (set! x (+ x 1)) (print x)", "2\n"],
  ["def again rebinds", "(def x 1) (def x 2) (print x)", "2\n"],
  ["defn returns the last form", "(defn f [a b] (print a) (+ a b)) (print (f 1 2))", "1\n3\n"],
  ["defn with a docstring", '(defn f "adds one" [a] (inc a)) (print (f 1))', "2\n"],
  ["fn with rest params", "(def f (fn [a & more] [a more])) (print (f 1 2 3) (f 1))", "[1 [2 3]] [1 []]\n"],
  ["named fn recursion", "(def fact (fn self [n] (if (< n 2) 1 (* n (self (dec n)))))) (print (fact 5))", "120\n"],
  ["recursive defn", "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print (fib 15))", "610\n"],
  ["closures capture", "(defn adder [n] (fn [x] (+ x n))) (print ((adder 3) 4))", "7\n"],
  // let
  ["let vector", "(let [a 1 b (+ a 1)] (print a b))", "1 2\n"],
  ["let parens", "(let ((a 1) (b 2)) (print (+ a b)))", "3\n"],
  ["let rebinding the same name", "(let [x 1 x (+ x 1)] (print x))", "2\n"],
  ["let shadowing", "(def x 10) (let [x 1] (let [x (+ x 1)] (print x))) (print x)", "2\n10\n"],
  ["let shadowing a prelude name", "(let [count 5 map (map inc [1])] (print count map))", "5 [2]\n"],
  ["let as an expression", "(print (let [a 2] (* a a)))", "4\n"],
  // if / when / unless / cond / do
  ["if", "(print (if true 1 2) (if nil 1 2) (if 0 1 2) (if \"\" 1 2) (if [] 1 2))", "1 2 2 2 1\n"],
  ["if without else is nil", "(print (if false 1))", "nil\n"],
  ["if hoists statements", "(defn f [c] (print (if c (do (print \"side\") 1) 2))) (f true) (f false)", "side\n1\n2\n"],
  ["when", "(when true (print 1) (print 2)) (print (when false 1))", "1\n2\nnil\n"],
  ["unless", "(unless false (print \"yes\")) (print (unless true 1))", "yes\nnil\n"],
  ["cond", "(defn sign [n] (cond (< n 0) :neg (= n 0) :zero :else :pos)) (print (sign -2) (sign 0) (sign 5))", "neg zero pos\n"],
  ["cond without a match", "(print (cond false 1))", "nil\n"],
  ["do", "(print (do (print 1) 2))", "1\n2\n"],
  ["a variable read before a hoisted set! keeps its value", "(def x 1) (print x (do (set! x 2) x))", "1 2\n"],
  ["chained comparison evaluates each operand once, in order", "(defn f [x] (print x) x) (print (< (f 1) (f 2) (f 3)))", "1\n2\n3\ntrue\n"],
  ["evaluation order with hoisting", "(defn f [x] (print x) x) (print (+ (f 1) (do (f 2) 3)))", "1\n2\n4\n"],
  // property access and methods
  ["dotted symbols", "(def o {:a {:b 5}}) (print o.a.b (Math.max 1 2))", "5 2\n"],
  [". chain", "(def o {:a {:b 5}}) (print (. o a b))", "5\n"],
  [". method step", "(print (. \"abc\" (toUpperCase)))", "ABC\n"],
  [".method", "(print (.toUpperCase \"abc\") (.slice [1 2 3] 1))", "ABC [2 3]\n"],
  ["method on a number literal", "(print (.toFixed 3.14159 2))", "3.14\n"],
  ["get", "(def o {:a 1 \"b c\" 2}) (print (get o \"a\") (get o \"b c\") (get [5 6] 1) (get o \"z\" :none))", "1 2 6 none\n"],
  ["set! targets", "(def o {}) (set! o.a 1) (set! (. o b) 2) (set! (get o \"c\") 3) (print o)", "{:a 1 :b 2 :c 3}\n"],
  ["set! returns the value", "(def x 0) (print (set! x 5))", "5\n"],
  ["new", "(print (.getFullYear (new Date 2020 1 1)) (count (new Set [1 1 2])))", "2020 2\n"],
  ["keyword as a function", "(print (:a {:a 42}))", "42\n"],
  ["this", "(def o {:n 3 :get (fn [] (. this n))}) (print (o.get))", "3\n"],
  // errors
  ["try/catch/finally", "(try (throw (new Error \"x\")) (catch e (print \"caught\" e.message)) (finally (print \"done\")))", "caught x\ndone\n"],
  ["try as a value", "(print (try (throw 1) (catch e (+ e 1))))", "2\n"],
  ["try without catch", "(try (print 1) (finally (print 2)))", "1\n2\n"],
  ["throw in expression position", "(defn f [x] (if x x (throw (new Error \"no\")))) (print (f 1))", "1\n"],
  // loops
  ["while", "(def i 0) (while (< i 3) (set! i (inc i))) (print i)", "3\n"],
  ["loop/recur", "(print (loop [i 0 acc []] (if (< i 3) (recur (inc i) (.concat acc [i])) acc)))", "[0 1 2]\n"],
  ["loop swaps", "(print (loop [a 1 b 2 n 0] (if (< n 1) (recur b a (inc n)) [a b])))", "[2 1]\n"],
  ["loop a million times", "(print (loop [i 0] (if (< i 1000000) (recur (inc i)) i)))", "1000000\n"],
  ["nested loops", "(print (loop [i 0 s 0] (if (< i 3) (recur (inc i) (+ s (loop [j 0 t 0] (if (< j i) (recur (inc j) (+ t 1)) t)))) s)))", "3\n"],
  ["loop with let and when in the tail", "(print (loop [i 0] (let [j (inc i)] (if (< j 5) (recur j) j))))", "5\n"],
  ["for", "(for [x [1 2] y [\"a\" \"b\"]] (print x y))", "1 a\n1 b\n2 a\n2 b\n"],
  ["for over a string", "(for [c \"hi\"] (print c))", "h\ni\n"],
  // logic and operators
  ["and/or values", "(print (and 1 2) (and 1 nil 3) (or nil false 3) (or) (and))", "2 nil 3 false true\n"],
  ["and short-circuits with statements", "(print (and false (do (print \"no\") 1)) (or 1 (do (print \"no\") 2)))", "false 1\n"],
  ["not", "(print (not nil) (not 1))", "true false\n"],
  ["arithmetic", "(print (+) (*) (+ 1 2 3) (- 10 1 2) (- 5) (* 2 3 4) (/ 8 2 2) (/ 4) (% 7 3))", "0 1 6 7 -5 24 2 0.25 1\n"],
  ["comparisons chain", "(print (< 1 2 3) (< 1 3 2) (>= 3 3 1) (= 1 1 1) (not= 1 2) (not= 1 1))", "true false true true true false\n"],
  ["= is ===", "(print (= 1 \"1\") (= nil nil))", "false true\n"],
  ["operators as values", "(print (reduce + 0 [1 2 3]) (reduce * [2 3]) (map - [1 2]) (apply < [1 2 3]) (filter (fn [x] (= x 1)) [1 2]))", "6 6 [-1 -2] true [1]\n"],
  ["operators print as functions", "(print + not=)", "#<fn +> #<fn not=>\n"],
  // threading
  ["->", "(print (-> 5 (+ 3) (* 2) str))", "16\n"],
  ["->>", "(print (->> [1 2 3] (map inc) (reduce +)))", "9\n"],
  // literals and quote
  ["numbers", "(print 42 -7 0x1F 3.14 1e-3 -0.5 12345678901234567890n 0b101)", "42 -7 31 3.14 0.001 -0.5 12345678901234567890 5\n"],
  ["strings", '(print "a\\tb" "\\u00e9\\u{1F600}" "q\\"x")', 'a\tb é😀 q"x\n'],
  ["maps", '(print {:a 1 "b c" 2 :d-e 3})', '{:a 1 "b c" 2 :d-e 3}\n'],
  ["computed map keys", "(def k \"key\") (print {k 1 1 2})", '{"1" 2 :key 1}\n'],
  ["sets", "(print #{1 2} (.has #{:a} \"a\"))", "#{1 2} true\n"],
  ["vectors nest", "(print [1 [2 [3]] {:a [nil]}])", "[1 [2 [3]] {:a [nil]}]\n"],
  ["keywords are strings", "(print (str :a) (= :a \"a\"))", "a true\n"],
  ["quote", "(print '(1 a :b \"c\" [d]) 'sym '{:a b})", '[1 "a" "b" "c" ["d"]] sym {:a "b"}\n'],
  ["discard", "(print 1 #_(print 2) 3)", "1 3\n"],
  ["comments and commas", "; comment\n(print 1, 2) ; trailing", "1 2\n"],
  // names
  ["names are mangled", "(def add-one inc) (def empty? (fn [x] (= (count x) 0))) (print (add-one 1) (empty? []) (empty? \"a\"))", "2 true false\n"],
  ["reserved words as names", "(def class 1) (let [new 2 default 3] (print (+ class new default)))", "6\n"],
  // keyword arguments
  ["kwargs reach a JS function as a last object", "(defn f [a opts] [a opts.x opts.sort_keys]) (print (f 1 :x 2 :sort-keys true))", "[1 2 true]\n"],
  ["kwargs are marked", "(defn f [& args] (.has (new Set (Object.getOwnPropertySymbols (nth args 0))) (Symbol.for \"polyglot.kwargs\"))) (print (f :k 1))", "true\n"],
  // async
  ["await makes functions async", "(defn f [] (await (Promise.resolve 5))) (print (await (f)))", "5\n"],
  ["await hoisted in an if", "(defn f [c] (if c (do (await nil) 1) 2)) (print (await (f true)) (await (f false)))", "1 2\n"],
  ["for-await", "(defn gen [] (.values [1 2])) (for-await [x (gen)] (print x))", "1\n2\n"],
  // macros
  ["defmacro and quasiquote", "(defmacro twice [x] `(do ~x ~x)) (twice (print 1))", "1\n1\n"],
  ["gensym hygiene", "(defmacro with-tmp [v & body] (let [t (gensym \"t\")] `(let [~t ~v] (print ~t) ~@body))) (def t 9) (with-tmp 1 (print t))", "1\n9\n"],
  ["macro sees forms as data", "(defmacro kinds [& xs] (vec-of-kinds xs)) (print 1)", "1\n"],
  ["macro with map", "(defmacro adds [& xs] `(+ ~@(map (fn [x] `(* 2 ~x)) xs))) (print (adds 1 2 3))", "12\n"],
  ["macros can use symbol? and name", "(defmacro nm [x] (if (symbol? x) (name x) \"?\")) (print (nm foo) (nm 1))", "foo ?\n"],
  ["macro output keeps keywords as kwargs", "(defmacro call-with-x [f] `(~f :x 1)) (defn g [o] o.x) (print (call-with-x g))", "1\n"],
  ["py.import expands to $py", '(py.import "math" :as m) (print m.name)', "math\n"],
  ["py-> awaits a method call", '(py.import "tools" :as t) (print (py-> t greet "Ada"))', "Hello, Ada\n"],
  ["$py with a fake module", '(def m ($py "statistics")) (print (await (m.mean [1 2 3])))', "2\n"],
];

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

  it("async only where there is an await, not counting nested functions", () => {
    const code = js("(defn outer [] (fn [] (await 1)))");
    expect(code).toMatch(/^function outer/m);
    expect(code).toMatch(/async \(\) =>/);
  });

  it("keyword arguments go through kw()", () => {
    const code = js('(json.dumps {:a 1} :sort-keys true)');
    expect(code).toContain("kw({");
    expect(code).toContain("sort_keys: true");
  });

  it("py.import and py-> expand to $py and await", () => {
    const code = js('(py.import "numpy" :as np) (py-> np sum [1 2])');
    expect(code).toContain('let np = $py("numpy")');
    expect(code).toContain("await np.sum([1, 2])");
  });

  it("module target imports only the prelude names it uses and awaits at top level", () => {
    const code = js("(print (await (Promise.resolve (inc 1))))", "module");
    expect(code.startsWith('import {print, inc} from "polyglot/prelude";')).toBe(true);
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
