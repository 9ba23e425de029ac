// The behaviour suite and CPython-specific checks, against NodePythonTransport.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { BridgeClosedError, BridgeError, PythonBridge, PythonError } from "../../src/bridge/index.js";
import { NodePythonTransport } from "../../src/transports/node-python.js";
import { behaviourCases, forcedGc } from "./behaviour-cases.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Py = any;

const expectGc = forcedGc();

describe("behaviour on CPython", () => {
  const bridge = new PythonBridge(new NodePythonTransport(), { autoRestart: true });
  afterAll(() => bridge.close());

  test("the test process can force GC (vitest.config.ts passes --expose-gc)", () => {
    expect(expectGc).toBeTypeOf("function");
  });
  for (const behaviour of behaviourCases) {
    test(behaviour.name, () => behaviour.run(bridge, { expectGc }));
  }
});

describe("NodePythonTransport", () => {
  test("a missing interpreter is a clear BridgeError", async () => {
    const bridge = new PythonBridge(new NodePythonTransport({ python: "python9" }));
    const math: Py = bridge.module("math");
    const error = await math.gcd(1, 2).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error.message).toBe("Python interpreter not found: 'python9' — set --python or POLYGLOT_PYTHON");
    await bridge.close();
  });

  test("a runtime that dies before it is ready fails start() with its stderr", async () => {
    const bridge = new PythonBridge(new NodePythonTransport({ runtimePath: "/nonexistent/polyglot_runtime" }));
    const error = (await bridge.start().catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(BridgeClosedError);
    expect(error.message).toMatch(/exited with code 1/);
    expect(error.message).toContain("/nonexistent/polyglot_runtime");
    expect(error.message).toContain("No module named polyglot_runtime");
    expect(bridge.state).toBe("idle");
    await bridge.close();
  });

  test("POLYGLOT_PYTHON picks the interpreter", async () => {
    const bridge = new PythonBridge(new NodePythonTransport({ env: { ...process.env, POLYGLOT_PYTHON: "python-nope" } }));
    await expect(bridge.start()).rejects.toThrow("'python-nope'");
    await bridge.close();
  });

  test("an exit reports the end of stderr and rejects what is pending", async () => {
    const bridge = new PythonBridge(new NodePythonTransport());
    await bridge.exec("pg_dier", "import os, sys\ndef die():\n    os.write(2, b'last words from python\\n')\n    os._exit(3)\n");
    let exitError: Error | undefined;
    bridge.on("exit", (error) => (exitError = error));
    const error = await (bridge.module("pg_dier") as Py).die().catch((e: Error) => e);
    expect(error).toBeInstanceOf(BridgeClosedError);
    expect(error.message).toContain("exited with code 3");
    expect(error.message).toContain("last words from python");
    expect(exitError).toBe(error);
    // Without autoRestart the bridge stays down.
    await expect((bridge.module("math") as Py).gcd(2, 4)).rejects.toThrow(/exited/);
    await bridge.close();
  });

  test("file modules resolve against baseDir, from the option or configure()", async () => {
    const dir = mkdtempSync(join(tmpdir(), "polyglot-base-"));
    writeFileSync(join(dir, "tools.py"), 'VERSION = "1.0"\ndef greet(name, punct="!"):\n    return f"Hello, {name}{punct}"\n');
    const viaOption = new PythonBridge(new NodePythonTransport({ baseDir: dir }));
    expect(await (viaOption.module("./tools.py") as Py).greet("Ada")).toBe("Hello, Ada!");
    await viaOption.close();

    const viaConfigure = new PythonBridge(new NodePythonTransport());
    await viaConfigure.configure({ baseDir: dir });
    expect(await (viaConfigure.module("./tools.py") as Py).VERSION).toBe("1.0");
    await viaConfigure.close();
  });

  test("close() ends the runtime; later calls reject with BridgeClosedError", async () => {
    const bridge = new PythonBridge(new NodePythonTransport());
    expect(await (bridge.module("math") as Py).gcd(2, 4)).toBe(2);
    await bridge.close();
    expect(bridge.state).toBe("closed");
    await expect((bridge.module("math") as Py).gcd(2, 4)).rejects.toBeInstanceOf(BridgeClosedError);
  });

  test("util.inspect and console.log show a proxy without sending a request", async () => {
    const bridge = new PythonBridge(new NodePythonTransport());
    const counter = await (bridge.module("collections") as Py).Counter("aab");
    const before = bridge.requestCounts();
    expect(inspect(counter)).toBe("#<py Counter>");
    expect(inspect({ counter, path: counter.most_common })).toBe("{ counter: #<py Counter>, path: #<py Counter.most_common> }");
    expect(JSON.stringify({ counter })).toBe('{"counter":"#<py Counter>"}');
    expect(bridge.requestCounts()).toEqual(before);
    await bridge.close();
  });

  test("closing a bridge that never started does not start Python", async () => {
    const bridge = new PythonBridge(new NodePythonTransport({ python: "python9" }));
    await bridge.close();
    expect(bridge.state).toBe("closed");
  });

  test("with callSites: 'capture', a PythonError's stack points at the calling line", async () => {
    const bridge = new PythonBridge(new NodePythonTransport(), { callSites: "capture" });
    const b: Py = bridge.module("builtins");
    const error = await b.int("not a number").catch((e: Error) => e); // the line the stack must name
    expect(error.stack.split("\n")[0]).toBe("PythonError: ValueError: invalid literal for int() with base 10: 'not a number'");
    expect(error.stack.split("\n")[1]).toMatch(/cpython\.test\.ts:\d+:\d+/);
    const math: Py = bridge.module("math");
    const awaited = await (async () => await math.nope)().catch((e: Error) => e);
    expect(awaited.stack).toMatch(/cpython\.test\.ts:\d+:\d+/);
    await bridge.exec("pg_gen", "def broken():\n    yield 1\n    raise ValueError('mid-iteration')\n");
    const seen: unknown[] = [];
    const iterating = (async () => {
      for await (const x of await (bridge.module("pg_gen") as Py).broken()) seen.push(x);
    })();
    const midway = (await iterating.catch((e: Error) => e)) as PythonError;
    expect(seen).toEqual([1]);
    expect(midway.type).toBe("ValueError");
    expect(midway.stack).toMatch(/cpython\.test\.ts:\d+:\d+/);
    await bridge.close();
  });

  test("by default (callSites: 'async'), the stack names the awaiting function, at no cost per call", async () => {
    const bridge = new PythonBridge(new NodePythonTransport());
    const b: Py = bridge.module("builtins");
    async function awaitingFunction() {
      await b.int("not a number");
    }
    const error = (await awaitingFunction().catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(PythonError);
    expect(error.stack!.split("\n")[0]).toBe("PythonError: ValueError: invalid literal for int() with base 10: 'not a number'");
    expect(error.stack).toMatch(/at (async )?awaitingFunction \(.*cpython\.test\.ts:\d+:\d+\)/);
    await bridge.close();
  });
});
