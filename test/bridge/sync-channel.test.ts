// The SharedArrayBuffer channel on its own: a real worker thread reads what the test writes.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChannelWriter, createChannelBuffer } from "../../src/protocol/sync-channel.js";

let workerCode = "";
const workers: Worker[] = [];

beforeAll(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./fixtures/channel-worker.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  workerCode = result.outputFiles[0]!.text;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

function startReader(mode: "echo" | "nested" | "stop", buffer: SharedArrayBuffer, stopFlag?: SharedArrayBuffer) {
  const worker = new Worker(workerCode, { eval: true, workerData: { mode, buffer, stopFlag } });
  workers.push(worker);
  const received: unknown[] = [];
  let waiter: (() => void) | undefined;
  worker.on("message", (message: unknown) => {
    received.push(message);
    waiter?.();
  });
  /** Resolves once `count` messages have arrived in total. */
  const messages = async (count: number): Promise<unknown[]> => {
    while (received.length < count) await new Promise<void>((resolve) => (waiter = resolve));
    return received.slice(0, count);
  };
  return { worker, received, messages };
}

/** A string with 1-, 2-, 3- and 4-byte UTF-8 characters, so chunk borders split characters. */
function mixedText(length: number, seed: number): string {
  const alphabet = ["a", "é", "€", "𝄞", "z", "\n", '"'];
  let text = "";
  for (let i = 0; text.length < length; i++) text += alphabet[(i * 7 + seed) % alphabet.length];
  return text;
}

describe("SyncChannel", () => {
  it("delivers a message that fits in one chunk, unicode intact", async () => {
    const buffer = createChannelBuffer();
    const reader = startReader("echo", buffer);
    const writer = new ChannelWriter(buffer);
    writer.write('{"id":"py-1","ok":true,"result":"héllo €𝄞"}');
    expect(await reader.messages(1)).toEqual(['{"id":"py-1","ok":true,"result":"héllo €𝄞"}']);
  });

  it("delivers an empty message", async () => {
    const buffer = createChannelBuffer();
    const reader = startReader("echo", buffer);
    new ChannelWriter(buffer).write("");
    expect(await reader.messages(1)).toEqual([""]);
  });

  it("chunks a message larger than the data area", async () => {
    const buffer = createChannelBuffer(16);
    const reader = startReader("echo", buffer);
    const text = mixedText(5000, 1);
    new ChannelWriter(buffer).write(text);
    const [echoed] = await reader.messages(1);
    expect(echoed).toBe(text);
  });

  it("queues writes: many messages written at once arrive whole and in order", async () => {
    const buffer = createChannelBuffer(64);
    const reader = startReader("echo", buffer);
    const writer = new ChannelWriter(buffer);
    const texts = Array.from({ length: 60 }, (_, i) => `${i}:${mixedText((i * 37) % 300, i)}`);
    for (const text of texts) writer.write(text);
    await writer.flushed();
    expect(await reader.messages(texts.length)).toEqual(texts);
  });

  it("serves nested exchanges three levels deep, with chunked messages", async () => {
    const buffer = createChannelBuffer(8);
    const reader = startReader("nested", buffer);
    const writer = new ChannelWriter(buffer);
    reader.worker.on("message", (message: string) => {
      const [kind, depth] = message.split(":") as [string, string];
      const level = Number(depth);
      // Each callback calls back into the reader one level deeper, then returns once that returned.
      if (kind === "cb" && level < 3) writer.write(`call:${level + 1}`);
      if (kind === "cb" && level === 3) writer.write(`ret:${level}`);
      if (kind === "done" && level > 0) writer.write(`ret:${level - 1}`);
    });
    writer.write("call:0");
    expect(await reader.messages(8)).toEqual(["cb:0", "cb:1", "cb:2", "cb:3", "done:3", "done:2", "done:1", "done:0"]);
  });

  it("lets the reader abandon a wait (an interrupt) when woken", async () => {
    const buffer = createChannelBuffer();
    const stopFlag = new SharedArrayBuffer(4);
    const reader = startReader("stop", buffer, stopFlag);
    const writer = new ChannelWriter(buffer);
    await reader.messages(1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // now blocked in Atomics.wait
    Atomics.store(new Int32Array(stopFlag), 0, 1);
    const started = performance.now();
    writer.wakeReader();
    expect(await reader.messages(2)).toEqual(["reading", { read: null }]);
    // The reader slices its waits every 10 s here; waking it must not wait for that.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("drops queued messages once closed", async () => {
    const buffer = createChannelBuffer();
    const writer = new ChannelWriter(buffer);
    writer.write("first"); // fills the free slot at once
    writer.write("second"); // queued behind it: nobody has read "first" yet
    writer.close();
    await writer.flushed();
    const reader = startReader("echo", buffer);
    expect(await reader.messages(1)).toEqual(["first"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reader.received).toEqual(["first"]);
  });
});
