// The small pieces transports share: pending requests, line splitting, write coalescing.
import { describe, expect, test } from "vitest";
import { BridgeClosedError } from "../../src/bridge/errors.js";
import { LineSplitter } from "../../src/transports/line-splitter.js";
import { PendingRequests } from "../../src/transports/pending.js";
import { WriteCoalescer } from "../../src/transports/write-coalescer.js";

describe("PendingRequests", () => {
  test("matches replies to requests by id, in any order", async () => {
    const pending = new PendingRequests();
    const first = pending.add(1);
    const second = pending.add("py-1");
    expect(pending.settle({ id: "py-1", ok: true, result: 2 })).toBe(true);
    expect(pending.settle({ id: 1, ok: true, result: 1 })).toBe(true);
    expect(pending.settle({ id: 1, ok: true, result: 1 })).toBe(false);
    expect(await first).toEqual({ id: 1, ok: true, result: 1 });
    expect(await second).toEqual({ id: "py-1", ok: true, result: 2 });
    expect(pending.size).toBe(0);
  });

  test("close rejects what is pending and whatever comes later", async () => {
    const pending = new PendingRequests();
    const waiting = pending.add(1);
    const error = new BridgeClosedError("gone");
    pending.close(error);
    await expect(waiting).rejects.toBe(error);
    await expect(pending.add(2)).rejects.toBe(error);
    expect(pending.closed).toBe(true);
  });
});

describe("LineSplitter", () => {
  test("joins lines split across chunks and skips blank ones", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    for (const chunk of ['{"a"', ":1}\n\n{", '"b":2}\r\n', "x", "y", "z\nrest"]) splitter.push(chunk);
    expect(lines).toEqual(['{"a":1}', '{"b":2}\r', "xyz"]);
    expect(splitter.rest).toBe("rest");
  });
});

describe("WriteCoalescer", () => {
  test("lines queued in one tick go out in one write", async () => {
    const writes: string[] = [];
    const writer = new WriteCoalescer((text) => writes.push(text));
    writer.line("a");
    writer.line("b");
    writer.line("c");
    expect(writes).toEqual([]);
    await Promise.resolve();
    expect(writes).toEqual(["a\nb\nc\n"]);
    writer.line("d");
    writer.flush();
    expect(writes).toEqual(["a\nb\nc\n", "d\n"]);
  });
});
