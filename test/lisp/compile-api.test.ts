// The compile API's contract: targets, source maps, prelude names, and names that must not clash.
import { describe, expect, it } from "vitest";
import { SourceMapConsumer } from "source-map-js";
import * as preludeModule from "../../src/lisp/prelude.js";
import { OPERATOR_FUNCTIONS, PRELUDE_FUNCTIONS, QUASIQUOTE_HELPERS } from "../../src/lisp/prelude-names.js";
import { mangle } from "../../src/lisp/names.js";
import { compile } from "../../src/lisp/index.js";
import { js, output, run } from "./helpers.js";

describe("compile API", () => {
  it("returns a source map with the file as its only source, content included", () => {
    const source = '(print "a")\n(defn hyp [a b]\n  (Math.sqrt (+ (* a a) (* b b))))\n(print (hyp 3 4))';
    const { code, map } = compile(source, { filename: "hyp.lisp" });
    expect(map.sources).toEqual(["hyp.lisp"]);
    expect(map.sourcesContent).toEqual([source]);
    const consumer = new SourceMapConsumer(map);
    const lines = code.split("\n");
    const sqrtLine = lines.findIndex((line) => line.includes("Math.sqrt")) + 1;
    const found = consumer.originalPositionFor({ line: sqrtLine, column: lines[sqrtLine - 1]!.indexOf("Math") });
    expect([found.source, found.line]).toEqual(["hyp.lisp", 3]);
  });

  it("every name the compiler can import is exported by polyglot/prelude", () => {
    const names = [...PRELUDE_FUNCTIONS.map(mangle), ...Object.values(OPERATOR_FUNCTIONS), ...QUASIQUOTE_HELPERS];
    for (const name of names) expect(typeof (preludeModule as Record<string, unknown>)[name], name).toBe("function");
  });

  it("function target without repl returns the last value and keeps definitions local", async () => {
    const result = await run("(def local-only 1) (+ local-only 1)");
    expect(result.value).toBe(2);
    expect("local_only" in globalThis).toBe(false);
  });

  it("a top-level definition may take a prelude name without clashing with the import", async () => {
    const source = "(print (map inc [1])) (defn map [f xs] :mine) (print (map inc [1]))";
    expect(await output(source)).toBe("[2]\nmine\n");
    js(source, "module");
  });

  it("a definition in both branches of an if defines one variable", async () => {
    expect(await output("(if true (def x 1) (def x 2)) (print x)")).toBe("1\n");
  });

  it("a later let does not capture an earlier reference to a global", async () => {
    expect(await output("(defn f [] (String 1)) (let [String 2] (print (f) String))")).toBe("1 2\n");
  });

  it("a name no longer in Lisp scope but still in the JS scope reads the global", async () => {
    expect(await output("(do (let [Number 5] Number) (print (Number \"7\")))")).toBe("7\n");
  });

  it("gensyms are numbered from 1 in every compile", () => {
    const source = "(defmacro m [] (let [g (gensym \"g\")] `(let [~g 1] ~g))) (m)";
    expect(js(source)).toBe(js(source));
    expect(js(source)).toContain("g$1");
  });

  it("module target output is an ES module with top-level await", () => {
    const code = js("(def x (await (Promise.resolve 1))) (print x)", "module");
    expect(code).toMatch(/^import \{print\} from "polyglot-lisp\/prelude";/);
    expect(code).toContain("let x = await Promise.resolve(1);");
  });
});
