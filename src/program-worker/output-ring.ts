// Output from a program worker to the page through shared memory: the worker
// writes UTF-16 code units into a ring, the page drains it once per animation
// frame (and before each message from the worker, so order holds). Text
// written just before a loop that never yields still reaches the page, which
// no message-based batching can do: a batch waits for a timer that never fires.
// When the ring is full the writer waits for the page to drain it (back-pressure).

/** Code units the ring holds (2 MiB of memory). */
export const RING_UNITS = 1 << 20;
const WRITE = 0;
const READ = 1;

export interface OutputRingBuffers {
  header: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

export function createOutputRing(units = RING_UNITS): OutputRingBuffers {
  return { header: new SharedArrayBuffer(8), data: new SharedArrayBuffer(units * 2) };
}

export class OutputRingWriter {
  private readonly header: Int32Array;
  private readonly data: Uint16Array;

  constructor(buffers: OutputRingBuffers) {
    this.header = new Int32Array(buffers.header);
    this.data = new Uint16Array(buffers.data);
  }

  write(text: string): void {
    const capacity = this.data.length;
    let at = 0;
    while (at < text.length) {
      const write = Atomics.load(this.header, WRITE);
      const read = Atomics.load(this.header, READ);
      const free = (read - write - 1 + capacity) % capacity;
      if (free === 0) {
        // Full: wait until the page reads (it stores READ and notifies).
        Atomics.wait(this.header, READ, read, 100);
        continue;
      }
      const n = Math.min(free, text.length - at, capacity - write);
      for (let i = 0; i < n; i++) this.data[write + i] = text.charCodeAt(at + i);
      at += n;
      Atomics.store(this.header, WRITE, (write + n) % capacity);
    }
  }
}

export class OutputRingReader {
  private readonly header: Int32Array;
  private readonly data: Uint16Array;
  private readonly decoder = new TextDecoder("utf-16le");

  constructor(buffers: OutputRingBuffers) {
    this.header = new Int32Array(buffers.header);
    this.data = new Uint16Array(buffers.data);
  }

  /** Everything written since the last drain ("" when nothing). */
  drain(): string {
    const capacity = this.data.length;
    const write = Atomics.load(this.header, WRITE);
    let read = Atomics.load(this.header, READ);
    if (write === read) return "";
    const parts: string[] = [];
    while (read !== write) {
      const end = write > read ? write : capacity;
      // TextDecoder does not read shared memory: copy out first.
      const copy = this.data.slice(read, end);
      parts.push(this.decoder.decode(copy, { stream: true }));
      read = end % capacity;
    }
    Atomics.store(this.header, READ, read);
    Atomics.notify(this.header, READ);
    return parts.join("");
  }
}
