// `show` under the CLI: nothing to draw on, so each picture is one line on stdout,
// from Lisp and from Python's show(), on both runtimes; a non-picture fails the run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { png } from "../pictures/fixtures.js";

const bin = join(import.meta.dirname, "../../bin/polyglot.js");
const folder = mkdtempSync(join(tmpdir(), "polyglot-show-"));
writeFileSync(
  join(folder, "pics.py"),
  `class Badge:
    def _repr_svg_(self):
        return '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"/>'


def python_shows():
    print("python prints")
    show(bytes(${JSON.stringify(Array.from(png(320, 200)))}))
`,
);
const program = join(folder, "show.lisp");
writeFileSync(
  program,
  `(def pics ($py "./pics.py"))
(print "lisp bytes:")
(show (new Uint8Array [${Array.from(png(16, 8)).join(" ")}]))
(await (show (await (pics.Badge))))
(await (pics.python_shows))
(print "end")
`,
);

function polyglot(args: string[]) {
  return spawnSync("node", [bin, ...args], { encoding: "utf8", timeout: 120_000 });
}

describe("show in the CLI", () => {
  for (const runtime of ["cpython", "pyodide"]) {
    it(`prints one line per picture, in order (${runtime})`, () => {
      const run = polyglot(["run", program, "--runtime", runtime]);
      expect(run.stderr.split("\n").filter((line) => line && !line.startsWith("polyglot: preparing Pyodide"))).toEqual([]);
      expect(run.stdout).toBe(
        "lisp bytes:\n[picture image/png 16×8, 29 B]\n[picture image/svg+xml 60×40, 64 B]\npython prints\n[picture image/png 320×200, 29 B]\nend\n",
      );
      expect(run.status).toBe(0);
    });
  }

  it("a non-picture fails the run with the reason", () => {
    const run = polyglot(["run", "-e", '(print "before") (show "not a picture")']);
    expect(run.stdout).toBe("before\n");
    expect(run.stderr).toContain('show: cannot draw the string "not a picture"; it takes bytes (a Uint8Array) of a PNG');
    expect(run.status).toBe(1);
  });
});
