// The examples in docs/language.md: every ```lisp block followed by an ```output
// block must print exactly that output. ```lisp python blocks need Python and are
// run by the CLI's checks instead.
import { readFileSync } from "node:fs";
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
