// The `polyglot` command as a user runs it: a child process on the built bin.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "acorn";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");
const folder = mkdtempSync(join(tmpdir(), "polyglot-cli-"));

function polyglot(args: string[], input?: string) {
  const run = spawnSync("node", [bin, ...args], { encoding: "utf8", input, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("polyglot CLI", () => {
  it("prints help for every command and exits 0", () => {
    for (const args of [["--help"], ["run", "--help"], ["compile", "--help"], ["repl", "--help"]]) {
      const run = polyglot(args);
      expect(run.status, args.join(" ")).toBe(0);
      expect(run.stdout).toMatch(/^Usage:|polyglot — /m);
    }
  });

  it("rejects an unknown flag, an unknown command and a missing file with one line and exit 2", () => {
    for (const args of [["run", "--frobnicate", "x.lisp"], ["frobnicate"], ["run", join(folder, "missing.lisp")], ["run", "-e", "1", "--runtime", "jython"]]) {
      const run = polyglot(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^polyglot: /);
    }
  });

  it("runs -e code without starting Python when none is used", () => {
    const run = polyglot(["run", "-e", "(print (+ 1 2) (str [1 :a]))"]);
    expect(run).toMatchObject({ status: 0, stdout: "3 [1 \"a\"]\n" });
  });

  it("reports a syntax error as FILE:LINE:COL with exit 2", () => {
    const path = file("broken.lisp", "(print 1)\n(print [1 2)\n");
    const run = polyglot(["run", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}:2:`);
    expect(run.stdout).toBe("");
  });

  it("places an error thrown later, in a timer callback, at its Lisp line", () => {
    const path = file("stray.lisp", '(print "start")\n(setTimeout (fn []\n  (throw (new Error "late"))) 5)\n');
    const run = polyglot(["run", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("start\n");
    expect(run.stderr).toContain(`${path}:3:`);
    expect(run.stderr).toContain("Error: late");
  });

  it("compiles to an ES module with a source map that points back at the Lisp", () => {
    const path = file("square.lisp", "(defn square [x]\n  (* x x))\n(print (square 4))\n");
    const out = join(folder, "square.js");
    const run = polyglot(["compile", path, "-o", out, "--map"]);
    expect(run.status).toBe(0);
    const code = readFileSync(out, "utf8");
    expect(code).toContain('from "polyglot-lisp/prelude"');
    expect(code).toContain("//# sourceMappingURL=square.js.map");
    expect(() => parse(code, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();

    const map = JSON.parse(readFileSync(`${out}.map`, "utf8")) as RawSourceMap;
    const consumer = new SourceMapConsumer(map);
    const lines = code.split("\n");
    const multiply = lines.findIndex((line) => line.includes("x * x"));
    const original = consumer.originalPositionFor({ line: multiply + 1, column: lines[multiply]!.indexOf("x * x") });
    expect(original.line).toBe(2);
  });

  it("prints the compiled module to stdout with an inline map", () => {
    const path = file("inline.lisp", "(print 1)\n");
    const run = polyglot(["compile", path, "--map"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("//# sourceMappingURL=data:application/json;base64,");
  });

  it("runs a REPL session: multi-line forms, persistent definitions, readable results, errors that do not end it", () => {
    const session = ['(def x 41)', '(defn inc2 [a]', '  (+ a 1))', '(inc2 x)', '"text"', '(throw (new Error "oops"))', '[1 {:a nil}]', ""].join("\n");
    const run = polyglot(["repl"], session);
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split("\n");
    expect(results).toEqual(["41", "#<fn inc2>", "42", '"text"', '[1 {:a nil}]']);
    expect(run.stderr).toContain("Error: oops");
  });

  it("keeps Python state between REPL entries on CPython", () => {
    const session = ['(py.import "math" :as m)', "(def r (await (m.sqrt 16)))", "(+ r 1)", ""].join("\n");
    const run = polyglot(["repl", "--runtime", "cpython"], session);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n").at(-1)).toBe("5");
  });
});

describe("polyglot repl interrupts", () => {
  for (const runtime of ["cpython", "pyodide"]) {
    it(`stops running Python on Ctrl-C (SIGINT) and keeps the session (${runtime})`, async () => {
      const { spawn } = await import("node:child_process");
      const child = spawn("node", [bin, "repl", "--runtime", runtime], { stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
      const until = async (check: () => boolean, what: string) => {
        for (let waited = 0; !check(); waited += 50) {
          if (waited > 60_000) throw new Error(`timed out waiting for ${what}; stdout=${stdout} stderr=${stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };

      child.stdin.write('(py.import "builtins" :as b)\n(await (b.len "ready"))\n');
      await until(() => stdout.includes("5"), "Python to answer");
      child.stdin.write('(await (b.exec "while True: pass"))\n');
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill("SIGINT");
      await until(() => /KeyboardInterrupt|Interrupted/.test(stderr), "the interrupt to be reported");
      child.stdin.write("(+ 1 2)\n");
      await until(() => stdout.split("\n").includes("3"), "the next entry");
      child.stdin.end();
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(0);
    });
  }
});
