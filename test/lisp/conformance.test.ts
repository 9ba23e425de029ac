// Every conformance program that needs no Python, compiled and run in-process.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LispError, compile } from "../../src/lisp/index.js";
import { assertParses, run } from "./helpers.js";

const DIR = new URL("../../../shared/conformance/", import.meta.url).pathname;
const programs = readdirSync(DIR).filter((name) => /^c0[1-8].*\.lisp$/.test(name));

describe("conformance (no Python)", () => {
  it("finds the programs", () => expect(programs.length).toBe(8));

  for (const name of programs) {
    it(name, async () => {
      const source = readFileSync(DIR + name, "utf8");
      const expected = readFileSync(DIR + name.replace(/\.lisp$/, ".out"), "utf8");
      const result = await run(source, { filename: name });
      expect(result.error).toBeUndefined();
      expect(result.output).toBe(expected);
      assertParses(compile(source, { filename: name }).code, "module");
    });
  }

  it("e01-syntax.lisp: the unclosed bracket is reported where it opens", () => {
    const source = readFileSync(DIR + "e01-syntax.lisp", "utf8");
    let error: unknown;
    try {
      compile(source, { filename: "e01-syntax.lisp", target: "function" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LispError);
    const lisp = error as LispError;
    expect(lisp.message.startsWith("e01-syntax.lisp:3:1: ")).toBe(true);
    expect([lisp.file, lisp.line, lisp.column]).toEqual(["e01-syntax.lisp", 3, 1]);
    expect(lisp.frame).toContain("(defn broken [x]");
  });

  it("e02-runtime.lisp: the runtime error is located on line 3", async () => {
    const source = readFileSync(DIR + "e02-runtime.lisp", "utf8");
    const result = await run(source, { filename: "e02-runtime.lisp" });
    expect(result.output).toBe(readFileSync(DIR + "e02-runtime.out", "utf8"));
    expect(result.error).toBeInstanceOf(TypeError);
    expect(result.located?.line).toBe(3);
  });
});
