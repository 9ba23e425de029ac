// Issue 12 on Node: Pyodide installs a wheel from the package folder when a module is imported
// (by the bridge, or by an `import` inside Python code), dependencies first, once; a module
// nobody provides fails with a message that says what to do, without importlib's frames.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { PythonBridge, PythonError } from "../../src/bridge/index.js";
import type { LoadProgress } from "../../src/protocol/host-api.js";
import { NodePyodideTransport } from "../../src/transports/node-pyodide.js";
import { greetCore, greeter, needsAbsent, recordOnly, writeFixtureFolder } from "./fixture-wheels.js";

const MISSING = "numpy is not available in this Pyodide; add its wheel to the package folder (docs/packages.md)";

describe("NodePyodideTransport({ packages })", () => {
  const installs: string[] = [];
  const onProgress = (progress: LoadProgress) => {
    if (progress.phase === "package" && progress.package) installs.push(progress.package.name);
  };
  const bridge = new PythonBridge(new NodePyodideTransport({ packages: writeFixtureFolder({ lock: true, extra: [needsAbsent()] }), onProgress }));
  afterAll(() => bridge.close());

  test("imports a wheel and its dependency on first use, and only once", async () => {
    const greeter = bridge.module("greeter");
    expect(await greeter.greet("ada")).toBe("HELLO ADA");
    expect(installs).toEqual(["greet-core", "greeter"]);
    await bridge.exec("pg_uses_packages", "import greeter, greet_core\ndef again():\n    return greet_core.hello('bo')");
    expect(await bridge.module("pg_uses_packages").again()).toBe("hello bo");
    expect(installs).toEqual(["greet-core", "greeter"]);
  });

  test("an import inside Python code installs a wheel found by its RECORD", async () => {
    await bridge.exec("pg_record", "def answer():\n    import record_only\n    return record_only.ANSWER");
    expect(await bridge.module("pg_record").answer()).toBe(42);
    expect(installs).toContain("record-only");
  });

  test("a missing module says how to add it, with no importlib frames", async () => {
    const error = await Promise.resolve(bridge.module("numpy").sum([1, 2])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PythonError);
    const python = error as PythonError;
    expect(python.type).toBe("ModuleNotFoundError");
    expect(python.message).toContain(MISSING);
    expect(python.traceback).not.toMatch(/importlib|polyglot packages/);
  });

  test("a wheel whose dependency the folder lacks names it", async () => {
    const error = await Promise.resolve(bridge.module("needs_absent").x).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toContain("needs-absent needs absent-dist, which the package folder does not hold");
  });
});

// What the playground's Packages panel calls (src/app/added-wheels.ts), here on Node's worker.
describe("added wheels through the host API", () => {
  const transport = new NodePyodideTransport();
  const bridge = new PythonBridge(transport);
  afterAll(() => bridge.close());

  test("an added wheel imports with its added dependency; removing it after a load leaves it loaded", async () => {
    await bridge.start();
    expect(await transport.packages()).toEqual({ available: [], loaded: [] });
    await transport.addWheel(greetCore().file, greetCore().bytes);
    const listing = await transport.addWheel(greeter().file, greeter().bytes);
    expect(listing.available.map((entry) => `${entry.name} ${entry.version} ${entry.origin} ${entry.depends.join(",")}`)).toEqual(["greet-core 1.0 added ", "greeter 2.0 added greet-core"]);
    expect(await bridge.module("greeter").greet("di")).toBe("HELLO DI");
    expect((await transport.packages()).loaded).toEqual(["greet-core", "greeter"]);

    const removed = await transport.removeWheel("greeter");
    expect(removed.available.map((entry) => entry.name)).toEqual(["greet-core"]);
    expect(removed.loaded).toContain("greeter");
    expect(await bridge.module("greeter").greet("ed")).toBe("HELLO ED");
  });

  test("a wheel removed before any import is gone, and the import says how to add it", async () => {
    await transport.addWheel(recordOnly().file, recordOnly().bytes);
    await transport.removeWheel("record-only");
    const error = await Promise.resolve(bridge.module("record_only").ANSWER).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toContain("record_only is not available in this Pyodide");
    await expect(transport.addWheel("broken-1.0-py3-none-any.whl", new Uint8Array([1]))).rejects.toThrow("not a readable zip file");
  });
});

describe("the CLI on Pyodide", () => {
  const bin = join(import.meta.dirname, "../../bin/polyglot.js");
  const program = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "polyglot-pkg-program-"));
    writeFileSync(join(dir, "tools.py"), "import greeter\n\ndef hi(name):\n    return greeter.greet(name)\n");
    writeFileSync(join(dir, "main.lisp"), '(print (await ((. ($py "./tools.py") hi) "cy")))\n');
    return join(dir, "main.lisp");
  };

  test("--packages and POLYGLOT_PACKAGES feed imports in a Python file module", () => {
    const folder = writeFixtureFolder();
    const byFlag = spawnSync("node", [bin, "run", "--packages", folder, program()], { encoding: "utf8", timeout: 120_000 });
    expect(byFlag.stdout).toBe("HELLO CY\n");
    const byEnv = spawnSync("node", [bin, "run", program()], { encoding: "utf8", timeout: 120_000, env: { ...process.env, POLYGLOT_PACKAGES: folder } });
    expect(byEnv.stdout).toBe("HELLO CY\n");
    expect(byEnv.stderr).toBe(""); // progress goes to a terminal only
  });

  test("without the wheel the error stands at the Lisp form", () => {
    const run = spawnSync("node", [bin, "run", "-e", '(print (await ((. ($py "numpy") sum) [1 2])))'], { encoding: "utf8", timeout: 120_000, env: { ...process.env, POLYGLOT_PACKAGES: "" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`<eval>:1:`);
    expect(run.stderr).toContain(`ModuleNotFoundError: ${MISSING}`);
    expect(run.stderr).not.toContain("importlib");
  });

  test("--packages is refused for CPython, and a missing folder is named", () => {
    const cpython = spawnSync("node", [bin, "run", "--runtime", "cpython", "--packages", "/x", "-e", "1"], { encoding: "utf8", timeout: 60_000 });
    expect(cpython.status).toBe(2);
    expect(cpython.stderr).toContain("--packages is a folder of wheels for Pyodide");
    const absent = spawnSync("node", [bin, "run", "--packages", "/no/such/folder", "-e", '(print (await ((. ($py "math") sqrt) 4)))'], { encoding: "utf8", timeout: 120_000 });
    expect(absent.status).toBe(1);
    expect(absent.stderr).toContain("package folder /no/such/folder");
  });
});
