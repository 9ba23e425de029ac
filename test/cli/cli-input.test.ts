// Issue 9 §5 under the CLI: Python's input() and Lisp's (read-line) read the
// terminal's stdin on both runtimes; at end of input input() raises EOFError
// (as CPython does) and read-line gives nil; Ctrl-C cancels a wait.
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");

/** `polyglot run -e code` with `stdin` as its whole input (closed after), or /dev/null when null. */
function run(runtime: string, code: string, stdin: string | null) {
  const result = spawnSync("node", [bin, "run", "--runtime", runtime, "-e", code], {
    encoding: "utf8",
    cwd: folder,
    timeout: 90_000,
    ...(stdin === null ? { stdio: ["ignore", "pipe", "pipe"] } : { input: stdin }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const both = [
  '(py.import "builtins" :as b)',
  '(print "python got" (await (b.input "Name? ")))',
  '(print "lisp got" (await (read-line "Again? ")))',
  '(print "no prompt" (await (read-line)))',
].join("\n");

// A Python loop that reads until EOFError, as one reads a file of numbers from stdin.
const folder = join(import.meta.dirname, "../../.cache/cli-input");
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "summing.py"), "def total():\n    n = 0\n    while True:\n        try:\n            n += int(input())\n        except EOFError:\n            return n\n");
const summing = '(def s ($py "./summing.py"))\n(print "total" (await (s.total)))';

for (const runtime of ["cpython", "pyodide"]) {
  describe(`polyglot run --runtime ${runtime}: input() and read-line`, () => {
    it("read lines from stdin in order, prompts on stdout", () => {
      const result = run(runtime, both, "Ada\nGrace\r\nLinus\n");
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("Name? python got Ada\nAgain? lisp got Grace\nno prompt Linus\n");
      expect(result.status).toBe(0);
    });

    it("at end of input read-line gives nil and input() raises EOFError", () => {
      const lisp = run(runtime, '(print "got" (await (read-line "? ")))\n(print "still" (await (read-line)))', null);
      expect(lisp).toMatchObject({ status: 0, stdout: "? got nil\nstill nil\n", stderr: "" });
      const python = run(runtime, '(py.import "builtins" :as b)\n(print (await (b.input "P? ")))', "");
      expect(python.status).toBe(1);
      expect(python.stdout).toBe("P? ");
      expect(python.stderr).toContain("EOFError: EOF when reading a line");
    });

    it("a last line without a newline still counts, then EOFError ends a Python read loop", () => {
      const result = run(runtime, summing, "1\n2\n39");
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("total 42\n");
    });
  });
}

describe("polyglot run: waits on stdin end with the program", () => {
  it("a read-line still waiting when the program ends does not hold the process on stdin", async () => {
    const child = spawn("node", [bin, "run", "-e", '(read-line "unawaited ") (print "done")'], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    // stdin stays open: the process must end by itself.
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.stdin.end();
    expect(code).toBe(0);
    expect(stdout).toBe("unawaited done\n");
  });

  for (const runtime of ["cpython", "pyodide"]) {
    it(`Ctrl-C while input() waits (${runtime}) stops the program as Interrupted`, async () => {
      const code = '(py.import "builtins" :as b)\n(print (await (b.input "Waiting? ")))';
      const child = spawn("node", [bin, "run", "--runtime", runtime, "-e", code], { stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.includes("Waiting? ")) child.kill("SIGINT");
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
      const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.stdin.end();
      expect(status).toBe(1);
      expect(stderr).toContain("Interrupted: the program was stopped");
    });
  }
});

describe("polyglot repl: input() and read-line take the lines after their entry", () => {
  for (const runtime of ["cpython", "pyodide"]) {
    it(`piped (${runtime})`, () => {
      const lines = [
        '(def who (await (read-line "Who? ")))',
        "Ada",
        '(print "hi" who)',
        '(py.import "builtins" :as b)',
        '(await (b.input "Py? "))',
        "Grace",
        "(+ 1 2)",
        '(await (read-line "End? "))',
      ];
      const result = spawnSync("node", [bin, "repl", "--runtime", runtime], { input: lines.join("\n") + "\n", encoding: "utf8", timeout: 90_000 });
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe('Who? "Ada"\nhi Ada\nnil\n#<py module>\nPy? "Grace"\n3\nEnd? nil\n');
      expect(result.status).toBe(0);
    });
  }
});
