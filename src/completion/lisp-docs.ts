// One-line docs for the names every program has: the prelude's functions and
// operators, the special forms and the built-in macros. Hover and completion
// show them; test/completion checks that every prelude name has one.
import { OPERATOR_FUNCTIONS, PRELUDE_FUNCTIONS } from "../lisp/prelude-names.js";

/** Prelude names a program writes (those starting with $ are the compiler's helpers, except $py). */
export function isPublicPreludeName(name: string): boolean {
  return !name.startsWith("$") || name === "$py";
}

/** The public prelude names, as the compiler knows them. */
export const PUBLIC_PRELUDE_NAMES: readonly string[] = PRELUDE_FUNCTIONS.filter(isPublicPreludeName);

export type BuiltinKind = "prelude" | "operator" | "special form" | "macro";

export interface BuiltinDoc {
  kind: BuiltinKind;
  /** How it is called: `(map f xs…)`. */
  usage: string;
  doc: string;
}

// Keyed by name (not typed by PRELUDE_FUNCTIONS, so a new prelude name does not break
// the build); test/completion/lisp-docs.test.ts requires one per public name.
const prelude: Record<string, [string, string]> = {
  print: ["(print x…)", "Print the values separated by spaces, then a newline."],
  str: ["(str x…)", "Join the values' printed forms into one string."],
  range: ["(range end) / (range start end step?)", "An array of numbers from start (0) up to, not including, end."],
  map: ["(map f xs…)", "Apply f to each item (of several collections in step); an array."],
  filter: ["(filter pred xs)", "The items for which pred is truthy."],
  reduce: ["(reduce f init? xs)", "Fold the items with f, from init or the first item."],
  count: ["(count xs)", "The number of items (of a string, array, map or set; for a Python object use (await (py/len x)))."],
  first: ["(first xs)", "The first item, or nil when empty."],
  rest: ["(rest xs)", "Every item but the first."],
  nth: ["(nth xs i fallback?)", "The item at index i (fallback, or an error, when out of range)."],
  inc: ["(inc x)", "x + 1."],
  dec: ["(dec x)", "x - 1."],
  identity: ["(identity x)", "x itself."],
  apply: ["(apply f args… xs)", "Call f with args followed by the items of xs."],
  keys: ["(keys m)", "The keys of a map or object."],
  vals: ["(vals m)", "The values of a map or object."],
  get: ["(get m key fallback?)", "The value at key (a map, object, array or Python item), or fallback."],
  show: [
    "(show x)",
    "Show x as a picture in the output: image bytes (PNG, JPEG, GIF, WebP, SVG), a canvas, or a Python object with _repr_png_/_repr_svg_/_repr_html_ (await it). The CLI prints a one-line description.",
  ],
  canvas: ["(canvas width height)", "An OffscreenCanvas to draw on with (.getContext c \"2d\"); (show c) puts what is drawn in the output."],
  $py: ["($py \"module\")", "A Python module, by name or file path (\"./tools.py\"): its attributes are async proxies."],
  kw: ["(kw {:name value})", "Keyword arguments for a Python call."],
  gensym: ["(gensym prefix?)", "A fresh symbol no program uses (for macros)."],
  "read-line": ["(await (read-line prompt?))", "The next line typed (in the output pane, or stdin under the CLI), without its newline; nil at end of input."],
  list: ["(list x…)", "A list form (for macros)."],
  vector: ["(vector x…)", "An array of the values."],
  symbol: ["(symbol name)", "The symbol with that name."],
  keyword: ["(keyword name)", "The keyword with that name."],
  name: ["(name x)", "The name of a symbol or keyword, as a string."],
  concat: ["(concat xs…)", "One array of the items of each collection."],
  "list?": ["(list? x)", "Whether x is a list form."],
  "vector?": ["(vector? x)", "Whether x is a vector (an array)."],
  "symbol?": ["(symbol? x)", "Whether x is a symbol."],
  "keyword?": ["(keyword? x)", "Whether x is a keyword."],
  "string?": ["(string? x)", "Whether x is a string."],
};

