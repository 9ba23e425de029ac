// Issue 11 §2: every start from the memory snapshot draws its own random numbers. Two Pyodide
// workers in Node, both restored from the same snapshot, must not agree on random draws (before
// the reseed they printed the same randint on every run).
import { afterAll, describe, expect, test } from "vitest";
import { PythonBridge } from "../../src/bridge/index.js";
import { NodePyodideTransport } from "../../src/transports/node-pyodide.js";

const SOURCE = [
  "import random",
  "def draws():",
  "    return [random.getrandbits(64) for _ in range(4)]",
].join("\n");

describe("fresh randomness after a snapshot restore (Node Pyodide)", () => {
  const bridges: PythonBridge[] = [];
  afterAll(async () => {
    for (const bridge of bridges) await bridge.close();
  });

  async function drawsOfANewStart(): Promise<bigint[]> {
    const bridge = new PythonBridge(new NodePyodideTransport());
    bridges.push(bridge);
    await bridge.exec("pg_random_check", SOURCE);
    const module = bridge.module("pg_random_check");
    return (await module.draws()) as bigint[];
  }

  test("two starts give different random values", async () => {
    const first = await drawsOfANewStart();
    const second = await drawsOfANewStart();
    expect(first).toHaveLength(4);
    // 256 random bits: equal only if the state was frozen.
    expect(second).not.toEqual(first);
  });
});
