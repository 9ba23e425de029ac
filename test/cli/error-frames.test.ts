// Issue 16 §4: what a syntax error shows of hostile source. A binary file and a
// line of 100,000 brackets give short frames, and no raw control character
// (ANSI or OSC escapes) reaches the terminal.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");
const folder = mkdtempSync(join(tmpdir(), "polyglot-frames-"));
// Raw control characters but the newline that ends each line of the report.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function runFile(name: string, content: Buffer | string) {
  const path = join(folder, name);
  writeFileSync(path, content);
  const run = spawnSync("node", [bin, "run", path], { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("error frames on hostile source", () => {
  it("a binary file: a short frame, control characters escaped", () => {
    // Bytes 0..255 in a fixed scramble, with an escape sequence and an unbalanced bracket early on.
    const bytes = Buffer.alloc(922);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) % 256;
    Buffer.from("(\x1b]0;TITLE\x07 )))").copy(bytes, 10);
    const run = runFile("binary.lisp", bytes);
    expect(run.status).not.toBe(0);
    expect(Buffer.byteLength(run.stderr)).toBeLessThan(1024);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toMatch(/binary\.lisp:\d+:\d+: /);
  });

  it("100,000 brackets: a short frame around the error", () => {
    const run = runFile("brackets.lisp", "(".repeat(100_000));
    expect(run.status).not.toBe(0);
    expect(Buffer.byteLength(run.stderr)).toBeLessThan(1024);
    expect(run.stderr).toContain("…");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it("an OSC title sequence in a string is shown escaped in a runtime error", () => {
    const run = runFile("osc.lisp", '(print "ok")\n(throw (str "bad \\u001b]0;TITLE\\u0007 input"))\n');
    expect(run.stdout).toBe("ok\n");
    expect(run.stderr).toContain("\\x1b]0;TITLE\\x07");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it("a long line is cut to about 120 columns around the error, caret still under it", () => {
    const run = runFile("long.lisp", `(print ${"1 ".repeat(400)} @@@ ${"2 ".repeat(400)})\n`);
    const lines = run.stderr.split("\n");
    const frame = lines.findIndex((line) => line.startsWith("1 | "));
    expect(frame).toBeGreaterThan(0);
    expect(lines[frame]!.length).toBeLessThan(130);
    const caret = lines[frame + 1]!.indexOf("^");
    expect(caret).toBeGreaterThan(0);
    expect(lines[frame]![caret]).toBe("@");
  });
});
