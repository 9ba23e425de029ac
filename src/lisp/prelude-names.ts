// The names the prelude provides, as the analyzer sees them: Lisp name → the
// JS name the prelude exports. Kept apart from prelude.ts so that the compiler
// does not load the runtime to know them.

/** Functions always in scope, under their own (mangled) names. */
export const PRELUDE_FUNCTIONS = [
  "print", "str", "range", "map", "filter", "reduce", "count", "first", "rest", "nth",
  "inc", "dec", "identity", "apply", "keys", "vals", "get", "show", "canvas", "$py", "kw", "$kwfor", "gensym", "$catches", "read-line",
  "list", "vector", "symbol", "keyword", "name", "concat", "list?", "vector?", "symbol?", "keyword?", "string?",
] as const;

/** Operators used as values (`(reduce + 0 xs)`). */
export const OPERATOR_FUNCTIONS: Readonly<Record<string, string>> = {
  "+": "$add",
  "-": "$subtract",
  "*": "$multiply",
  "/": "$divide",
  "%": "$mod",
  "<": "$lt",
  ">": "$gt",
  "<=": "$le",
  ">=": "$ge",
  "=": "$eq",
  "not=": "$not_eq",
  not: "$not",
};

/** Helpers that quasiquote expands into; they build forms at run time. */
export const QUASIQUOTE_HELPERS = ["$qq_sym", "$qq_kw", "$qq_list", "$qq_vector", "$qq_map", "$qq_set"] as const;
