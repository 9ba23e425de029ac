// The built-in macros, written in the language itself with defmacro. They are
// compiled once per process (see compile.ts) and copied into every compile.
export const CORE_MACROS = `
(defmacro defn [name & more]
  ; an optional docstring before the parameters is dropped
  (let [body (if (string? (first more)) (rest more) more)]
    \`(def ~name (fn ~name ~@body))))

(defmacro when [test & body]
  \`(if ~test (do ~@body)))

(defmacro unless [test & body]
  \`(if ~test nil (do ~@body)))

(defmacro cond [& clauses]
  (if (= (count clauses) 0)
    nil
    (if (= (count clauses) 1)
      (throw (new Error "cond needs a test and an expression for every clause"))
      (if (keyword? (first clauses))
        ; :else (any keyword) is always true
        (nth clauses 1)
        \`(if ~(first clauses) ~(nth clauses 1) (cond ~@(rest (rest clauses))))))))

(defmacro -> [x & steps]
  (reduce (fn [acc step]
            (if (list? step)
              \`(~(first step) ~acc ~@(rest step))
              \`(~step ~acc)))
          x steps))

(defmacro ->> [x & steps]
  (reduce (fn [acc step]
            (if (list? step)
              \`(~@step ~acc)
              \`(~step ~acc)))
          x steps))

(defmacro py.import [module & options]
  (let [as (if (= (count options) 2)
             (if (= (name (first options)) "as") (nth options 1) nil)
             (if (= (count options) 0) (symbol module) nil))]
    (if (and (string? module) (symbol? as))
      \`(def ~as ($py ~module))
      (throw (new Error "expected (py.import \\"module\\" :as name)")))))

(defmacro py-> [obj method & args]
  \`(await ((. ~obj ~method) ~@args)))
`;
