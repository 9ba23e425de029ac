// The CLI's process-level behaviour: --version, flag rules, pipes, signals and the Python child,
// compile's errors and output that runs under plain node. Children of the built bin, as users run it.
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alive } from "../helpers/processes.js";

const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/polyglot.js");
// Inside the repo, so a compiled module's `import … from "polyglot-lisp/…"` resolves through node_modules.
const folder = join(root, ".cache/cli-process");
mkdirSync(folder, { recursive: true });

function polyglot(args: string[]) {
  const run = spawnSync("node", [bin, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** Poll `check` every 50 ms; a bound on a hang, not a speed assertion. */
async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > limitMs) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function childrenOf(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout.split("\n").map((line) => Number(line.trim())).filter((n) => n > 0);
}


/** Python that spins and shrugs off KeyboardInterrupt, so only ending the process stops it. */
const stubborn = [
  '(py.import "builtins" :as b)',
  // "spinning" is printed inside the try, so the first Ctrl-C cannot land before Python guards against it.
  '(await (b.exec "import time\\nready = False\\nwhile True:\\n    try:\\n        if not ready:\\n            ready = True\\n            print(\'spinning\', flush=True)\\n        time.sleep(0.02)\\n    except KeyboardInterrupt:\\n        print(\'ignored\', flush=True)"))',
  "",
].join("\n");

describe("polyglot CLI: flags and messages", () => {
  it("--version prints the package's version", () => {
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    expect(polyglot(["--version"])).toMatchObject({ status: 0, stdout: `polyglot ${version}\n` });
  });

  it("--python alone runs on CPython; --python with --runtime pyodide is a usage error", () => {
    const code = '(py.import "sys" :as s) (print (await s.platform))';
    const cpython = polyglot(["run", "-e", code, "--python", "python3"]);
    expect(cpython.status).toBe(0);
    expect(cpython.stdout.trim()).not.toBe("emscripten");
    const mixed = polyglot(["run", "-e", code, "--runtime", "pyodide", "--python", "python3"]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toBe("polyglot: --python names a CPython interpreter, so it needs --runtime cpython (not pyodide)\n");
  });

  it("names an unknown option plainly, with balanced quotes", () => {
    const run = polyglot(["run", "x.lisp", "--bogus"]);
    expect(run).toMatchObject({ status: 2, stderr: "polyglot: unknown option '--bogus'; see 'polyglot run --help'\n" });
    expect(polyglot(["run", "--runtime"]).stderr).toBe("polyglot: option '--runtime' needs a value; see 'polyglot run --help'\n");
  });

  it("ends quietly with exit 0 when stdout is closed early (| head -1)", () => {
    const run = spawnSync("bash", ["-o", "pipefail", "-c", `node ${JSON.stringify(bin)} run -e '(map print (range 200000))' | head -1`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stdout).toBe("0\n");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("compile prints the same framed error as run: place, source line, caret", () => {
    const path = file("broken.lisp", "(print 1)\n(print [1 2)\n");
    const compiled = polyglot(["compile", path]);
    const ran = polyglot(["run", path]);
    expect(compiled.status).toBe(2);
    expect(compiled.stdout).toBe("");
    expect(compiled.stderr).toContain(`${path}:2:`);
    expect(compiled.stderr).toContain("^");
    expect(compiled.stderr).toBe(ran.stderr);
  });

  it("an unwritable -o is one clear line and exit 1, not an internal error", () => {
    const path = file("ok.lisp", "(print 1)\n");
    const run = polyglot(["compile", path, "-o", join(folder, "no-such-dir", "out.mjs")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`polyglot: cannot write '${join(folder, "no-such-dir", "out.mjs")}': ENOENT\n`);
  });
});

describe("polyglot compile: output that runs under plain node with Python attached", () => {
  for (const runtime of ["cpython", "pyodide"]) {
    it(`node x.mjs reaches Python (${runtime}), loads ./x.py beside it, and exits by itself`, () => {
      file("helper.py", "def twice(x):\n    return 2 * x\n");
      const path = file(`attached-${runtime}.lisp`, '(py.import "math" :as m)\n(def h ($py "./helper.py"))\n(print (await (m.gcd 12 18)) (await (h.twice 21)))\n');
      const out = join(folder, `attached-${runtime}.mjs`);
      expect(polyglot(["compile", path, "-o", out, "--runtime", runtime, "--map"]).status).toBe(0);
      const run = spawnSync("node", ["--enable-source-maps", out], { encoding: "utf8", timeout: 90_000 });
      expect(run.stderr.replace(/^polyglot: preparing Pyodide.*\n/m, "")).toBe("");
      expect(run.stdout).toBe("6 42\n");
      expect(run.status).toBe(0);
    });
  }

  it("--runtime none leaves Python out, so ($py …) says no runtime is attached", () => {
    const path = file("detached.lisp", '(py.import "math" :as m)\n(print (await (m.gcd 12 18)))\n');
    const out = join(folder, "detached.mjs");
    expect(polyglot(["compile", path, "-o", out, "--runtime", "none"]).status).toBe(0);
    expect(readFileSync(out, "utf8")).not.toContain("polyglot-lisp/attach");
    const run = spawnSync("node", [out], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no Python runtime is attached");
  });
});

describe("polyglot run: signals end the Python child", () => {
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    it(`${signal} to the node process alone leaves no Python process within 2 s`, async () => {
      const path = file(`spin-${signal}.lisp`, stubborn);
      const child = spawn("node", [bin, "run", path, "--runtime", "cpython"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      await until(() => stdout.includes("spinning") && childrenOf(child.pid!).length > 0, "the Python child to start");
      const python = childrenOf(child.pid!);
      process.kill(child.pid!, signal);
      expect(await exited).toBe(signal === "SIGTERM" ? 143 : 129);
      await until(() => python.every((pid) => !alive(pid)), "the Python child to be gone", 2_000);
    });
  }

  it("the first Ctrl-C interrupts; a second ends a Python that ignores it, child included", async () => {
    const path = file("stubborn.lisp", stubborn);
    const child = spawn("node", [bin, "run", path, "--runtime", "cpython"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await until(() => stdout.includes("spinning") && childrenOf(child.pid!).length > 0, "the Python child to start");
    const python = childrenOf(child.pid!);
    process.kill(child.pid!, "SIGINT");
    await until(() => stdout.includes("ignored"), "Python to see (and ignore) the interrupt");
    expect(stderr).toContain("Ctrl-C again");
    process.kill(child.pid!, "SIGINT");
    expect(await exited).toBe(130);
    await until(() => python.every((pid) => !alive(pid)), "the Python child to be gone", 2_000);
  });
});
