// `npm run bench`: runs every section in its own child process, then writes
// docs/benchmarks.md. Options: --quick (fewer rounds), --only a,b (section ids).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describeMachine } from "./lib/machine.mjs";
import { renderReport } from "./lib/report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const buildDir = join(root, "bench/.build");

// id, file, time limit (s); each section exports its title and description.
const SECTIONS = [
  ["stdio", "sections/stdio-calls.mjs", 90],
  ["workers", "sections/worker-calls.mjs", 120],
  ["browser", "sections/browser-calls.mjs", 150],
  ["round-trips", "sections/round-trips.mjs", 60],
  ["bulk", "sections/bulk-transfer.mjs", 150],
  ["startup", "sections/startup.mjs", 150],
  ["runtime-startup", "sections/runtime-startup.mjs", 240],
  ["cli-install", "sections/cli-install.mjs", 300],
  ["playground", "sections/playground-startup.mjs", 360],
  ["compiler", "sections/compiler.mjs", 90],
  ["output-stop", "sections/output-stop.mjs", 300],
  ["editor-echo", "sections/editor-echo.mjs", 300],
];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(",")) : null;

function buildLibrary() {
  // The sections import our code from the esbuild bundle in dist/lib.
  const result = spawnSync(process.execPath, ["scripts/build-lib.mjs"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    const firstError = result.stderr.split("\n").find((line) => line.includes("ERROR")) ?? result.stderr.slice(0, 200);
    console.error(`[bench] build-lib failed (${firstError.trim()}); sections bundle what they need themselves.`);
  }
}

function runSection(id, file, limitSeconds) {
  const resultFile = join(buildDir, `result-${id}.json`);
  rmSync(resultFile, { force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "bench/lib/run-section.mjs"), join(root, "bench", file), resultFile], {
      cwd: root,
      env: { ...process.env, BENCH_QUICK: quick ? "1" : "0" },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true, // own process group, so a timeout can end the grandchildren too
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, limitSeconds * 1000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(resultFile, "utf8")));
      } catch {
        resolve({ error: signal ? `timed out after ${limitSeconds} s` : `section process exited with ${code}` });
      }
    });
  });
}

const startedAt = new Date();
mkdirSync(buildDir, { recursive: true });
buildLibrary();
const machine = describeMachine();
const sections = [];
for (const [id, file, limit] of SECTIONS) {
  if (only && !only.has(id)) continue;
  const { title, description } = await import(`./${file}`).catch((error) => ({ title: id, description: String(error) }));
  console.error(`[bench] ${id}: ${title}`);
  const t0 = performance.now();
  const result = await runSection(id, file, limit);
  console.error(`[bench] ${id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s${result.error ? ` — ${result.error}` : ""}`);
  sections.push({ id, title, description, ...result });
}

const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
const command = `npm run bench${args.length ? " -- " + args.join(" ") : ""}`;
const markdown = renderReport({ machine, sections, command, startedAt, durationSeconds });
mkdirSync(join(root, "docs"), { recursive: true });
writeFileSync(join(root, only ? "bench/.build/benchmarks-partial.md" : "docs/benchmarks.md"), markdown);
writeFileSync(join(buildDir, "results.json"), JSON.stringify({ machine, sections }, null, 1));
console.log(markdown);
