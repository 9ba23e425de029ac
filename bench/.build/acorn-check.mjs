import * as acorn from "acorn";
import { compile } from "/work/main/dist/lib/index.js";
import { generateProgram } from "/work/main/bench/lib/generate-program.mjs";
const { code, map } = compile(generateProgram(10000), { filename: "g.lisp" });
console.log(code.length, code.slice(-200).includes("sourceMappingURL"), code.split("\n").length);
for (let i = 0; i < 5; i++) {
  let t = performance.now(); acorn.parse(code, { ecmaVersion: "latest", sourceType: "module" });
  const a = performance.now() - t;
  t = performance.now(); compile(generateProgram(10000), { filename: "g.lisp" });
  console.log("acorn", a.toFixed(0), "compile", (performance.now() - t).toFixed(0));
}
