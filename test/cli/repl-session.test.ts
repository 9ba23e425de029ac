// The REPL with piped input: macros expand once per entry, definitions and Lisp
// functions persist, errors are placed in the entry that defined the failing code.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");

function repl(input: string) {
  const run = spawnSync("node", [bin, "repl", "--runtime", "cpython"], { encoding: "utf8", input, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("polyglot repl (piped)", () => {
  it("runs a macro body once per use", () => {
    const run = repl('(defmacro m [] (print "expanding") 1)\n(print (m))\n');
    expect(run.stdout).toBe("nil\nexpanding\n1\nnil\n");
    expect(run.status).toBe(0);
  });

  it("keeps definitions, recur in defn, and keyword rules across entries", () => {
    const run = repl("(defn total [n acc]\n  (if (= n 0) acc (recur (dec n) (+ acc n))))\n(total 100000 0)\n(map :a [{:a 1} {:a 2}])\n(total 1 :acc 2)\n");
    expect(run.stdout).toBe("#<fn total>\n5000050000\n[1 2]\n");
    expect(run.stderr).toContain("total takes 2 arguments, so :acc would be dropped");
  });

  it("places an error in the entry that defined the failing function", () => {
    const run = repl('(defn f [x]\n  (print "in f")\n  (. nil x))\n(f 1)\n');
    expect(run.stdout).toBe("#<fn f>\nin f\n");
    expect(run.stderr).toMatch(/^<repl:1>:3:\d+: TypeError: Cannot read properties of null/);
    expect(run.stderr).toContain("3 |   (. nil x))");
  });
});
