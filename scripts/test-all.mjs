// `npm test`: every suite, in order, each as its own step. Stops at nothing:
// runs them all, then prints one summary line and fails if any step failed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const conformance = process.env.POLYGLOT_CONFORMANCE ?? "../shared/conformance";
const steps = [
  ["build the library and CLI", "node", ["scripts/build-lib.mjs"]],
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
  ["Python runtime tests (CPython)", "python3", ["-m", "unittest", "discover", "-s", "py/tests", "-t", "."]],
  ["Python runtime tests (Pyodide in Node)", "node", ["scripts/py-tests-pyodide.mjs"]],
  ["unit and bridge tests (Vitest)", "npx", ["vitest", "run"]],
  ["conformance on Pyodide", "bash", [`${conformance}/check.sh`, conformance, "pyodide"]],
  ["conformance on CPython", "bash", [`${conformance}/check.sh`, conformance, "cpython"]],
  ["Python examples in docs/language.md", "node", ["scripts/check-doc-examples.mjs"]],
  ["end-to-end tests in Chromium (Playwright)", "npx", ["playwright", "test"]],
];

if (!existsSync(conformance)) {
  console.error(`conformance folder not found at ${conformance} (set POLYGLOT_CONFORMANCE)`);
  process.exit(1);
}

const results = [];
for (const [title, command, args] of steps) {
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ title, ok: status === 0, seconds });
  console.log(`=== ${status === 0 ? "ok" : "FAILED"}: ${title} (${seconds}s)`);
}

console.log("\nSummary:");
for (const { title, ok, seconds } of results) console.log(`  ${ok ? "ok    " : "FAILED"} ${title} (${seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
