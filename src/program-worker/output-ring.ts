// Output from a program worker to the page through shared memory: the worker
// writes UTF-16 code units into a ring, the page drains it once per animation
// frame (and before each message from the worker, so order holds). Text
// written just before a loop that never yields still reaches the page, which
// no message-based batching can do: a batch waits for a timer that never fires.
// When the ring is full the writer waits for the page to drain it (back-pressure).
//
// A picture travels as a message, beside the ring: the writer marks where in the
// text it belongs and counts it as pending; while one is pending the page drains
// no further than that mark, so text written after a picture never overtakes it.

/** Code units the ring holds (2 MiB of memory). */
export const RING_UNITS = 1 << 20;
const WRITE = 0;
const READ = 1;
/** Marked messages (pictures) posted and not yet placed by the page. */
const PENDING = 2;

export interface OutputRingBuffers {
  header: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

export function createOutputRing(units = RING_UNITS): OutputRingBuffers {
  return { header: new SharedArrayBuffer(12), data: new SharedArrayBuffer(units * 2) };
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

  /** Where the text written so far ends, for a message that must come after it; counted until the page places it. */
  mark(): number {
    Atomics.add(this.header, PENDING, 1);
    return Atomics.load(this.header, WRITE);
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

  /**
   * Everything written since the last drain ("" when nothing); while a marked message is
   * on its way, nothing (the text after its mark must wait for it: see drainTo).
   */
  drain(): string {
    if (Atomics.load(this.header, PENDING) > 0) return "";
    return this.drainTo(Atomics.load(this.header, WRITE));
  }

  /** The text up to a mark, read when its message arrives; the message is then placed. */
  drainToMark(mark: number): string {
    const text = this.drainTo(mark);
    Atomics.sub(this.header, PENDING, 1);
    return text;
  }

  /** Everything, marks or not (the writer is gone). */
  drainAll(): string {
    return this.drainTo(Atomics.load(this.header, WRITE));
  }

  private drainTo(write: number): string {
    const capacity = this.data.length;
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
