// Random and mutated programs: compile either succeeds with JS that parses, or
// throws a LispError (never anything else, never an internal error), quickly.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LispError, compile } from "../../src/lisp/index.js";
import { assertParses, docExamples } from "./helpers.js";
import { cases } from "./programs.js";

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIR = new URL("../../../shared/conformance/", import.meta.url).pathname;
const corpus = [
  ...cases.map(([, source]) => source),
  ...docExamples(readFileSync(new URL("../../docs/language.md", import.meta.url), "utf8")).map((example) => example.source),
  ...readdirSync(DIR).filter((name) => name.endsWith(".lisp")).map((name) => readFileSync(DIR + name, "utf8")),
  "(defn f [a & more] (let [x (if a (do (print 1) 2) 3)] (loop [i 0] (if (< i x) (recur (inc i)) (try i (catch e e))))))",
  "(defmacro m [x & xs] `(when ~x (print ~@xs))) (m true 1 2) (print {:a #{1 2} \"b\" [1 2.5 -3 0x1F 10n]})",
  "(for-await [x (gen)] (.push acc (* x x))) (set! (. o a b) (get o :k)) (-> x (f 1) (.g) h) (->> xs (map inc))",
  "(cond (= a 1) :one (not= a 2) (and a b) :else (or c d)) (while (< i 3) (set! i (inc i))) (new Map [[1 2]])",
  "(py.import \"json\" :as json) (py-> json dumps {:a 1} :indent 2) '(a b [c]) (fn named [] this) (unless x y)",
];

const NOISE = ["(", ")", "[", "]", "{", "}", "#{", "#_", '"', "\\", "'", "`", "~", "~@", ":", ";", "#", " ", "\n", "-", ".", "1", "a", "&", "0x", "n", "e"];
const TOKENS = [
  "def", "defn", "fn", "let", "if", "do", "set!", ".", "get", "new", "await", "try", "catch", "finally", "throw", "for", "for-await",
  "and", "or", "not", "quote", "defmacro", "recur", "when", "unless", "cond", "->", "->>", "py.import", "py->", "gensym", "+", "-", "*",
  "/", "<", "=", "not=", "x", "y", "a.b.c", ".push", "&", ":k", ":as", "nil", "true", "1", "-2.5", "7n", '"s"', "print", "str", "map",
  "count", "first", "rest", "this", "class", "~x", "~@xs", "`", "'",
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let n = 0; n < edits; n++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 5);
    if (kind === 0) out = out.slice(0, at) + out.slice(at + 1);
    else if (kind === 1) out = out.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)] + out.slice(at);
    else if (kind === 2 && at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
    else if (kind === 3) {
      const brackets = [...out.matchAll(/[()[\]{}]/g)];
      const hit = brackets[Math.floor(next() * brackets.length)];
      if (hit?.index !== undefined) out = out.slice(0, hit.index) + out.slice(hit.index + 1);
    } else {
      const length = Math.floor(next() * 20);
      out = out.slice(0, at) + out.slice(at, at + length) + out.slice(at);
    }
  }
  return out;
}

function soup(next: () => number): string {
  const parts: string[] = [];
  let depth = 0;
  const length = 1 + Math.floor(next() * 40);
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.25) {
      parts.push("(");
      depth++;
    } else if (r < 0.35 && depth > 0) {
      parts.push(")");
      depth--;
    } else if (r < 0.4) parts.push(["[", "]", "{", "}"][Math.floor(next() * 4)]!);
    else parts.push(TOKENS[Math.floor(next() * TOKENS.length)]!);
  }
  if (next() < 0.7) parts.push(")".repeat(depth));
  return parts.join(" ");
}

describe("fuzz", () => {
  it("10,000 random and mutated programs only ever raise LispError", () => {
    const next = rng(Number(process.env.FUZZ_SEED ?? 20261121));
    let compiled = 0;
    let rejected = 0;
    for (let i = 0; i < 10_000; i++) {
      const source = i % 3 === 2 ? soup(next) : mutate(corpus[Math.floor(next() * corpus.length)]!, next);
      const target = i % 2 === 0 ? "function" : "module";
      const started = performance.now();
      try {
        const { code } = compile(source, { filename: "fuzz.lisp", target });
        try {
          assertParses(code, target);
        } catch (error) {
          throw new Error(`emitted JS does not parse for ${JSON.stringify(source)}:\n${code}\n${String(error)}`);
        }
        compiled++;
      } catch (error) {
        if (!(error instanceof LispError) || error.message.includes("internal compiler error")) {
          throw new Error(`input ${JSON.stringify(source)} raised ${String(error)}`);
        }
        rejected++;
      }
      const elapsed = performance.now() - started;
      if (elapsed > 1000) throw new Error(`compiling ${JSON.stringify(source)} took ${elapsed} ms`);
    }
    expect(compiled + rejected).toBe(10_000);
    expect(compiled).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(500);
  });
});
