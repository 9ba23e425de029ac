import { compile } from "/work/main/dist/lib/index.js";
import { generateProgram } from "/work/main/bench/lib/generate-program.mjs";
const src = generateProgram(10000);
for (let i = 0; i < 6; i++) compile(src, { filename: "g.lisp" });
