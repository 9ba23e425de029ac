// Issue 13 without Python: keywords as functions, Lisp names in errors,
// interop hints, typed catch on JS errors, recur in fn tails, the REPL session;
// and issue 16's π (Unicode names stay in the JS identifier).
import { describe, expect, it } from "vitest";
import { compile, LispError, ReplSession } from "../../src/lisp/index.js";
import { mangle } from "../../src/lisp/names.js";
import { runProgram } from "../../src/runner/index.js";
import { js, output, run } from "./helpers.js";

function compileError(source: string): LispError {
  try {
    compile(source, { filename: "t.lisp", target: "function" });
  } catch (error) {
    if (error instanceof LispError) return error;
    throw error;
  }
  throw new Error(`expected a compile error for ${source}`);
}

async function runtimeErrorText(source: string): Promise<string> {
  const result = await runProgram(source, { filename: "t.lisp", write: () => {} });
  if (result.ok) throw new Error("expected a runtime error");
  return result.error.text;
}

const programs: [string, string, string][] = [
  ["keywords as functions in map and filter", '(def people [{:name "Ada" :active true} {:name "Bob"}]) (print (map :name people) (filter :active people))', '["Ada" "Bob"] [{:name "Ada" :active true}]\n'],
  ["a keyword called on a map", '(print (:name {:name "Ada"}) (:missing {:a 1}))', "Ada nil\n"],
  ["a keyword in reduce and apply", "(print (reduce (fn [acc k] (+ acc (:n k))) 0 [{:n 1} {:n 2}]) (apply :a [{:a 5}]))", "3 5\n"],
  ["a keyword passed to a Lisp function is a plain value", "(defn pluck [k xs] (map k xs)) (print (pluck :x [{:x 1} {:x 2}]))", "[1 2]\n"],
  ["a keyword looks up a Map", '(print (map :k [(new Map [["k" 7]])]))', "[7]\n"],
  ["print takes keywords as values", "(print :a 1)", "a 1\n"],
  ["get on objects, arrays, Maps and nil", '(print (get {:a 1} "a") (get [5 6] 1) (get (new Map [[1 "one"]]) 1) (get nil "a") (get {} "z" :none))', "1 6 one nil none\n"],
  ["typed catch: JS TypeError", '(print (try (. nil x) (catch RangeError e "range") (catch TypeError e "type")))', "type\n"],
  ["typed catch: several clauses in order, then a catch-all", '(print (try (throw (new RangeError "r")) (catch TypeError e "type") (catch Error e (str "error " e.message)) (catch e "any")))', "error r\n"],
  ["typed catch: a thrown string reaches the catch-all", '(print (try (throw "s") (catch Error e "error") (catch e (str "any " e))))', "any s\n"],
  ["typed catch with finally", '(try (throw (new TypeError "t")) (catch TypeError e (print "caught" e.message)) (finally (print "finally")))', "caught t\nfinally\n"],
  ["try as a value with typed catch", '(def v (try (throw (new RangeError "x")) (catch RangeError e 42))) (print v)', "42\n"],
  ["recur in a defn", "(defn sum-to [n acc] (if (= n 0) acc (recur (dec n) (+ acc n)))) (print (sum-to 1000000 0))", "500000500000\n"],
  ["recur in a fn with rest params", "(def f (fn [n & xs] (if (> n 0) (recur (dec n) (.concat xs [n])) xs))) (print (f 3))", "[3 2 1]\n"],
  ["recur in a fn swaps parameters", "(defn swap-n [a b n] (if (= n 0) [a b] (recur b a (dec n)))) (print (swap-n 1 2 3))", "[2 1]\n"],
  ["recur in a fn: closures keep their pass", "(defn collect [i fs] (if (< i 3) (recur (inc i) (.concat fs [(fn [] i)])) fs)) (print (map (fn [f] (f)) (collect 0 [])))", "[0 1 2]\n"],
  ["recur in a fn through let and cond", "(defn countdown [n] (let [m (dec n)] (cond (< m 0) :done :else (recur m)))) (print (countdown 5))", "done\n"],
  ["a Unicode name stays a JS identifier", "(def π 3.14) (def größe 2) (print (* π größe) {:π 1})", "6.28 {:π 1}\n"],
];

