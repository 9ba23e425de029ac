// Section 5a: cold start of the CLI, `polyglot run -e '(print 1)'`, on each
// runtime, as a fresh child process every time.
export const title = "5a. Start-up: CLI cold start";
export const description =
  "Wall time from spawn to exit of `node bin/polyglot.js run -e '(print 1)' --runtime <r>` (what `npx polyglot` runs, " +
  "without npx's own start-up), output checked. `(print 1)` never touches Python and the bridge starts its runtime " +
  "lazily, so the rows that call `math.floor` are the ones that pay for starting Python. On Pyodide the CLI boots from " +
  "the memory snapshot `dist/lib/pyodide.snapshot`, which `scripts/build-lib.mjs` (run at the start of the bench) writes or keeps when up to date. References: an empty Node process, CPython printing 1, and " +
  "pythonia importing `builtins` and printing 1. Diagnostics (`bench/floors/pyodide-start.mjs`): a bare Node process " +
  "loading Pyodide — the floor under the CLI on Pyodide — and the same restoring a Pyodide memory snapshot " +
  "(`loadPyodide({ _loadSnapshot })`, made once after `import json, math`).";

export async function run({ quick }) {
  const { join } = await import("node:path");
  const { timedRun } = await import("../lib/spawn-timed.mjs");
  const { repoRoot } = await import("../lib/polyglot.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const rounds = quick ? 2 : 4;
  const node = process.execPath;
  const cli = join(repoRoot, "bin/polyglot.js");
  const pyodideStart = join(repoRoot, "bench/floors/pyodide-start.mjs");
  const snapshot = join(repoRoot, "bench/.build/pyodide.snapshot");
  const pythoniaScript =
    "import('pythonia').then(async ({ python }) => { const b = await python('builtins'); await b.print(1); python.exit(); })";
  const usesPython = '(py.import "math" :as m) (print (await (m.floor 1.5)))';
  const cliRun = (program, runtime) => [node, [cli, "run", "-e", program, "--runtime", runtime]];
  const contestants = [
    { name: "cli-pyodide", label: "`polyglot run -e '(print 1)'` on Pyodide", args: cliRun("(print 1)", "pyodide"), target: targets.coldStartPyodide },
    { name: "cli-cpython", label: "`polyglot run -e '(print 1)'` on CPython", args: cliRun("(print 1)", "cpython") },
    { name: "cli-pyodide-py", label: "`polyglot run` calling Python (`math.floor`) on Pyodide", args: cliRun(usesPython, "pyodide"), target: targets.coldStartPyodide, versus: "pyodide" },
    { name: "cli-cpython-py", label: "`polyglot run` calling Python (`math.floor`) on CPython", args: cliRun(usesPython, "cpython") },
    { name: "node", label: "reference: `node -e 0`", args: [node, ["-e", "0"]], expect: "" },
    { name: "python", label: "reference: `python3 -c 'print(1)'`", args: ["python3", ["-c", "print(1)"]] },
    { name: "pythonia", label: "reference: pythonia, print(1)", args: [node, ["--input-type=module", "-e", pythoniaScript]] },
    { name: "pyodide", label: "diagnostic: bare `loadPyodide()` + `math.floor`", args: [node, [pyodideStart]] },
    { name: "pyodide-snapshot", label: "diagnostic: same, from a memory snapshot", args: [node, [pyodideStart, "--snapshot", snapshot]] },
  ];
  // The snapshot for the last diagnostic (gitignored build output).
  await timedRun(node, [pyodideStart, "--make-snapshot", snapshot], { cwd: repoRoot, timeoutMs: 120_000 }).catch(() => {});

  // A first run of each both warms the file cache and tells us who works.
  const failures = {};
  for (const c of contestants) {
    await timedRun(...c.args, { cwd: repoRoot, expectStdout: c.expect ?? "1" }).catch((error) => (failures[c.name] = error));
  }
  const working = contestants.filter((c) => !failures[c.name]);
  const samples = await interleave(
    working.map((c) => ({ name: c.name, measure: () => timedRun(...c.args, { cwd: repoRoot, expectStdout: c.expect ?? "1" }) })),
    { rounds, warmup: 0 },
  );
  const versus = (c) =>
    c.versus && samples[c.versus] ? { label: contestants.find((o) => o.name === c.versus).label, samples: samples[c.versus] } : undefined;
  const rows = contestants.map((c) =>
    failures[c.name]
      ? unavailable(c.label, failures[c.name], { target: c.target })
      : row(c.label, "ms", samples[c.name], { target: c.target, versus: versus(c) }),
  );
  return { rows, notes: [`${rounds} interleaved rounds after one unmeasured run of each (warm file cache; "cold" = a new process).`] };
}
