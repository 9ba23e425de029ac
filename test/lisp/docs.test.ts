// The examples in docs/language.md: every ```lisp block followed by an ```output
// block must print exactly that output. ```lisp python blocks need Python and are
// run by the CLI's checks instead.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docExamples, output } from "./helpers.js";


const examples = docExamples(readFileSync(new URL("../../docs/language.md", import.meta.url), "utf8"));

describe("docs/language.md examples", () => {
  it("has examples of both kinds", () => {
    expect(examples.filter((e) => e.info === "lisp").length).toBeGreaterThan(15);
    expect(examples.filter((e) => e.info === "lisp python").length).toBeGreaterThan(1);
  });

  for (const example of examples.filter((e) => e.info === "lisp")) {
    it(`example at line ${example.line}`, async () => {
      expect(await output(example.source, { filename: "language.md" })).toBe(example.expected);
    });
  }
});

// The Python examples, through the CLI on CPython (the quick runtime; the
// conformance programs and python-programs.test.ts cover Pyodide).
describe("docs/language.md Python examples", () => {
  const bin = join(import.meta.dirname, "../../bin/polyglot.js");
  for (const example of examples.filter((e) => e.info === "lisp python")) {
    it(`example at line ${example.line}`, () => {
      const run = spawnSync("node", [bin, "run", "-e", example.source, "--runtime", "cpython"], { encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(example.expected);
    });
  }
});
