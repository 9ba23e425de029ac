// The page's end of one program worker: forwards the worker's envelopes to the
// hub (and Python's calls back to the worker), hands its output on, and ends
// it by terminating the worker, which works whatever the program is doing.
import { envelopeText } from "../program-worker/envelope-text.js";
import type { Picture } from "../pictures/picture.js";
import type { PythonRequest, Reply, Request } from "../protocol/messages.js";
import type { FromProgramWorker, ToProgramWorker } from "../program-worker/messages.js";
import type { ProgramError } from "../runner/index.js";
import { createOutputRing, OutputRingReader } from "../program-worker/output-ring.js";
import { jsErrorInfo } from "../bridge/errors.js";
import type { HubClient, PythonHub } from "./python-hub.js";

export type RunOutcome = { ok: true; value?: string } | { ok: false; error: ProgramError };

export interface ProgramRunEvents {
  output(text: string): void;
  picture(picture: Picture): void;
  /** Python's input() or the program's (read-line): the line typed, null at end of input; rejects when cancelled. */
  input(prompt: string): Promise<string | null>;
  done(outcome: RunOutcome): void;
}

/** A started worker, not yet attached to any Python (the spare). */
export function startProgramWorker(): Worker {
  return new Worker(new URL("../program-worker/worker.ts", import.meta.url), { type: "module", name: "polyglot-program" });
}

let runsStarted = 0;

export class ProgramRun {
  private readonly client: HubClient;
  private ended: Promise<void> | undefined;
  /** The worker's output, in shared memory when the page is cross-origin isolated. */
  private readonly ring: OutputRingReader | undefined;
  private frame: number | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly hub: PythonHub,
    private readonly events: ProgramRunEvents,
  ) {
    runsStarted += 1;
    this.client = hub.addClient(`run ${runsStarted}`, {
      call: (request) => this.call(request),
      released: (refs) => this.post({ kind: "notice", text: envelopeText({ type: "release_js", refs }) }),
      exited: (error) => this.post({ kind: "exit", message: error.message }),
    });
    worker.addEventListener("message", (event: MessageEvent<FromProgramWorker>) => this.receive(event.data));
    worker.addEventListener("error", (event) => {
      const message = event instanceof ErrorEvent && event.message ? event.message : "the program worker failed to load";
      this.finish({ ok: false, error: { kind: "runtime", type: "Error", message, file: "", text: message } });
    });
    const buffers = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated ? createOutputRing() : undefined;
    this.ring = buffers && new OutputRingReader(buffers);
    this.post({ kind: "hello", callbacks: hub.callbacks, ring: buffers });
    if (this.ring) this.frame = requestAnimationFrame(() => this.pollRing());
  }

  /** Once per frame while the run lives: hand on what the worker wrote. */
  private pollRing(): void {
    this.drainRing();
    this.frame = this.ended ? undefined : requestAnimationFrame(() => this.pollRing());
  }

  private drainRing(): void {
    const text = this.ring?.drain();
    if (text) this.events.output(text);
  }

  start(source: string, filename: string): void {
    this.post({ kind: "run", source, filename });
  }

  /** End the run now: terminate the worker and let the hub clean up after it. Resolves when Python is done with it. */
  stop(): Promise<void> {
    if (!this.ended) {
      this.worker.terminate();
      // What it wrote before it was ended is still in the ring (a picture on its way is lost with the worker).
      const text = this.ring?.drainAll();
      if (text) this.events.output(text);
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
      this.ended = this.hub.end(this.client);
    }
    return this.ended;
  }

  /** Whether Python still works on a request of this run. */
  get pythonBusy(): boolean {
    return this.client.inFlight.size > 0;
  }

  private finished = false;

  private finish(outcome: RunOutcome): void {
    if (this.finished) return;
    this.finished = true;
    void this.stop();
    this.events.done(outcome);
  }

  private post(message: ToProgramWorker): void {
    if (!this.ended) this.worker.postMessage(message);
  }

  private receive(message: FromProgramWorker): void {
    if (this.ended) return;
    if (message.kind === "picture") return this.placePicture(message.picture, message.mark);
    // Output written before this message comes first.
    this.drainRing();
    switch (message.kind) {
      case "request": {
        const request = JSON.parse(message.text) as Request;
        this.hub.send(this.client, request).then(
          (reply) => this.post({ kind: "reply", text: envelopeText(reply) }),
          // The relay turns a closed hub into a rejected request on the worker's side.
          (error: unknown) => this.post({ kind: "exit", message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
      case "answer": {
        const reply = JSON.parse(message.text) as Reply;
        this.answers.get(reply.id as string)?.(reply);
        this.answers.delete(reply.id as string);
        return;
      }
      case "interrupt":
        this.hub.interruptFor(this.client);
        return;
      case "output":
        this.events.output(message.text);
        return;
      case "input": {
        const { id } = message;
        this.events.input(message.prompt).then(
          (text) => this.post({ kind: "line", id, text }),
          () => undefined, // cancelled: the run is ending, and its worker with it
        );
        return;
      }
      case "done":
        this.finish(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
        return;
    }
  }

  /** A picture goes after the text written before it, and before any written after (which waited in the ring). */
  private placePicture(picture: Picture, mark: number | undefined): void {
    const before = this.ring && mark !== undefined ? this.ring.drainToMark(mark) : "";
    if (before) this.events.output(before);
    this.events.picture(picture);
    this.drainRing();
  }

  private readonly answers = new Map<string, (reply: Reply) => void>();

  private call(request: PythonRequest): Promise<Reply> {
    if (request.op === "input") {
      // Asked on the page itself: the worker has nothing to add to a line typed in the pane.
      return this.events.input(request.prompt).then(
        (text): Reply => ({ id: request.id, ok: true, result: text }),
        (error: unknown): Reply => ({ id: request.id, ok: false, error: jsErrorInfo(error) }),
      );
    }
    return new Promise((resolve) => {
      this.answers.set(request.id, resolve);
      this.post({ kind: "call", text: envelopeText(request) });
    });
  }
}
