// A one-way, blocking message channel over a SharedArrayBuffer: the page
// writes strings, a worker thread reads them with Atomics.wait.
//
// Why: Python calls JS callbacks (a `sorted` key, a `map` function)
// synchronously, so the worker must block until the page answers, and it must
// still serve requests the callback makes into Python meanwhile. A blocked
// worker cannot receive postMessage events. JSPI (`run_sync`) would avoid
// blocking, but Node 20 lacks it, and callbacks must work in Chromium AND
// Node 20; SharedArrayBuffer + Atomics works in both (the page must be
// cross-origin isolated, which our dev server and build are).
//
// Layout: a 16-byte Int32 header, then the data area. A message larger than
// the data area travels in chunks; the writer waits (Atomics.waitAsync, never
// blocking the page) for the reader to drain each one. Writes are queued, so
// messages never interleave.

const STATE = 0; // EMPTY or FULL
const CHUNK_BYTES = 1; // bytes in the data area now
const MESSAGE_BYTES = 2; // bytes of the whole message the chunk belongs to
const EMPTY = 0;
const FULL = 1;
const HEADER_BYTES = 16;

/** Default data area: most protocol messages fit in one chunk. */
export const DEFAULT_CHANNEL_BYTES = 64 * 1024;

/** Whether this realm can share memory with a worker (needs cross-origin isolation in browsers). */
export function sharedMemoryUnavailable(): string | undefined {
  if (typeof SharedArrayBuffer === "undefined") {
    return "callbacks from Python need SharedArrayBuffer, which this page lacks: serve it cross-origin isolated (COOP same-origin, COEP require-corp)";
  }
  return undefined;
}

export function createChannelBuffer(dataBytes = DEFAULT_CHANNEL_BYTES): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + dataBytes);
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: "not-equal" | "timed-out" } | { async: true; value: Promise<"ok" | "timed-out"> };

// ES2024 lib types are not in our lib setting; every target we support has it.
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Node encodes straight into shared memory; Chromium refuses shared views in encodeInto. */
const encodesIntoShared = (() => {
  if (typeof SharedArrayBuffer === "undefined") return false;
  try {
    new TextEncoder().encodeInto("", new Uint8Array(new SharedArrayBuffer(1)));
    return true;
  } catch {
    return false;
  }
})();

/** The page's end: queues strings and feeds them to the reader one chunk at a time. */
export class ChannelWriter {
  private readonly header: Int32Array;
  private readonly data: Uint8Array;
  private readonly encoder = new TextEncoder();
  private readonly queue: string[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.data = new Uint8Array(buffer, HEADER_BYTES);
  }

  /** Queue a message; it is delivered in order after everything queued before it. */
  write(text: string): void {
    if (this.closed) return;
    if (this.draining === undefined && this.sendNow(text)) return;
    this.queue.push(text);
    this.draining ??= this.drain();
  }

  /** Resolves once everything written so far has been handed to the reader (or dropped by close). */
  async flushed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Drop queued messages and stop waiting for a reader that has gone. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    Atomics.notify(this.header, STATE); // ends a pending slotEmpty() wait now
  }

  /** Wake a reader that is waiting for a message, e.g. so it checks for an interrupt. */
  wakeReader(): void {
    Atomics.notify(this.header, STATE);
  }

  // Always awaits at least once (slotEmpty), so `draining` is set before this clears it.
  private async drain(): Promise<void> {
    try {
      for (let text = this.queue.shift(); text !== undefined && !this.closed; text = this.queue.shift()) {
        await this.sendInChunks(text);
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Fast path: the slot is free and the message fits in one chunk. */
  private sendNow(text: string): boolean {
    if (Atomics.load(this.header, STATE) !== EMPTY) return false;
    if (encodesIntoShared) {
      const { read, written } = this.encoder.encodeInto(text, this.data);
      if (read !== text.length) return false;
      this.publish(written, written);
      return true;
    }
    // A UTF-8 byte count is at most 3 per UTF-16 unit; longer texts take the chunked road.
    if (text.length * 3 > this.data.length) return false;
    const bytes = this.encoder.encode(text);
    this.data.set(bytes);
    this.publish(bytes.length, bytes.length);
    return true;
  }

  private async sendInChunks(text: string): Promise<void> {
    const bytes = this.encoder.encode(text);
    let offset = 0;
    do {
      if (!(await this.slotEmpty())) return;
      const chunk = bytes.subarray(offset, offset + this.data.length);
      this.data.set(chunk);
      this.publish(chunk.length, bytes.length);
      offset += chunk.length;
    } while (offset < bytes.length);
  }

  private publish(chunkBytes: number, messageBytes: number): void {
    this.header[CHUNK_BYTES] = chunkBytes;
    this.header[MESSAGE_BYTES] = messageBytes;
    Atomics.store(this.header, STATE, FULL);
    Atomics.notify(this.header, STATE);
  }

  /** Resolves true once the reader drained the slot, false if the channel closed first. */
  private async slotEmpty(): Promise<boolean> {
    while (!this.closed && Atomics.load(this.header, STATE) !== EMPTY) {
      if (waitAsync) {
        // Time-boxed so that close() ends the wait even when the reader has gone (worker terminated).
        const result = waitAsync(this.header, STATE, FULL, 1000);
        if (result.async) await result.value;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    return !this.closed;
  }
}

/** The worker's end: blocks until a whole message has arrived. */
export class ChannelReader {
  private readonly header: Int32Array;
  private readonly data: Uint8Array;
  private readonly decoder = new TextDecoder();

  /**
   * @param stopWaiting asked before each wait (woken early by wakeReader, or
   *   every `sliceMs`) while no message has started arriving; true abandons
   *   the wait (an interrupt), and `read()` returns undefined.
   */
  constructor(
    buffer: SharedArrayBuffer,
    private readonly stopWaiting: () => boolean = () => false,
    private readonly sliceMs = 50,
  ) {
    this.header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.data = new Uint8Array(buffer, HEADER_BYTES);
  }

  /** Block until the next message and return it; undefined when `stopWaiting` ended the wait. */
  read(): string | undefined {
    while (Atomics.load(this.header, STATE) !== FULL) {
      if (this.stopWaiting()) return undefined;
      Atomics.wait(this.header, STATE, EMPTY, this.sliceMs);
    }
    return this.readMessage();
  }

  /** The next message if one has started arriving, without waiting for one that has not. */
  poll(): string | undefined {
    return Atomics.load(this.header, STATE) === FULL ? this.readMessage() : undefined;
  }

  private readMessage(): string {
    const messageBytes = this.header[MESSAGE_BYTES];
    const first = this.takeChunk();
    if (first.length === messageBytes) return this.decoder.decode(first);
    // Once a message has started, read it whole: the writer sends the rest at once.
    const bytes = new Uint8Array(messageBytes);
    bytes.set(first);
    let offset = first.length;
    while (offset < messageBytes) {
      while (Atomics.load(this.header, STATE) !== FULL) Atomics.wait(this.header, STATE, EMPTY, this.sliceMs);
      const chunk = this.takeChunk();
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return this.decoder.decode(bytes);
  }

  /** Copy the current chunk out of shared memory (TextDecoder refuses shared views) and free the slot. */
  private takeChunk(): Uint8Array {
    const chunk = this.data.slice(0, this.header[CHUNK_BYTES]);
    Atomics.store(this.header, STATE, EMPTY);
    Atomics.notify(this.header, STATE);
    return chunk;
  }
}
