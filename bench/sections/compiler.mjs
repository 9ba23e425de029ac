// Section 6: compiler throughput on a generated 10,000-line program, and how
// its time compares with acorn merely parsing the JavaScript it emits.
export const title = "6. Compiler throughput";
export const description =
  "`compile(source, { filename })` (reader, macro expansion, analysis, JS and source map) on a generated " +
  "10,000-line program (`bench/lib/generate-program.mjs`: defn, let, loop/recur, maps, vectors, sets, threading, " +
  "cond, try, user macros), against `acorn.parse` of the emitted JS (ecmaVersion latest, module).";

const LINES = 10_000;

export async function run({ quick }) {
  const { polyglot } = await import("../lib/polyglot.mjs");
  const { generateProgram } = await import("../lib/generate-program.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row } = await import("../lib/results.mjs");
  const acorn = await import("acorn");
  const compile = await polyglot("compile");

  const rounds = quick ? 3 : 7;
  const source = generateProgram(LINES);
  const { code } = compile(source, { filename: "generated.lisp" });
  const parse = () => acorn.parse(code, { ecmaVersion: "latest", sourceType: "module" });
  parse(); // the emitted JS must be valid

  const ms = (fn) => async () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const samples = await interleave(
    [
      { name: "compile", measure: ms(() => compile(source, { filename: "generated.lisp" })) },
      { name: "acorn", measure: ms(parse) },
    ],
    { rounds, warmup: 2 },
  );
  const linesPerSecond = samples.compile.map((t) => LINES / (t / 1000));
  const { targets } = await import("../lib/results.mjs");
  return {
    rows: [
      row("compile, throughput", "lines/s", linesPerSecond),
      row("compile, time", "ms", samples.compile, { versus: { label: "acorn.parse of the output", samples: samples.acorn }, target: targets.compileVsAcorn }),
      row("acorn.parse of the emitted JS", "ms", samples.acorn),
    ],
    notes: [
      `${rounds} interleaved rounds after 2 warm-ups, in one process (JIT warm). Source: ${LINES.toLocaleString("en-US")} lines, ` +
        `${(source.length / 1024).toFixed(0)} KiB; emitted JS: ${(code.length / 1024).toFixed(0)} KiB.`,
    ],
  };
}
