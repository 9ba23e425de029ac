// The examples menu. Each example is a complete program: main.lisp plus the
// Python files it loads. Together they show stdlib calls, keyword arguments,
// objects and methods, callbacks, iteration, macros, errors and pictures.
import { mainFileName, type ProjectFile } from "./files.js";

export interface Example {
  id: string;
  title: string;
  files: ProjectFile[];
}

export const defaultToolsPy = `"""Helpers for the playground. Lisp loads this file with ($py "./tools.py")."""
import time

VERSION = "1.0"


def greet(name, punct="!"):
    return f"Hello, {name}{punct}"


class Counter:
    def __init__(self, start=0):
        self.value = start

    def increment(self, by=1):
        self.value += by
        return self.value


def parse_age(text):
    """Raises ValueError when text is not a number."""
    return int(text)


def squares(n):
    """A generator: Lisp walks it with for-await."""
    for i in range(n):
        yield i * i


def slow_count(n, delay=0.5):
    """Prints as it goes, so you can watch output stream in."""
    for i in range(1, n + 1):
        print(f"tick {i}", flush=True)
        time.sleep(delay)
    return n
`;

function example(id: string, title: string, main: string, toolsPy: string = defaultToolsPy): Example {
  return {
    id,
    title,
    files: [
      { name: mainFileName, text: main },
      { name: "tools.py", text: toolsPy },
    ],
  };
}

/** The pictures example's Python: it computes, and Lisp draws what it computed. */
const histogramPy = `"""Python computes; main.lisp draws the result on a canvas and shows it."""
import random


def histogram(n=2000, bins=24, seed=7):
    """How many of n normally distributed samples fall in each of \`bins\` equal bins over ±3σ."""
    rng = random.Random(seed)
    counts = [0] * bins
    for _ in range(n):
        i = int((rng.gauss(0, 1) + 3) / 6 * bins)
        if 0 <= i < bins:
            counts[i] += 1
    return counts
`;

