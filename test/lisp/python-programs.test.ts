// Issue 13's Python cases run through the CLI on both runtimes, each with its
// exact output: the prelude over Python proxies, `get` on Python items, typed
// catch by class and base class, keywords as functions beside Python kwargs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");

const PROGRAM = String.raw`
(py.import "builtins" :as b)
(py.import "collections" :as coll)
(py.import "json" :as json)
(defn attempt [label f]
  (try (print label (f))
    (catch TypeError e (print label "TypeError:" e.message))))
(def r (await (b.range 3)))
(attempt "count" (fn [] (count r)))
(attempt "first" (fn [] (first r)))
(attempt "map" (fn [] (map inc r)))
(attempt "filter" (fn [] (filter identity r)))
(attempt "reduce" (fn [] (reduce + 0 r)))
(attempt "rest" (fn [] (rest r)))
(attempt "nth" (fn [] (nth r 1)))
(attempt "apply" (fn [] (apply + r)))
(attempt "str" (fn [] (str "r is " r)))
(def xs (await (py/list r)))
(print xs (count xs) (first xs) (map inc xs) (filter identity xs) (reduce + 0 xs) (await (py/len r)))
(def ctr (await (coll.Counter "abca")))
(attempt "keys" (fn [] (keys ctr)))
(attempt "vals" (fn [] (vals ctr)))
(print (await (get ctr "a")) (await (get ctr "z")) (await (py/list ctr)))
(def od (await (coll.OrderedDict [["k" 1]])))
(print (await (get od "k")) (await (get od "missing" "fallback")) (await (get r 2)))
(try (await (get od "missing"))
  (catch ValueError e (print "wrong clause"))
  (catch LookupError e (print "caught by base class" e.type))
  (finally (print "finally ran")))
(try (await (b.int "x"))
  (catch KeyError e (print "wrong clause"))
  (catch ValueError e (print "caught" e.type))
  (catch e (print "catch-all")))
(try (await (b.divmod 1 0))
  (catch ArithmeticError e (print "caught" e.type "as ArithmeticError")))
(try (.toFixed 1 500)
  (catch ValueError e (print "wrong clause"))
  (catch RangeError e (print "JS RangeError caught")))
(def people [{:name "Ada"} {:name "Bob"}])
(print (map :name people) (await (json.dumps {:b 1 :a 2} :sort-keys true)))
(defn rounded [x] (await (b.round x :ndigits 1)))
(print (await (rounded 2.25)))
(py.import "types" :as types)
(def u (await (types.SimpleNamespace :π 3.14)))
(print (await (. u π)) (await u.π))
`;

const EXPECTED = [
  "count TypeError: count: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (await (py/len xs)) for Python's len",
  "first TypeError: first: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (first (await (py/list xs))) (a by-value copy, one round trip)",
  "map TypeError: map: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (map f (await (py/list xs))) (a by-value copy, one round trip)",
  "filter TypeError: filter: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (filter pred (await (py/list xs))) (a by-value copy, one round trip)",
  "reduce TypeError: reduce: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (reduce f init (await (py/list xs))) (a by-value copy, one round trip)",
  "rest TypeError: rest: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (rest (await (py/list xs))) (a by-value copy, one round trip)",
  "nth TypeError: nth: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (await (get xs i)) for one item, or (nth (await (py/list xs)) i) (a by-value copy, one round trip)",
  "apply TypeError: apply: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (apply f (await (py/list xs))) (a by-value copy, one round trip)",
  "str TypeError: str: #<py range> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (await (py/str x)) for Python's text of it",
  "[0 1 2] 3 0 [1 2 3] [1 2] 3 3",
  "keys TypeError: keys: #<py Counter> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (await (py/list m)) for its keys (a by-value copy, one round trip)",
  "vals TypeError: vals: #<py Counter> is a Python object; the prelude works on JS values and cannot read Python items without awaiting. Write (await (py/list (await (.values m)))) (a by-value copy, one round trip)",
  '2 0 ["a" "b" "c"]',
  "1 fallback 2",
  "caught by base class KeyError",
  "finally ran",
  "caught ValueError",
  "caught ZeroDivisionError as ArithmeticError",
  "JS RangeError caught",
  '["Ada" "Bob"] {"a": 2, "b": 1}',
  "2.2",
  "3.14 3.14",
  "",
].join("\n");

describe.each(["cpython", "pyodide"])("issue 13 programs on %s", (runtime) => {
  it("prints exactly the expected output", () => {
    const run = spawnSync("node", [bin, "run", "-e", PROGRAM, "--runtime", runtime], { encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(EXPECTED);
    expect(run.status).toBe(0);
  });
});
