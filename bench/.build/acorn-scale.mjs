import * as acorn from "acorn";
import { compile } from "/work/main/dist/lib/index.js";
import { generateProgram } from "/work/main/bench/lib/generate-program.mjs";
for (const n of [2500, 5000, 10000]) {
  const { code } = compile(generateProgram(n), { filename: "g.lisp" });
  const wrapped = code.replace(/^(let|function) /gm, (m) => m); // unchanged
  let best = Infinity, bestC = Infinity;
  for (let i = 0; i < 4; i++) {
    let t = performance.now(); acorn.parse(code, { ecmaVersion: "latest", sourceType: "module" }); best = Math.min(best, performance.now() - t);
    t = performance.now(); compile(generateProgram(n), { filename: "g.lisp" }); bestC = Math.min(bestC, performance.now() - t);
  }
  console.log(n, "lines: acorn", best.toFixed(0), "ms; compile", bestC.toFixed(0), "ms");
}
