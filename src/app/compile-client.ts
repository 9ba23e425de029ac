// The page's end of the compile worker (src/compile-worker/): one check at a time, the newest
// text waiting behind it (older waiting texts are dropped: nobody looks at their result), and a
// time limit after which the worker is ended and a new one started, so an endless macro costs
// one diagnostic, never the page.
import type { CheckMode, CheckReply, CheckRequest, CheckResult } from "../compile-worker/messages.js";

/** How long one check may take; a real program compiles in milliseconds (docs/benchmarks.md, section 6). */
export const CHECK_TIME_LIMIT_MS = 3000;

export function startCompileWorker(): Worker {
  return new Worker(new URL("../compile-worker/worker.ts", import.meta.url), { type: "module", name: "polyglot-compile" });
}

interface Pending {
  request: CheckRequest;
  resolve(result: CheckResult | undefined): void;
}

export function timeLimitResult(limitMs: number): CheckResult {
  return {
    ok: false,
    message: `1:1: macro expansion took longer than ${limitMs / 1000} s, so the compiler was stopped\ntry: look for a macro that never returns (an endless loop or recursion)`,
    range: { line: 1, column: 1 },
    summary: `macro expansion took longer than ${limitMs / 1000} s: compiling was stopped`,
  };
}

export class CompileClient {
  private worker: Worker | undefined;
  private running: (Pending & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private waiting: Pending | undefined;
  private nextId = 1;

  constructor(
    private readonly start: () => Worker = startCompileWorker,
    private readonly limitMs: number = CHECK_TIME_LIMIT_MS,
  ) {}

  /** The check of `source`, or undefined when a newer check replaced it before it started. */
  check(source: string, filename: string, mode: CheckMode): Promise<CheckResult | undefined> {
    return new Promise((resolve) => {
      this.waiting?.resolve(undefined);
      this.waiting = { request: { id: this.nextId++, source, filename, mode }, resolve };
      this.pump();
    });
  }

  /** End the worker (the page is going away, or a test is done). */
  close(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const next = this.waiting;
    this.waiting = undefined;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => this.finish(next.request.id, timeLimitResult(this.limitMs), { restart: true }), this.limitMs);
    this.running = { ...next, timer };
    worker.postMessage(next.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.addEventListener("message", (event: MessageEvent<CheckReply>) => this.finish(event.data.id, event.data.result));
    worker.addEventListener("error", (event) => {
      const message = event instanceof ErrorEvent && event.message ? event.message : "the compile worker failed";
      const id = this.running?.request.id;
      if (id !== undefined) this.finish(id, { ok: false, message: `1:1: internal compiler error: ${message}`, range: { line: 1, column: 1 } }, { restart: true });
    });
    this.worker = worker;
    return worker;
  }

  private finish(id: number, result: CheckResult, { restart = false } = {}): void {
    const running = this.running;
    if (!running || running.request.id !== id) return; // a late reply from a worker already ended
    clearTimeout(running.timer);
    this.running = undefined;
    if (restart) this.close();
    running.resolve(result);
    this.pump();
  }
}