const operators: Record<keyof typeof OPERATOR_FUNCTIONS & string, [string, string]> = {
  "+": ["(+ x…)", "Sum (or string concatenation)."],
  "-": ["(- x y…)", "Difference, or negation of one value."],
  "*": ["(* x…)", "Product."],
  "/": ["(/ x y…)", "Quotient."],
  "%": ["(% x y)", "Remainder."],
  "<": ["(< x y…)", "Strictly increasing."],
  ">": ["(> x y…)", "Strictly decreasing."],
  "<=": ["(<= x y…)", "Non-decreasing."],
  ">=": ["(>= x y…)", "Non-increasing."],
  "=": ["(= x y…)", "Equal by value (arrays, maps and sets item by item)."],
  "not=": ["(not= x y)", "Not equal by value."],
  not: ["(not x)", "true when x is falsy."],
};

const specialForms: Record<string, [string, string]> = {
  def: ["(def name value)", "Define a name in the file (or the REPL session)."],
  fn: ["(fn name? [params] body…)", "A function; & rest collects the remaining arguments."],
  let: ["(let [name value …] body…)", "Local names, each visible in the values after it and in the body."],
  if: ["(if test then else?)", "then when test is truthy (only false, nil and undefined are not), else otherwise."],
  do: ["(do body…)", "Evaluate in order; the last value is the result."],
  "set!": ["(set! place value)", "Assign a local, a def or a property (obj.attr)."],
  ".": ["(. obj attr)", "The attribute (or method) attr of obj."],
  new: ["(new Class args…)", "Construct a JS object."],
  await: ["(await promise)", "Wait for a promise (a Python call's result)."],
  try: ["(try body… (catch Class e …) (finally …))", "Catch errors by class (JS or Python) and run cleanup."],
  throw: ["(throw error)", "Raise an error."],
  while: ["(while test body…)", "Repeat the body while test is truthy."],
  loop: ["(loop [name value …] body…)", "A loop whose recur re-binds the names."],
  recur: ["(recur values…)", "Jump back to the enclosing loop or fn with new values (tail position only)."],
  for: ["(for [x xs] body…)", "Run the body for each item of xs."],
  "for-await": ["(for-await [x xs] body…)", "Run the body for each item of an async iterable (a Python iterator)."],
  and: ["(and x…)", "The first falsy value, or the last."],
  or: ["(or x…)", "The first truthy value, or the last."],
  quote: ["(quote form) / 'form", "The form itself, unevaluated."],
  quasiquote: ["`form", "A template: ~x inserts a value, ~@xs splices items."],
  unquote: ["~x", "Inside `…: insert the value of x."],
  "unquote-splicing": ["~@xs", "Inside `…: splice the items of xs."],
  defmacro: ["(defmacro name [params] body…)", "A macro: a compile-time function from forms to a form."],
};

const macros: Record<string, [string, string]> = {
  defn: ["(defn name \"doc\"? [params] body…)", "Define a named function."],
  when: ["(when test body…)", "The body when test is truthy, else nil."],
  unless: ["(unless test body…)", "The body when test is falsy, else nil."],
  cond: ["(cond test expr … :else expr)", "The expr of the first truthy test."],
  "->": ["(-> x (f a) g)", "Thread x through each step as its first argument."],
  "->>": ["(->> x (f a) g)", "Thread x through each step as its last argument."],
  "py.import": ["(py.import \"module\" :as name)", "Define name as a Python module (or file: \"./tools.py\")."],
  "py->": ["(py-> obj method args…)", "Call a Python method and await it."],
};

function table(kind: BuiltinKind, entries: Record<string, [string, string]>): [string, BuiltinDoc][] {
  return Object.entries(entries).map(([name, [usage, doc]]) => [name, { kind, usage, doc }]);
}

/** Every built-in name with its doc: special forms, macros, prelude functions, operators. */
export const BUILTIN_DOCS: ReadonlyMap<string, BuiltinDoc> = new Map([
  ...table("special form", specialForms),
  ...table("macro", macros),
  ...table("prelude", prelude),
  ...table("operator", operators),
]);
