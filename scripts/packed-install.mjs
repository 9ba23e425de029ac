// The package as a user gets it: `npm pack` (which runs `prepack`, the build), then the tarball
// installed into a throwaway project with npm, dependencies from npm's cache or the registry.
// Shared by test/package/packed-install.test.ts and bench/sections/cli-install.mjs.
//
// The tarball is packed from a copy of the work tree (the files git tracks or would track, with
// node_modules linked in), not from the tree itself: `prepack` empties and rebuilds dist/, and
// other tests running at the same time start the CLI and the Pyodide worker from the tree's dist/.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * This process's environment without what a test runner or `npm run` adds (npm_*, Vitest's
 * variables, NODE_ENV): the children run as from a user's shell. `extra` is added on top.
 */
export function userEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$|INIT_CWD$)/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command to its end; never rejects for a non-zero exit (the caller checks `status`). */
export function run(command, args, { cwd, env = userEnv(), timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text) => (stderr += text));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** What a failed command said, for an error message. */
export function describeRun(what, result) {
  return `${what} exited ${result.status ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** `name@version` as our package-lock has it, so npm's cache already holds it after `npm ci`. */
export function lockedSpec(name) {
  const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8"));
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json; add it to devDependencies`);
  return `${name}@${version}`;
}

/**
 * A throwaway project must not sit below a node_modules folder: Node would find packages there
 * that the install did not bring, and the test would pass for the wrong reason.
 */
export function assertNoNodeModulesAbove(folder) {
  for (let dir = dirname(folder); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) throw new Error(`${join(dir, "node_modules")} exists above ${folder}: packages would resolve from it`);
    if (dir === parse(dir).root) return;
  }
}

/**
 * `npm pack` of the work tree into `workDir`: returns the tarball's path and its file list.
 * Runs the package's own prepack (the build) in a copy under `workDir/source`.
 */
export async function packTarball(workDir) {
  const source = join(workDir, "source");
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
  for (const file of listed.split("\0").filter(Boolean)) {
    const from = join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet in the index
    mkdirSync(dirname(join(source, file)), { recursive: true });
    cpSync(from, join(source, file));
  }
  symlinkSync(join(repoRoot, "node_modules"), join(source, "node_modules"), "dir");
  const destination = join(workDir, "tarball");
  mkdirSync(destination, { recursive: true });
  const packed = await run("npm", ["pack", "--json", "--pack-destination", destination], { cwd: source, timeoutMs: 300_000 });
  if (packed.status !== 0) throw new Error(describeRun("npm pack", packed));
  const [info] = JSON.parse(packed.stdout);
  return { tarball: join(destination, info.filename), files: info.files.map((file) => file.path).sort() };
}

/** A new project in `folder` (package.json with "type": "module") with `specs` installed by npm. */
export async function installProject(folder, specs) {
  assertNoNodeModulesAbove(folder);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: parse(folder).base, private: true, type: "module" }, null, 2));
  const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], { cwd: folder, timeoutMs: 300_000 });
  if (installed.status !== 0) throw new Error(describeRun(`npm install in ${folder}`, installed));
  return installed;
}
