// The REPL in a real terminal: Python's pty module gives it one (no native npm
// dependency), types entries and Ctrl-C, and hands back everything shown.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");

/** Types each step into the REPL once `waitFor` has appeared; prints the transcript as JSON. */
const DRIVER = String.raw`
import json, os, pty, select, sys, time
bin_path, steps = sys.argv[1], json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp("node", ["node", bin_path, "repl", "--runtime", "cpython"])
seen = b""
def read_until(text, timeout):
    global seen
    end = time.time() + timeout
    while text.encode() not in seen:
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
    os.write(fd, send.encode())
read_until("\x00never", 2)
os.kill(pid, 9)
print(json.dumps({"ok": ok, "transcript": seen.decode("utf-8", "replace")}))
`;

function drive(steps: [waitFor: string, send: string, pauseSeconds: number][]): { ok: boolean; transcript: string } {
  const run = spawnSync("python3", ["-c", DRIVER, bin, JSON.stringify(steps)], { encoding: "utf8", timeout: 90_000 });
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
});
