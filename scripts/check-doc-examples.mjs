// Runs every ```lisp python example in docs/language.md through the CLI, on both
// runtimes, and compares its output with the ```output block after it.
// (Examples without Python are run by test/lisp/docs.test.ts.)
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const doc = readFileSync("docs/language.md", "utf8");
const example = /```lisp python\n([\s\S]*?)```\s*```output\n([\s\S]*?)```/g;
const examples = [...doc.matchAll(example)].map((m) => ({
  source: m[1],
  expected: m[2],
  line: doc.slice(0, m.index).split("\n").length,
}));

const folder = mkdtempSync(join(tmpdir(), "polyglot-doc-"));
let passed = 0;
let failed = 0;
for (const runtime of ["pyodide", "cpython"]) {
  for (const { source, expected, line } of examples) {
    const file = join(folder, `example-${line}.lisp`);
    writeFileSync(file, source);
    const run = spawnSync("node", ["bin/polyglot.js", "run", file, "--runtime", runtime], { encoding: "utf8" });
    if (run.status === 0 && run.stdout === expected) {
      passed += 1;
      console.log(`ok   docs/language.md:${line} (${runtime})`);
    } else {
      failed += 1;
      console.log(`FAIL docs/language.md:${line} (${runtime}): exit ${run.status}`);
      console.log(`  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(run.stdout)}\n  stderr:   ${run.stderr.trim()}`);
    }
  }
}
rmSync(folder, { recursive: true, force: true });
if (examples.length === 0) {
  console.log("no ```lisp python examples found in docs/language.md");
  failed += 1;
}
console.log(`doc examples: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
