// The REPL's Tab completer without a terminal: what readline is handed back for
// a line, given the entries before it, over a fake Python.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replCompleter, type ReplCompletionOptions } from "../../src/cli/repl-completion.js";
import type { PythonMember, PythonQuery } from "../../src/completion/python-catalog.js";

const fn = (name: string): PythonMember => ({ name, kind: "function", signature: "(x, /)", doc: null });

function fakePython(options: { never?: boolean } = {}) {
  const asked: string[] = [];
  const answer = <T>(what: string, value: T): Promise<T> => {
    asked.push(what);
    return options.never ? new Promise<T>(() => {}) : Promise.resolve(value);
  };
  const query: PythonQuery = {
    members: (module) => answer(`members ${module}`, module === "math" ? [fn("sqrt"), fn("sin"), fn("floor")] : []),
    sourceMembers: (source, filename) => answer(`source ${filename}`, source.includes("def greet") ? [fn("greet")] : []),
    describe: () => answer("describe", { name: "x", kind: "value", signature: null, doc: null, type: "int" }),
    sourceDescribe: () => answer("sourceDescribe", { name: "x", kind: "value", signature: null, doc: null, type: "int" }),
    modules: () => answer("modules", ["math", "os"]),
  };
  return { asked, query };
}

function tab(line: string, entered: string, overrides: Partial<ReplCompletionOptions> = {}) {
  const python = fakePython();
  const notes: string[] = [];
  const complete = replCompleter({
    query: () => python.query,
    baseDir: process.cwd(),
    entered: () => entered,
    busyReason: () => undefined,
    note: (text) => notes.push(text),
    ...overrides,
  });
  const result = new Promise<[string[], string]>((resolve, reject) => complete(line, (error, value) => (error ? reject(error) : resolve(value))));
  return { result, notes, asked: python.asked };
}

describe("REPL Tab completion", () => {
  it("completes a Python attribute of a name an earlier entry bound to a module", async () => {
    const { result, asked } = tab("m.sq", '(def m ($py "math"))\n');
    expect(await result).toEqual([["sqrt"], "sq"]);
    expect(asked).toEqual(["members math"]);
    expect((await tab("(m.s", '(def m ($py "math"))\n').result)[0]).toEqual(["sqrt", "sin"]);
  });

  it("completes the session's definitions, locals of the open entry, and special forms, without asking Python", async () => {
    const defined = tab("(+ ans", "(def answer 41)\n");
    expect(await defined.result).toEqual([["answer"], "ans"]);
    expect(defined.asked).toEqual([]);
    expect(await tab("  tot", "(let [total 1]\n").result).toEqual([["total"], "tot"]);
    const [names, word] = await tab("(defm", "").result;
    expect(names).toContain("defmacro");
    expect(word).toBe("defm");
  });

  it("reads a file module from the base directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "polyglot-repl-tab-"));
    writeFileSync(join(dir, "tools.py"), "def greet(name):\n    return name\n");
    const { result, asked } = tab("t.gr", '(def t ($py "./tools.py"))\n', { baseDir: dir });
    expect(await result).toEqual([["greet"], "gr"]);
    expect(asked).toEqual(["source ./tools.py"]);
  });

  it("answers within the busy wait while an entry keeps Python from answering, and says why", async () => {
    const python = fakePython({ never: true });
    const notes: string[] = [];
    const complete = replCompleter({
      query: () => python.query,
      baseDir: process.cwd(),
      entered: () => '(def m ($py "math"))\n',
      busyReason: () => "an entry is running",
      note: (text) => notes.push(text),
      waitMs: { busy: 30, idle: 10_000 },
    });
    const started = performance.now();
    const result = await new Promise<[string[], string]>((resolve) => complete("m.sq", (_, value) => resolve(value)));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toEqual([[], "sq"]);
    expect(notes).toEqual(["an entry is running: Python has not answered yet"]);
  });
});
