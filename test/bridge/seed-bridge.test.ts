// Seed 000's own bridge (test/bridge/fixtures/seed-bridge.ts) against our CPython runtime:
// its field names are aliases of ours, and our replies are a superset of its.
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { NodePythonTransport, PythonBridge } from "./fixtures/seed-bridge.js";

// The seed's transport starts a runtime by path: `python -u <runtimePath>`.
const runtimeFolder = fileURLToPath(new URL("../../py/polyglot_runtime", import.meta.url));

describe("seed 000's bridge against our runtime", () => {
  const transport = new NodePythonTransport(process.env.POLYGLOT_PYTHON ?? "python3", runtimeFolder);
  const bridge = new PythonBridge(transport);
  afterAll(() => transport.close());

  test("its own messages: import path, getattr obj/attr, call obj/args/kwargs, release ref", async () => {
    const math = await transport.request({ op: "import", path: "math" });
    expect(math).toMatchObject({ __pyref__: expect.any(Number), type: "module" });
    const sqrt = await transport.request({ op: "getattr", obj: { __pyref__: math.__pyref__ }, attr: "sqrt" });
    expect(sqrt).toMatchObject({ __pyref__: expect.any(Number), callable: true });
    expect(await transport.request({ op: "call", obj: { __pyref__: sqrt.__pyref__ }, args: [16], kwargs: {} })).toBe(4);
    expect(await transport.request({ op: "repr", obj: math })).toContain("math");
    expect(await transport.request({ op: "release", ref: sqrt.__pyref__ })).toBe(1);
    const gone = await transport.request({ op: "call", obj: { __pyref__: sqrt.__pyref__ }, args: [4] }).catch((e: Error) => e);
    expect(gone).toBeInstanceOf(Error);
    expect((gone as Error).message).toContain("unknown or released ref");
  });

  test("its proxies: a module function, a nested attribute, bytes, a setattr", async () => {
    expect(await bridge.module("math").sqrt(16)).toBe(4);
    expect(await bridge.module("os").path.join("a", "b")).toBe("a/b");
    expect(await bridge.module("builtins").len(new Uint8Array([1, 2, 3]))).toBe(3);
    const counter = await bridge.module("collections").Counter("abca");
    expect(await counter.most_common(1)).toEqual([["a", 2]]);
    // The seed's setattr, {op: "setattr", obj, attr, value}, is fire-and-forget from its `set` trap.
    bridge.module("string").seed_flag = 5;
    const string = await transport.request({ op: "import", path: "string" });
    for (let tries = 0; tries < 50; tries++) {
      const flag = await transport.request({ op: "getattr", obj: string, attr: "seed_flag" }).catch(() => undefined);
      if (flag !== undefined) return expect(flag).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the seed's setattr never arrived");
  });

  test("a Python error rejects with its type and message", async () => {
    const error = (await bridge.module("math").sqrt(-1).catch((e: Error) => e)) as Error & { type?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.type).toBe("ValueError");
    expect(error.message).toContain("math domain error");
  });
});
