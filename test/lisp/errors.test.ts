// Syntax errors (one per kind) and compile errors: always a LispError with the place.
import { describe, expect, it } from "vitest";
import { LispError, compile } from "../../src/lisp/index.js";
import { run } from "./helpers.js";

function errorOf(source: string): LispError {
  try {
    compile(source, { filename: "bad.lisp", target: "function" });
  } catch (error) {
    expect(error).toBeInstanceOf(LispError);
    return error as LispError;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to compile`);
}

// [kind, source, line, column, words the message must contain]
const syntax: [string, string, number, number, string][] = [
  ["unclosed bracket points at the opener", "(print 1)\n  (foo [1 2]\n", 2, 3, "unclosed '('"],
  ["unclosed vector", "[1 2", 1, 1, "unclosed '['"],
  ["unclosed map", "{:a 1", 1, 1, "unclosed '{'"],
  ["stray closer", "(print 1))", 1, 10, "unexpected ')'"],
  ["mismatched closer", "(print [1 2)", 1, 12, "needs ']'"],
  ["unterminated string", '(print "abc)', 1, 8, "unterminated string"],
  ["bad escape", '(print "a\\qb")', 1, 10, "bad escape '\\q'"],
  ["bad unicode escape", '"\\u12"', 1, 2, "bad escape"],
  ["odd map", "(print {:a 1 :b})", 1, 8, "even number of forms"],
  ["bad number", "(print 12abc)", 1, 8, "bad number '12abc'"],
  ["unknown dispatch", "(print #(inc %))", 1, 8, "unknown dispatch '#('"],
  ["quote at end of input", "(print 1) '", 1, 11, "'''"],
  ["unquote at end of input", "(print 1)\n~", 2, 1, "'~'"],
  ["prefix before a closer", "(print ')", 1, 9, "must be followed by a form"],
  ["bad keyword", "(print :)", 1, 8, "bad keyword"],
];

describe("reader errors", () => {
  for (const [kind, source, line, column, words] of syntax) {
    it(kind, () => {
      const error = errorOf(source);
      expect([error.file, error.line, error.column]).toEqual(["bad.lisp", line, column]);
      expect(error.message.startsWith(`bad.lisp:${line}:${column}: `)).toBe(true);
      expect(error.message).toContain(words);
      expect(error.frame).toContain("^");
      expect(error.formatted()).toContain("expected:");
    });
  }

  it("the frame shows the line and a caret under the place", () => {
    const error = errorOf("(def x 1)\n(print (+ x 1)");
    expect(error.frame).toBe("2 | (print (+ x 1)\n    ^");
    expect(error.suggestion).toContain("')'");
  });

  it("incomplete input is marked for the REPL", () => {
    expect(errorOf("(print 1").incomplete).toBe(true);
    expect(errorOf('"abc').incomplete).toBe(true);
    expect(errorOf("(print 1))").incomplete).toBe(false);
  });
});

const compileErrors: [string, string, number, number, string][] = [
  ["if with no arguments", "\n(if)", 2, 1, "if takes"],
  ["let with an odd binding vector", "(let [a] a)", 1, 6, "value for every name"],
  ["let binding a non-symbol", "(let [1 2] 3)", 1, 6, "a let binding needs a name, got 1"],
  ["let without bindings", "(let x)", 1, 6, "binding vector"],
  ["recur outside a loop or fn tail", "(defn f [] (print (recur)))", 1, 19, "tail position of a loop or fn"],
  ["recur not in tail position", "(loop [i 0] (print (recur 1)))", 1, 20, "tail position"],
  ["recur with the wrong count", "(loop [i 0] (recur 1 2))", 1, 13, "needs 1 value"],
  ["fn without params", "(fn x)", 1, 1, "parameter vector"],
  ["def without a name", "(def 1 2)", 1, 1, "def needs a name"],
  ["set! on a literal", "(set! 1 2)", 1, 1, "cannot set!"],
  ["unquote outside quasiquote", "(print ~x)", 1, 8, "only meaningful inside"],
  ["a failing macro", "(defmacro boom [] (throw (new Error \"nope\")))\n(boom)", 2, 1, "macro boom failed: nope"],
  ["cond with an odd clause", "(cond true)", 1, 1, "cond needs"],
  ["py.import without :as", '(py.import "os.path" :like p)', 1, 1, "py.import"],
  ["endless macro recursion", "(defmacro m [] `(m))\n(m)", 2, 1, "expands too deeply"],
  ["try with a body after catch", "(try (catch e 1) (print 2))", 1, 18, "before its catch"],
];

describe("compile errors", () => {
  for (const [kind, source, line, column, words] of compileErrors) {
    it(kind, () => {
      const error = errorOf(source);
      expect([error.line, error.column]).toEqual([line, column]);
      expect(error.message).toContain(words);
    });
  }
});

describe("limits", () => {
  it("deep nesting compiles, and absurd nesting is a LispError rather than a stack overflow", () => {
    const nested = (depth: number) => "(do ".repeat(depth) + "1" + ")".repeat(depth);
    expect(() => compile(nested(500), { filename: "deep.lisp" })).not.toThrow();
    expect(errorOf(nested(20_000)).message).toContain("nested too deeply");
  });
});

describe("runtime error location", () => {
  it("maps a thrown error back to its Lisp line", async () => {
    const result = await run('(print "a")\n\n(defn f [x]\n  (. x missing))\n(f nil)', { filename: "where.lisp" });
    expect(result.output).toBe("a\n");
    expect(result.located?.line).toBe(4);
  });

  it("finds the line of a throw in a nested function", async () => {
    const source = "(defn a [] 1)\n(defn b []\n  (a)\n  (throw (new Error \"x\")))\n(b)";
    const result = await run(source, { filename: "throw.lisp" });
    expect(result.located?.line).toBe(4);
  });

  it("locates an error raised in an awaited async call (how a Python error arrives)", async () => {
    const module = () => ({
      int: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error("invalid literal for int()");
      },
    });
    const source = '(py.import "builtins" :as b)\n(print "start")\n(await (b.int "not a number"))';
    const result = await run(source, { filename: "e03.lisp", module });
    expect(result.output).toBe("start\n");
    expect(result.located?.line).toBe(3);
  });

  it("says nothing for an error from elsewhere", async () => {
    const { locateError } = await import("../../src/lisp/index.js");
    const compiled = compile("(print 1)", { filename: "x.lisp", target: "function" });
    expect(locateError(new Error("elsewhere"), compiled, "x.lisp")).toBeUndefined();
  });
});
