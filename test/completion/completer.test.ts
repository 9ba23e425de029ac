import { describe, expect, it } from "vitest";
import { Completer } from "../../src/completion/completer.js";
import { BUILTIN_DOCS, PUBLIC_PRELUDE_NAMES } from "../../src/completion/lisp-docs.js";
import { contextAt, definitions, localsAt } from "../../src/completion/lisp-text.js";
import { LatestOnly, PythonCatalog, STALE, type PythonMember, type PythonQuery } from "../../src/completion/python-catalog.js";

const statistics: PythonMember[] = [
  { name: "mean", kind: "function", signature: "(data)", doc: "Return the sample arithmetic mean of data." },
  { name: "median", kind: "function", signature: "(data)", doc: "Return the median (middle value) of numeric data." },
  { name: "StatisticsError", kind: "class", signature: "(*args)", doc: null },
];

/** A fake Python: answers from tables, records what it was asked, can be held busy. */
function fakeQuery() {
  const asked: string[] = [];
  let hold: Promise<void> | undefined;
  const later = async <T>(what: string, value: () => T): Promise<T> => {
    asked.push(what);
    if (hold) await hold;
    return value();
  };
  const query: PythonQuery = {
    members: (module, path) =>
      later(`members ${module} ${path.join(".")}`, () => {
        if (module === "statistics") return statistics;
        if (module === "os" && path[0] === "path") return [{ name: "join", kind: "function", signature: "(a, *p)", doc: "Join paths." }];
        throw Object.assign(new Error(`No module named '${module}'`), { name: "PythonError", type: "ModuleNotFoundError" });
      }),
    sourceMembers: (source) =>
      later(`source ${source.length}`, () =>
        [...source.matchAll(/def (\w+)\(([^)]*)\):\n\s+"""([^"]*)"""/g)].map(
          (match): PythonMember => ({ name: match[1]!, kind: "function", signature: `(${match[2]})`, doc: match[3]! }),
        ),
      ),
    describe: (module, path) =>
      later(`describe ${module} ${path.join(".")}`, () => ({ name: `${module}.${path.join(".")}`, kind: "function", signature: "(data)", doc: "Return the sample arithmetic mean of data.\n\nMore.", type: "function" })),
    sourceDescribe: () => later("sourceDescribe", () => ({ name: "x", kind: "value", signature: null, doc: null, type: "int" })),
    modules: () => later("modules", () => ["math", "os", "statistics", "sys"]),
  };
  return {
    query,
    asked,
    busy(): () => void {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

function completer(files: Record<string, string> = {}, waitMs = 200) {
  const fake = fakeQuery();
  const catalog = new PythonCatalog({ query: () => fake.query, waitMs, busyReason: () => "a program is running" });
  return { fake, catalog, completer: new Completer({ catalog, pythonFile: (spec) => files[spec.replace(/^\.\//, "")] }) };
}

const labels = (result: { items: { label: string }[] } | undefined) => result?.items.map((item) => item.label);

describe("reading the text being typed", () => {
  it("finds defs, defns with docs and params, macros and Python bindings", () => {
    const text = `(def stats ($py "statistics"))\n(py.import "os" :as o)\n(py.import "math")\n(defn area "Circle area." [r] (* r r))\n(defmacro twice [x] x)\n(def n 3)`;
    const defs = definitions(text);
    expect(defs.map((d) => [d.name, d.kind, d.module ?? d.doc ?? null, d.line])).toEqual([
      ["stats", "python", "statistics", 1],
      ["o", "python", "os", 2],
      ["math", "python", "math", 3],
      ["area", "defn", "Circle area.", 4],
      ["twice", "defmacro", null, 5],
      ["n", "def", null, 6],
    ]);
    expect(defs[3]!.params).toBe("[r]");
  });

  it("tolerates unclosed brackets and strings", () => {
    const text = `(defn f [a b] (let [c 1 [d e] xs] (+ a c d "unclosed`;
    expect(definitions(text).map((d) => d.name)).toEqual(["f"]);
    expect(localsAt(text, text.length).map((l) => l.name)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("scopes locals to their form", () => {
    const text = `(defn f [a] a) (fn [x & more] (+ x ))`;
    expect(localsAt(text, text.indexOf(" a)") + 1).map((l) => l.name)).toEqual(["a"]);
    expect(localsAt(text, text.length - 2).map((l) => l.name)).toEqual(["x", "more"]);
    expect(localsAt(text, text.length).map((l) => l.name)).toEqual([]);
    const caught = `(try (f) (catch Error err (print `;
    expect(localsAt(caught, caught.length).map((l) => l.name)).toEqual(["err"]);
  });

  it("tells a member, a (. obj attr) form, a module string and a plain name apart", () => {
    expect(contextAt("(stats.me", 9)).toEqual({ kind: "member", object: "stats", path: [], prefix: "me", from: 7 });
    expect(contextAt("(os.path.jo", 11)).toEqual({ kind: "member", object: "os", path: ["path"], prefix: "jo", from: 9 });
    expect(contextAt("(. stats ", 9)).toEqual({ kind: "member", object: "stats", path: [], prefix: "", from: 9 });
    expect(contextAt('($py "stat', 10)).toEqual({ kind: "module", prefix: "stat", from: 6 });
    expect(contextAt('(print "stat', 12)).toBeUndefined();
    expect(contextAt("(pri", 4)).toEqual({ kind: "symbol", prefix: "pri", from: 1 });
  });
});

describe("completion", () => {
  it("offers a Python module's names after stats. with signature and doc", async () => {
    const { completer: c } = completer();
    const text = `(def stats ($py "statistics"))\n(print (stats.me`;
    const result = await c.complete(text, text.length);
    expect(result?.from).toBe(text.length - 2);
    expect(result?.items).toEqual([
      { label: "mean", kind: "function", detail: "(data)", info: "Return the sample arithmetic mean of data." },
      { label: "median", kind: "function", detail: "(data)", info: "Return the median (middle value) of numeric data." },
    ]);
  });

  it("asks once per module (cached), and nested paths separately", async () => {
    const { completer: c, fake } = completer();
    const text = `(py.import "statistics" :as stats)\n(py.import "os" :as os)\n`;
    await c.complete(text + "(stats.m", text.length + 8);
    await c.complete(text + "(stats.me", text.length + 9);
    expect(labels(await c.complete(text + "(os.path.j", text.length + 10))).toEqual(["join"]);
    expect(fake.asked).toEqual(["members statistics ", "members os path"]);
  });

  it("reads a file module from the tab's current text and asks again when it changes", async () => {
    const files: Record<string, string> = { "tools.py": `def shout(text):\n    """Upper-case text."""\n` };
    const { completer: c, fake } = completer(files);
    const text = `(def tools ($py "./tools.py"))\n(tools.`;
    const first = await c.complete(text, text.length);
    expect(first?.items).toEqual([{ label: "shout", kind: "function", detail: "(text)", info: "Upper-case text." }]);
    files["tools.py"] += `def whisper(text):\n    """Lower-case text."""\n`;
    expect(labels(await c.complete(text, text.length))).toEqual(["shout", "whisper"]);
    expect(fake.asked.filter((what) => what.startsWith("source"))).toHaveLength(2);
  });

  it("says why when a name is not a Python module or the module does not exist", async () => {
    const { completer: c } = completer();
    expect((await c.complete("(nope.x", 7))?.note).toBe("nope is not defined");
    expect((await c.complete("(def n 1) (n.x", 14))?.note).toMatch(/n is not a Python module/);
    const missing = `(def q ($py "qqq")) (q.`;
    expect((await c.complete(missing, missing.length))?.note).toBe("ModuleNotFoundError: No module named 'qqq'");
  });

  it("offers module names inside ($py \"…\")", async () => {
    const { completer: c } = completer();
    expect(labels(await c.complete('($py "st', 8))).toEqual(["statistics"]);
    expect(labels(await c.complete('(py.import "', 12))).toEqual(["math", "os", "statistics", "sys"]);
  });

  it("offers Lisp names: locals first, then the file's definitions, then builtins", async () => {
    const { completer: c } = completer();
    const text = `(defmacro my-mac [x] x)\n(defn pretty [value] (pr`;
    const result = await c.complete(text, text.length);
    expect(labels(result)).toEqual(["pretty", "print"]);
    const locals = `(defn f [alpha] (let [also 1] (al`;
    expect(labels(await c.complete(locals, locals.length))).toEqual(["also", "alpha"]);
    expect(labels(await c.complete("(my", 3))).toEqual([]);
    expect(labels(await c.complete("(defmacro my-mac [x] x) (my", 27))).toEqual(["my-mac"]);
    expect(labels(await c.complete("(fo", 3))).toEqual(["for", "for-await"]);
    expect(await c.complete("( ", 2)).toBeUndefined();
    expect((await c.complete("( ", 2, true))?.items.length).toBeGreaterThan(40);
  });

  it("while Python is busy, answers from the cache or says why", async () => {
    const { completer: c, fake } = completer({}, 50);
    const text = `(def stats ($py "statistics")) (stats.`;
    expect(labels(await c.complete(text, text.length))).toEqual(["mean", "median", "StatisticsError"]);
    const release = fake.busy();
    expect(labels(await c.complete(text + "me", text.length + 2))).toEqual(["mean", "median"]);
    const other = `(def o ($py "os")) (o.path.`;
    const waiting = await c.complete(other, other.length);
    expect(waiting?.note).toBe("a program is running: Python has not answered yet");
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(labels(await c.complete(other, other.length))).toEqual(["join"]);
  });

  it("says Python is loading when there is no query path", async () => {
    const catalog = new PythonCatalog({ query: () => "Python is still loading" });
    const c = new Completer({ catalog, pythonFile: () => undefined });
    const text = `(def m ($py "math")) (m.`;
    expect((await c.complete(text, text.length))?.note).toBe("Python is still loading");
  });
});

describe("hover", () => {
  it("shows a Python attribute's signature and docstring", async () => {
    const { completer: c, fake } = completer();
    const text = `(def stats ($py "statistics"))\n(stats.mean [1 2])`;
    const hover = await c.hover(text, text.indexOf("mean") + 1);
    expect(hover).toMatchObject({ title: "stats.mean — Python function", signature: "(data)", from: text.indexOf("stats.mean") });
    expect(hover?.doc).toContain("arithmetic mean");
    expect(fake.asked).toEqual(["describe statistics mean"]);
  });

  it("shows where a Lisp name is defined, and a builtin's doc", async () => {
    const { completer: c } = completer();
    const text = `(defn area "Circle area." [r] (* r r))\n(print (area 2))`;
    expect(await c.hover(text, text.lastIndexOf("area"))).toMatchObject({ title: "area — function", signature: "(area r)", doc: "Circle area.\ndefined at line 1" });
    expect(await c.hover(text, text.indexOf("print"))).toMatchObject({ title: "print — prelude", signature: "(print x…)" });
    expect(await c.hover(text, text.indexOf("r r"))).toMatchObject({ title: "r — local", doc: "bound at line 1" });
    expect(await c.hover(text, text.indexOf("defn"))).toMatchObject({ title: "defn — macro" });
  });
});

describe("docs and stale answers", () => {
  it("every public prelude name has a doc, and the compiler's helpers are not offered", () => {
    for (const name of PUBLIC_PRELUDE_NAMES) expect(BUILTIN_DOCS.get(name)?.doc, name).toBeTruthy();
    expect([...BUILTIN_DOCS.keys()].filter((name) => name.startsWith("$"))).toEqual(["$py"]);
  });

  it("drops an answer a newer ask superseded", async () => {
    const latest = new LatestOnly();
    let finishFirst!: (value: string) => void;
    const first = latest.run(new Promise<string>((resolve) => (finishFirst = resolve)));
    const second = latest.run(Promise.resolve("second"));
    finishFirst("first");
    expect(await first).toBe(STALE);
    expect(await second).toBe("second");
  });
});