export const examples: readonly Example[] = [
  example(
    "hello",
    "Hello, Python",
    `; Lisp that calls Python. Press Run (or Ctrl/Cmd-Enter).
(def stats ($py "statistics"))
(print "mean:" (await (stats.mean [1 2 3 4])))

; tools.py is the second tab: edit it and run again.
(def tools ($py "./tools.py"))
(print (await (tools.greet "Ada")))

(defn hyp [a b] (Math.sqrt (+ (* a a) (* b b))))
(print "hypotenuse:" (hyp 3 4))
{:python (await (. tools VERSION)) :squares (map (fn [x] (* x x)) (range 5))}
`,
  ),
  example(
    "kwargs",
    "Keyword arguments",
    `; :name value pairs in a call become Python keyword arguments.
(py.import "builtins" :as b)
(print (await (b.sorted [3 1 2] :reverse true)))
(print (await (b.round 3.14159 :ndigits 2)))

(py.import "json" :as json)
(print (await (json.dumps {:b 1 :a [1 2]} :sort-keys true)))
(print (await (json.dumps {:name "Ada" :langs ["lisp" "python"]} :indent 2)))

(def tools ($py "./tools.py"))
(await (tools.greet "Bob" :punct "?"))
`,
  ),
  example(
    "objects",
    "Objects and methods",
    `; Python objects come back as proxies: call their methods, read attributes.
(def tools ($py "./tools.py"))
(def c (await (tools.Counter 5)))
(print (await (c.increment)) (await (c.increment 3)) (await (. c value)))

(py.import "collections" :as coll)
(def letters (await (coll.Counter "abracadabra")))
(print "most common:" (await (letters.most_common 2)))
(print "a proxy prints as" letters)

(py.import "fractions" :as fr)
(def half (await (fr.Fraction 1 2)))
(def total (await (half.__add__ (await (fr.Fraction 1 3)))))
(str (await (. total numerator)) "/" (await (. total denominator)))
`,
  ),
  example(
    "callbacks",
    "Callbacks",
    `; Lisp functions passed to Python are called back from Python.
(py.import "builtins" :as b)
(print (await (b.sorted ["bb" "a" "ccc"] :key (fn [s] (- (count s))))))

(py.import "functools" :as ft)
(print (await (ft.reduce (fn [acc x] (+ acc x)) [1 2 3 4] 10)))

(def seen [])
(defn shout [word] (.push seen word) (.toUpperCase word))
(print (await (b.list (await (b.map shout ["lisp" "calls" "python"])))))
seen
`,
  ),
  example(
    "iteration",
    "Iteration and generators",
    `; for-await walks Python iterators and generators.
(def tools ($py "./tools.py"))
(for-await [x (await (tools.squares 5))]
  (print "square" x))

(py.import "itertools" :as it)
(def acc [])
(for-await [pair (await (it.combinations ["a" "b" "c"] 2))]
  (.push acc (.join pair "")))
(print acc)

(loop [i 0 total 0]
  (if (< i 5) (recur (inc i) (+ total i)) total))
`,
  ),
  example(
    "macros",
    "Macros",
    `; Macros run at compile time on forms. See the JavaScript pane.
(defmacro unless2 [test & body]
  \`(if ~test nil (do ~@body)))
(unless2 false (print "ran"))
(unless2 true (print "not ran"))

(defmacro swap! [a b]
  (let [tmp (gensym "tmp")]
    \`(let [~tmp ~a] (set! ~a ~b) (set! ~b ~tmp))))
(def p 1)
(def q 2)
(swap! p q)
(print "swapped:" p q)

(print (->> [1 2 3 4] (map (fn [x] (* x x))) (filter (fn [x] (> x 4)))))
(-> 5 (+ 3) (* 2))
`,
  ),
  example(
    "errors",
    "Errors",
    `; Python exceptions arrive as errors with a type and a traceback.
(py.import "json" :as json)
(try
  (await (json.loads "{bad"))
  (catch e
    (print "caught" (. e type) "-" (. e message))))

(def tools ($py "./tools.py"))
(print "age:" (await (tools.parse_age "42")))
(print "now an uncaught one, raised in tools.py:")
(await (tools.parse_age "forty-two"))
`,
  ),
  example(
    "streaming",
    "Streaming output",
    `; Python's print shows up while Python is still running.
; Press Stop to interrupt it.
(def tools ($py "./tools.py"))
(print "counting…")
(await (tools.slow_count 6 :delay 0.5))
`,
  ),
  example(
    "pictures",
    "Pictures: Python computes, Lisp draws",
    `; Python computes a histogram, Lisp draws it on a canvas, show puts it in the output.
; show also takes image bytes (PNG, JPEG, GIF, WebP, SVG) and Python objects with
; _repr_png_ / _repr_svg_ / _repr_html_; Python code can call show(x) too.
(def tools ($py "./tools.py"))
(def counts (await (tools.histogram 2000 24)))

(def width 480)
(def height 200)
(def c (canvas width height))
(def ctx (.getContext c "2d"))
(set! ctx.fillStyle "#f7f7fb")
(.fillRect ctx 0 0 width height)

(def tallest (apply Math.max counts))
(def bar (/ width (count counts)))
(set! ctx.fillStyle "#3b6ea5")
(for [i (range (count counts))]
  (let [h (* (- height 24) (/ (nth counts i) tallest))]
    (.fillRect ctx (+ (* i bar) 2) (- height h) (- bar 4) h)))
(set! ctx.fillStyle "#333")
(set! ctx.font "14px sans-serif")
(.fillText ctx "2000 samples of a normal distribution" 10 18)

(show c)
(print "drew" (count counts) "bars from" (reduce + counts) "samples")
`,
    histogramPy,
  ),
];

export const defaultExample: Example = examples[0]!;

export function findExample(id: string): Example | undefined {
  return examples.find((candidate) => candidate.id === id);
}
