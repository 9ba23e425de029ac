// Lines for Python's input() and Lisp's (read-line) under the CLI, in the order
// they were typed. `polyglot run` fills the queue from stdin, read only while
// someone waits, so a program that never asks leaves stdin alone (and an idle
// stdin does not keep the process alive); the REPL fills it from its readline.
import { InputCancelledError } from "../protocol/errors.js";

interface Waiter {
  resolve(line: string | null): void;
  reject(error: Error): void;
}

export class LineQueue {
  private readonly lines: string[] = [];
  private readonly waiters: Waiter[] = [];
  private ended = false;

  /** `demand(true)` when someone starts waiting and nothing is queued, `demand(false)` when nobody waits. */
  constructor(private readonly demand: (wanted: boolean) => void = () => {}) {}

  push(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(line);
    else this.lines.push(line);
    if (this.waiters.length === 0) this.demand(false);
  }

  /** End of input: every wait, now and later, gets null once the queued lines are taken. */
  end(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(null);
  }

  /** The next line (without its newline), or null at end of input. */
  next(): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.waiters.length === 1) this.demand(true);
    });
  }

  /** No more reading (the program ended): waits still pending get null, and the source is let go. */
  close(): void {
    const waiting = this.waiters.length > 0;
    this.end();
    if (waiting) this.demand(false);
  }

  /** Ctrl-C: every wait rejects (input() then raises KeyboardInterrupt); lines typed later stay queued. */
  cancelWaits(): void {
    const waiters = this.waiters.splice(0);
    if (waiters.length === 0) return;
    this.demand(false);
    for (const waiter of waiters) waiter.reject(new InputCancelledError("Ctrl-C ended the wait for a line"));
  }
}

/** A queue of `stream`'s lines ("\n" or "\r\n"), reading the stream only while a line is wanted. */
export function streamLines(stream: NodeJS.ReadableStream): LineQueue {
  let attached = false;
  let partial = "";
  const queue: LineQueue = new LineQueue((wanted) => {
    if (!wanted) {
      if (attached) stream.pause();
      return;
    }
    if (!attached) {
      attached = true;
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const parts = (partial + chunk).split("\n");
        partial = parts.pop()!;
        for (const line of parts) queue.push(line.endsWith("\r") ? line.slice(0, -1) : line);
      });
      stream.on("end", () => {
        if (partial !== "") queue.push(partial); // a last line without a newline still counts
        partial = "";
        queue.end();
      });
      stream.on("error", () => queue.end());
    }
    stream.resume();
  });
  return queue;
}
