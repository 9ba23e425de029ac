// The REPL in a real terminal: Python's pty module gives it one (no native npm
// dependency), types entries, Ctrl-C and Tab, and hands back everything shown.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");

/**
 * Types each step into the REPL once `waitFor` has appeared in what the terminal
 * showed since the step before was typed; prints the transcript as JSON.
 */
const DRIVER = String.raw`
import json, os, pty, select, sys, time
bin_path, runtime, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
pid, fd = pty.fork()
if pid == 0:
    os.execvp("node", ["node", bin_path, "repl", "--runtime", runtime])
seen = b""
mark = 0
def read_until(text, timeout):
    global seen
    end = time.time() + timeout
    while text.encode() not in seen[mark:]:
        left = end - time.time()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            seen += chunk
    return True
ok = True
for wait_for, send, pause in steps:
    if not read_until(wait_for, 20):
        ok = False
        break
    time.sleep(pause)
    mark = len(seen)
    os.write(fd, send.encode())
read_until("\x00never", 2)
os.kill(pid, 9)
print(json.dumps({"ok": ok, "transcript": seen.decode("utf-8", "replace")}))
`;

type Step = [waitFor: string, send: string, pauseSeconds: number];

function drive(steps: Step[], runtime = "cpython"): { ok: boolean; transcript: string } {
  const run = spawnSync("python3", ["-c", DRIVER, bin, runtime, JSON.stringify(steps)], { encoding: "utf8", timeout: 90_000 });
  if (run.status !== 0) throw new Error(`pty driver failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ok: boolean; transcript: string };
}

describe("polyglot repl in a terminal", () => {
  it("Ctrl-C ends (while true nil) and a def from before still answers", () => {
    const { ok, transcript } = drive([
      ["polyglot> ", "(def answer 41)\r", 0],
      ["41", "(while true nil)\r", 0],
      // Let the loop start before interrupting it.
      ["(while true nil)", "\x03", 1],
      ["Interrupted", "(+ answer 1)\r", 0.2],
      ["42", "\x04", 0],
    ]);
    expect(transcript).toContain("Interrupted: Ctrl-C stopped the entry");
    expect(ok, transcript).toBe(true);
    const afterInterrupt = transcript.slice(transcript.indexOf("Interrupted"));
    expect(afterInterrupt).toMatch(/\r?\n42\r?\n/);
  });

  for (const runtime of ["cpython", "pyodide"]) {
    it(`Tab completes a Python attribute and a Lisp name (${runtime})`, () => {
      const { ok, transcript } = drive(
        [
          ["polyglot> ", '(def m ($py "math"))\r', 0],
          // The def printed its value and the next prompt.
          ["polyglot> ", "(def answer 41)\r", 0],
          ["polyglot> ", "(m.sq", 0],
          ["(m.sq", "\t", 0],
          // Readline types the rest of the name: only "rt" appears.
          ["rt", " 16)\r", 0],
          ["polyglot> ", "(+ ans", 0],
          ["(+ ans", "\t", 0],
          ["wer", " 1)\r", 0],
          ["42", "\x04", 0],
        ],
        runtime,
      );
      expect(ok, transcript).toBe(true);
      // The entries as the terminal showed them, completed, and what they gave.
      expect(transcript).toContain("(m.sqrt 16)");
      expect(transcript).toMatch(/\(m\.sqrt 16\)[\r\n]+4[\r\n]/);
      expect(transcript).toMatch(/\(\+ answer 1\)[\r\n]+42[\r\n]/);
    });
  }
});
