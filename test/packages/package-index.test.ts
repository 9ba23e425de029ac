import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex, FINDER_PYTHON, parseWheelName, providerOf, readWheel, requiresDist, resolve, topLevelOf, wheelEntry } from "../../src/packages/index.js";
import { readPackageFile, readPackageFolder } from "../../src/packages/package-folder.js";
import { greetCore, greeter, needsAbsent, recordOnly, writeFixtureFolder } from "./fixture-wheels.js";

describe("wheel metadata", () => {
  it("reads name, version, imports and requirements, leaving out extras and the description", () => {
    const info = readWheel(greeter().file, greeter().bytes);
    expect(info).toEqual({ name: "greeter", version: "2.0", file: "greeter-2.0-py3-none-any.whl", imports: ["greeter"], depends: ["greet-core"], pure: true });
  });

  it("takes imports from RECORD when there is no top_level.txt", () => {
    expect(readWheel(recordOnly().file, recordOnly().bytes).imports).toEqual(["record_only"]);
    expect(topLevelOf(["pkg/a.py", "mod.py", "ext.cpython-314-wasm32-emscripten.so", "x-1.dist-info/RECORD", "x-1.data/s", "bad-name/a.py"])).toEqual(["pkg", "mod", "ext"]);
  });

  it("refuses what is not a wheel, naming the file", () => {
    expect(() => parseWheelName("notes.txt")).toThrow("notes.txt: not a wheel file name");
    expect(() => readWheel("broken-1.0-py3-none-any.whl", new Uint8Array([1, 2, 3]))).toThrow("broken-1.0-py3-none-any.whl: not a readable zip file");
    expect(parseWheelName("numpy-2.2.5-cp314-cp314-pyodide_2025_0_wasm32.whl")).toMatchObject({ name: "numpy", abi: "cp314" });
  });

  it("normalises requirement names", () => {
    expect(requiresDist("Name: x\nRequires-Dist: Typing_Extensions>=4\nRequires-Dist: a.b ; python_version >= '3.8'\n")).toEqual(["a-b", "typing-extensions"]);
  });
});

describe("dependency order", () => {
  const entries = [greetCore(), greeter(), needsAbsent()].map((wheel) => wheelEntry(readWheel(wheel.file, wheel.bytes)));
  const index = buildIndex(entries);

  it("installs dependencies first and names the missing ones", () => {
    expect(index.packages.greeter!.order).toEqual(["greet-core", "greeter"]);
    expect(index.packages["needs-absent"]!.missing).toEqual(["absent-dist"]);
    expect(providerOf(index, "greet_core.sub")?.name).toBe("greet-core");
    expect(providerOf(index, "numpy")).toBeUndefined();
  });

  it("cuts a cycle where it closes", () => {
    const a = { ...entries[0]!, name: "a", depends: ["b"] };
    const b = { ...entries[0]!, name: "b", depends: ["a"] };
    expect(resolve(new Map([["a", a], ["b", b]]), "a")).toEqual({ order: ["b", "a"], missing: [] });
  });
});

describe("package folder", () => {
  it("reads bare wheels", () => {
    const index = readPackageFolder(writeFixtureFolder());
    expect(Object.keys(index.packages).sort()).toEqual(["greet-core", "greeter", "record-only"]);
    expect(index.packages.greeter!.source).toBe("wheel");
  });

  it("takes the lock file's entries for the wheels it lists and skips those the folder lacks", () => {
    const index = readPackageFolder(writeFixtureFolder({ lock: true }));
    expect(index.packages.greeter).toMatchObject({ source: "lock", order: ["greet-core", "greeter"] });
    expect(index.packages["record-only"]!.source).toBe("wheel");
    expect(index.packages["not-in-folder"]).toBeUndefined();
  });

  it("says which folder or file is wrong", () => {
    expect(() => readPackageFolder("/no/such/folder")).toThrow("package folder /no/such/folder:");
    const dir = writeFixtureFolder();
    writeFileSync(join(dir, "pyodide-lock.json"), "{oops");
    expect(() => readPackageFolder(dir)).toThrow(/pyodide-lock\.json: not JSON/);
    expect(() => readPackageFile(dir, "../etc/passwd.whl")).toThrow("not a wheel in the package folder");
  });
});

// The finder's Python, run by CPython against the fixture wheels (Pyodide runs it in test/packages/node-pyodide.test.ts).
describe("the Python finder on CPython", () => {
  const python = spawnSync("python3", ["--version"]).status === 0;
  it.runIf(python)("installs on import, dependencies first, and explains a missing module", () => {
    const dir = writeFixtureFolder({ extra: [needsAbsent()] });
    const work = mkdtempSync(join(tmpdir(), "polyglot-finder-"));
    writeFileSync(join(work, "polyglot_finder.py"), FINDER_PYTHON);
    writeFileSync(join(work, "index.json"), JSON.stringify(readPackageFolder(dir)));
    const script = [
      "import importlib.util, json, os, sys",
      "import polyglot_finder",
      `site = ${JSON.stringify(join(work, "site"))}; os.makedirs(site); sys.path.append(site)`,
      `folder = ${JSON.stringify(dir)}`,
      "log = []",
      "read = lambda name: open(os.path.join(folder, name), 'rb').read()",
      "finder = polyglot_finder.install(read, lambda name, size: log.append(name), site)",
      "finder.update(json.load(open('index.json')))",
      "import greeter",
      "print(greeter.greet('ada'))",
      "import greeter, greet_core",
      "print(log)",
      "print(importlib.util.find_spec('no_such_mod'))",
      "for name in ('no_such_mod', 'needs_absent'):",
      "    try:",
      "        __import__(name)",
      "    except ModuleNotFoundError as error:",
      "        print(type(error).__name__, error, error.name)",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { cwd: work, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual([
      "HELLO ADA",
      "['greet-core', 'greeter']",
      "None",
      "ModuleNotFoundError no_such_mod is not available in this Pyodide; add its wheel to the package folder (docs/packages.md) no_such_mod",
      "ModuleNotFoundError needs-absent needs absent-dist, which the package folder does not hold; add the wheel (docs/packages.md) needs-absent",
      "",
    ]);
  });
});
