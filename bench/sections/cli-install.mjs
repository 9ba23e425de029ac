// Section 5d: the CLI as a user gets it (issue 11): `npm pack`, the tarball installed into a
// temporary project, then `polyglot run` calling Python on Pyodide, first and second run.
export const title = "5d. Start-up: the CLI from a packed tarball, first and second run";
export const description =
  "`npm pack` of this tree (its `prepack` builds the package), the tarball installed with `npm install` into a " +
  "temporary project outside the repo, then wall time from spawn to exit of that project's " +
  "`node_modules/.bin/polyglot run -e '(py.import \"math\" :as m) (print (await (m.floor 1.5)))'` on Pyodide, output checked. " +
  "The first run after install finds no snapshot: it boots Pyodide, makes the memory snapshot into the per-user cache " +
  "(`$XDG_CACHE_HOME/polyglot/<key>/`, here a new empty folder each round) and says so on stderr. The second run, with the " +
  "same cache, restores that snapshot. The last row is the second run typed as a user would, `npx polyglot …`, npx's own " +
  "start-up included.";

export async function run({ quick }) {
  const { mkdtempSync, readdirSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { describeRun, installProject, packTarball, run: runCommand, userEnv } = await import("../../scripts/packed-install.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const rounds = quick ? 2 : 5;
  const program = '(py.import "math" :as m) (print (await (m.floor 1.5)))';
  const labels = {
    first: "first `polyglot run` calling Python after install (makes the snapshot)",
    second: "second `polyglot run` calling Python (restores the snapshot)",
    npx: "second run as `npx polyglot run …` (npx's start-up included)",
  };
  const work = mkdtempSync(join(tmpdir(), "polyglot-bench-install-"));
  try {
    const { tarball } = await packTarball(work);
    const app = join(work, "app");
    await installProject(app, [tarball]);

    const cli = async (cache, viaNpx = false) => {
      const [command, args] = viaNpx ? ["npx", ["polyglot"]] : [join(app, "node_modules/.bin/polyglot"), []];
      const result = await runCommand(command, [...args, "run", "-e", program, "--runtime", "pyodide"], {
        cwd: app,
        env: userEnv({ XDG_CACHE_HOME: cache }),
      });
      if (result.status !== 0 || result.stdout !== "1\n") throw new Error(describeRun("polyglot run", result).slice(0, 400));
      return result;
    };

    const samples = { first: [], second: [], npx: [] };
    for (let round = 0; round < rounds; round++) {
      const cache = join(work, `cache-${round}`);
      const first = await cli(cache);
      if (!first.stderr.includes("preparing Pyodide")) throw new Error(`round ${round}: the first run made no snapshot (stderr: ${first.stderr.trim()})`);
      if (readdirSync(join(cache, "polyglot")).length !== 1) throw new Error(`round ${round}: expected one snapshot folder`);
      const second = await cli(cache);
      if (second.stderr !== "") throw new Error(`round ${round}: the second run wrote to stderr: ${second.stderr.trim()}`);
      const npx = await cli(cache, true);
      samples.first.push(first.ms);
      samples.second.push(second.ms);
      samples.npx.push(npx.ms);
    }
    const rows = [
      row(labels.first, "ms", samples.first),
      row(labels.second, "ms", samples.second, { target: targets.coldStartPyodide }),
      row(labels.npx, "ms", samples.npx),
    ];
    return { rows, notes: [`${rounds} rounds, each with a new empty cache folder; packing and installing are not timed.`] };
  } catch (error) {
    const target = (key) => (key === "second" ? { target: targets.coldStartPyodide } : {});
    return { rows: Object.entries(labels).map(([key, label]) => unavailable(label, error, target(key))), notes: [] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