describe("issue 13 programs", () => {
  for (const [what, source, expected] of programs) {
    it(what, async () => expect(await output(source)).toBe(expected));
  }

  it("an uncaught error from a typed try keeps its Lisp position", async () => {
    const result = await run('(print "before")\n(try\n  (. nil x)\n  (catch RangeError e "no"))');
    expect(result.output).toBe("before\n");
    expect(result.error).toBeInstanceOf(TypeError);
    expect(result.located?.line).toBe(3);
  });

  it("recur in a fn compiles to a loop in the function, not a call", () => {
    const code = js("(defn down [n] (if (> n 0) (recur (dec n)) n))");
    expect(code).toContain("while (true)");
    expect(code).not.toMatch(/down\(dec/);
  });
});

describe("compile errors that point at the fix", () => {
  const cases: [string, string, RegExp, RegExp][] = [
    ["recur not in tail position of a fn", "(defn f [n] (+ 1 (recur n)))", /recur is only allowed in tail position of a loop or fn/, /tail/],
    ["recur with the wrong count in a fn", "(defn f [a b] (recur 1))", /recur needs 2 value\(s\), one per parameter of the fn/, /one new value/],
    ["recur inside a try in a fn", "(defn f [n] (try (recur n) (catch e 1)))", /tail position/, /not inside a try/],
    ["js/ spelling", '(js/Error. "x")', /js\/Error\. is Clojure's constructor spelling/, /\(new Error …\)/],
    ["js/ global", "(js/console.log 1)", /js\/console\.log is Clojure's spelling of a JS global/, /console\.log/],
    ["Class. spelling", '(Error. "x")', /Error\. is Clojure's constructor spelling/, /\(new Error …\)/],
    ["Class/static spelling", "(Math/max 1 2)", /Math\/max is Clojure's spelling of a static member/, /Math\.max/],
    ["($py …).attr as a head", '(($py "math").sqrt 2)', /\(\$py "math"\)\.sqrt is not a property access/, /\(\(\. \(\$py "math"\) sqrt\) …\)/],
    ["a bare .attr symbol", "(print .length)", /\.length on its own is not a property access/, /\(\. obj length\)/],
    ["a keyword a Lisp function cannot take", "(defn area [w h] (* w h)) (area 2 :h 3)", /area takes 2 arguments, so :h would be dropped/, /pass a map instead/],
    ["fn parameter that is not a name", "(fn [a 1] a)", /a fn parameter must be a plain name, got 1/, /./],
    ["for binding that is not a name", "(for [[a] xs] a)", /for needs a name for each item, got \[a\]/, /./],
    ["catch without a name", "(try 1 (catch))", /catch needs a name for the error, got nothing/, /./],
    ["a catch after a catch-all", "(try 1 (catch e 2) (catch TypeError e 3))", /no catch clause may follow it/, /./],
    ["a dotted def name", "(def a.b 1)", /def needs a name, got a\.b: a name to bind has no dots/, /./],
  ];
  for (const [what, source, message, hint] of cases) {
    it(what, () => {
      const error = compileError(source);
      expect(error.message).toMatch(message);
      expect(error.formatted()).toMatch(hint);
    });
  }
});

describe("runtime errors name Lisp symbols", () => {
  it("an undefined function", async () => {
    const text = await runtimeErrorText('(print "x")\n(undefined-fn 1)');
    expect(text).toMatch(/^t\.lisp:2:2: ReferenceError: undefined-fn is not defined\n2 \| \(undefined-fn 1\)/);
  });
  it("a name with spelled-out characters", async () => {
    expect(await runtimeErrorText("(print (no-such? 1))")).toContain("ReferenceError: no-such? is not defined");
  });
  it("a method that is not there", async () => {
    expect(await runtimeErrorText("(def box {}) (box.add-item 1)")).toContain("TypeError: box.add-item is not a function");
  });
  it("a thrown string with terminal escapes is shown escaped", async () => {
    const text = await runtimeErrorText('(throw "\\u001b]0;TITLE\\u0007")');
    expect(text).toContain("\\x1b]0;TITLE\\x07");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe("Unicode names (issue 16 §6)", () => {
  it("keeps letters JS allows in identifiers", () => {
    expect(mangle("π")).toBe("π");
    expect(mangle("größe")).toBe("größe");
    expect(mangle("λ-fn")).toBe("λ_fn");
    expect(mangle("1π")).toBe("$1π");
    expect(mangle("☃")).toBe("$u2603$");
  });
  it("(. u π) reads the property π", () => {
    expect(js("(def u {}) (print (. u π) u.π)")).toContain("print(u.π, u.π)");
  });
});

describe("REPL session", () => {
  it("checks completeness with the reader alone, so a macro body runs once per use", async () => {
    const session = new ReplSession();
    const lines: string[] = [];
    const original = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      const entry = '(defmacro m [] (print "expanding") 1)';
      expect(session.needsMore("(defmacro m []")).toBe(true);
      expect(session.needsMore(entry)).toBe(false);
      session.compile(entry, session.nextFilename());
      expect(session.needsMore("(print (m))")).toBe(false);
      session.compile("(print (m))", session.nextFilename());
    } finally {
      console.log = original;
    }
    expect(lines).toEqual(["expanding"]);
  });

  it("keeps macros and Lisp functions per session, not per process", () => {
    const a = new ReplSession();
    const b = new ReplSession();
    a.compile("(defmacro twice [x] `(do ~x ~x))", a.nextFilename());
    a.compile("(defn greet [who] who)", a.nextFilename());
    expect(a.compile("(twice 1)", a.nextFilename()).code).not.toContain("twice(");
    expect(b.compile("(twice 1)", b.nextFilename()).code).toContain("twice(");
    // greet is a known Lisp function in a: a keyword is a plain value there, and a dropped one is an error.
    expect(a.compile("(greet :x)", a.nextFilename()).code).toContain('greet("x")');
    expect(() => a.compile("(greet 1 :x 2)", a.nextFilename())).toThrow(/greet takes 1 argument, so :x would be dropped/);
    expect(b.compile("(greet :x 2)", b.nextFilename()).code).toContain("$kwfor(greet, 0, {");
  });

  it("an entry that fails to compile leaves the session as it was", () => {
    const session = new ReplSession();
    session.compile("(defn f [a] a)", session.nextFilename());
    expect(() => session.compile("(def f 1) (if)", session.nextFilename())).toThrow(LispError);
    expect(() => session.compile("(f 1 :x 2)", session.nextFilename())).toThrow(/f takes 1 argument/);
  });
});
