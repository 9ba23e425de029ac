// Section 5c: did splitting the Python runtime into a package (issue 10) cost start-up?
// The one-file runtime of commit 7828695 (the last before the split, read with `git show`)
// against today's package, side by side in the same interleaved rounds.
export const title = "5c. Start-up: the runtime package against the one-file runtime";
export const description =
  "The one-file runtime `py/polyglot_runtime.py` as of commit 7828695 (the last before the runtime became a package; " +
  "read with `git show`) against today's `py/polyglot_runtime/`. CPython: wall time of a fresh `python3 -u` process " +
  "from spawn until it has printed its ready line and exited on end of input (old: `python3 -u FILE`; new: " +
  "`python3 -u -P -m polyglot_runtime`). Pyodide: in a fresh Node process with Pyodide already loaded, the time to " +
  "write the runtime's files into Pyodide's file system and import it (`bench/floors/runtime-import.mjs`), which is " +
  "what the Pyodide host does at every boot that is not from a snapshot.";

const BEFORE = "7828695";

export async function run({ quick }) {
  const { spawn, spawnSync } = await import("node:child_process");
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { repoRoot } = await import("../lib/polyglot.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const rounds = quick ? 3 : 9;
  const labels = {
    cpythonOld: `CPython: one-file runtime (${BEFORE}), spawn → ready → exit`,
    cpythonNew: "CPython: runtime package, spawn → ready → exit",
    pyodideOld: `Pyodide: one-file runtime (${BEFORE}), write + import`,
    pyodideNew: "Pyodide: runtime package, write + import",
  };
  const old = spawnSync("git", ["show", `${BEFORE}:py/polyglot_runtime.py`], { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 24 });
  if (old.status !== 0) {
    const reason = `git show ${BEFORE}:py/polyglot_runtime.py failed (${(old.stderr || old.error?.message || "").trim()}): needs the repository's history`;
    return { rows: Object.values(labels).map((label) => unavailable(label, reason, { target: targets.runtimeStartVsBefore })) };
  }
  const buildDir = join(repoRoot, "bench/.build/runtime-before");
  mkdirSync(buildDir, { recursive: true });
  const oldFile = join(buildDir, "polyglot_runtime.py");
  writeFileSync(oldFile, old.stdout);
  const packageDir = join(repoRoot, "py/polyglot_runtime");
  const floor = join(repoRoot, "bench/floors/runtime-import.mjs");

  /** Resolves with the child's wall time (wall) or the number it printed (printed). */
  const sample = (command, args, { env, printed = false } = {}) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("error", reject);
      child.once("exit", (code) => {
        const ms = performance.now() - t0;
        if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.trim().split("\n").pop()}`));
        if (printed) return resolve(Number(stdout.trim()));
        if (!stdout.includes('"ready"')) return reject(new Error(`no ready line (printed ${JSON.stringify(stdout.slice(0, 80))})`));
        resolve(ms);
      });
    });
  const contestants = [
    { name: "cpythonOld", measure: () => sample("python3", ["-u", oldFile]) },
    { name: "cpythonNew", measure: () => sample("python3", ["-u", "-P", "-m", "polyglot_runtime"], { env: { PYTHONPATH: join(repoRoot, "py") } }) },
    { name: "pyodideOld", measure: () => sample(process.execPath, [floor, "--file", oldFile], { printed: true }) },
    { name: "pyodideNew", measure: () => sample(process.execPath, [floor, "--package", packageDir], { printed: true }) },
  ];
  const failures = {};
  for (const c of contestants) await c.measure().catch((error) => (failures[c.name] = error));
  const working = contestants.filter((c) => !failures[c.name]);
  const samples = await interleave(working, { rounds, warmup: 0 });
  const make = (name, versus) =>
    failures[name]
      ? unavailable(labels[name], failures[name])
      : row(labels[name], "ms", samples[name], versus && !failures[versus] ? { versus: { label: labels[versus], samples: samples[versus] }, target: targets.runtimeStartVsBefore } : {});
  return {
    rows: [make("cpythonNew", "cpythonOld"), make("cpythonOld"), make("pyodideNew", "pyodideOld"), make("pyodideOld")],
    notes: [`${rounds} interleaved rounds after one unmeasured run of each; every sample is a new process.`],
  };
}
