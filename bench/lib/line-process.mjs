// A child process that speaks newline-delimited JSON on stdio, with replies
// matched to requests by id. Shared by the raw floor and the esem client, so
// both pay exactly the same (minimal) JS-side cost.
import { spawn } from "node:child_process";

export class LineProcess {
  /**
   * coalesceWrites: requests issued in the same tick go out in one write()
   * (as our transport does); off, every request is its own write (as esem's).
   */
  constructor(command, args, { cwd, env, coalesceWrites = false } = {}) {
    this.child = spawn(command, args, { cwd, env, stdio: ["pipe", "pipe", "inherit"] });
    this.coalesceWrites = coalesceWrites;
    this.queued = [];
    this.pending = new Map();
    this.nextId = 0;
    this.partial = [];
    this.ready = new Promise((resolve, reject) => {
      this.onReady = resolve;
      this.child.once("error", reject);
      this.child.once("exit", (code) => reject(new Error(`${command} exited with ${code} before ready`)));
    });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => this.receive(chunk));
  }

  // Only the new chunk is scanned for newlines, and a partial line is kept as
  // a list of pieces: a multi-megabyte reply must not make this quadratic.
  receive(chunk) {
    let start = 0;
    let newline;
    while ((newline = chunk.indexOf("\n", start)) >= 0) {
      let line = chunk.slice(start, newline);
      if (this.partial.length > 0) {
        this.partial.push(line);
        line = this.partial.join("");
        this.partial = [];
      }
      start = newline + 1;
      if (line.length > 0) this.dispatch(JSON.parse(line));
    }
    if (start < chunk.length) this.partial.push(chunk.slice(start));
  }

  dispatch(message) {
    const waiter = this.pending.get(message.id);
    if (waiter) {
      this.pending.delete(message.id);
      waiter(message);
    } else if (message.type === "ready") {
      this.onReady(message);
    }
  }

  /** Sends `message` with a fresh id; resolves with the raw reply object. */
  request(message) {
    const id = ++this.nextId;
    message.id = id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (!this.coalesceWrites) return this.child.stdin.write(JSON.stringify(message) + "\n");
      if (this.queued.push(JSON.stringify(message)) === 1) queueMicrotask(() => this.flush());
    });
  }

  flush() {
    this.child.stdin.write(this.queued.join("\n") + "\n");
    this.queued = [];
  }

  close() {
    this.child.stdin.end();
    this.child.kill();
  }
}
