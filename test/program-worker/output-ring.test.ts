// The output ring's marks: text written after a picture waits in the ring until the
// picture's message is placed, so a frame's drain never lets it overtake the picture.
import { describe, expect, test } from "vitest";
import { createOutputRing, OutputRingReader, OutputRingWriter } from "../../src/program-worker/output-ring.js";

describe("output ring marks", () => {
  test("a drain stops at a pending mark; the mark's message reads up to it, then the rest flows", () => {
    const buffers = createOutputRing(64);
    const writer = new OutputRingWriter(buffers);
    const reader = new OutputRingReader(buffers);
    writer.write("before\n");
    const mark = writer.mark();
    writer.write("after\n");
    expect(reader.drain()).toBe(""); // the picture's message has not arrived
    expect(reader.drainToMark(mark)).toBe("before\n");
    expect(reader.drain()).toBe("after\n");
  });

  test("two marks in flight, and marks across the ring's end", () => {
    const buffers = createOutputRing(16);
    const writer = new OutputRingWriter(buffers);
    const reader = new OutputRingReader(buffers);
    writer.write("0123456789");
    expect(reader.drain()).toBe("0123456789");
    writer.write("ab");
    const first = writer.mark();
    writer.write("cdefgh"); // wraps
    const second = writer.mark();
    writer.write("ij");
    expect(reader.drain()).toBe("");
    expect(reader.drainToMark(first)).toBe("ab");
    expect(reader.drain()).toBe(""); // the second is still on its way
    expect(reader.drainToMark(second)).toBe("cdefgh");
    expect(reader.drain()).toBe("ij");
  });

  test("drainAll takes everything, marks or not (the worker was ended)", () => {
    const buffers = createOutputRing(64);
    const writer = new OutputRingWriter(buffers);
    const reader = new OutputRingReader(buffers);
    writer.write("a");
    writer.mark();
    writer.write("b");
    expect(reader.drainAll()).toBe("ab");
  });
});
