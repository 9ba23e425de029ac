// The program worker's side of its conversation with the page (messages.ts): the relay to
// Python, the output channel and the order of messages. What a "run" does is the caller's:
// worker.ts compiles and runs a Lisp program; the e2e behaviour page runs a bridge test case
// through this same path.
import { PythonBridge } from "../bridge/index.js";
import type { Picture } from "../pictures/picture.js";
import type { FromProgramWorker, ToProgramWorker } from "./messages.js";
import { OutputBatcher } from "./output-batcher.js";
import { OutputRingWriter } from "./output-ring.js";
import { RelayTransport } from "./relay-transport.js";

/** The end of a run, as the page hears it. */
export type RunDone = Extract<FromProgramWorker, { kind: "done" }>;

export interface RunContext {
  /** This run's bridge: every request goes to the page's Python through the relay. */
  bridge: PythonBridge;
  /** Output of the program, in order with everything else the worker says. */
  write(text: string): void;
  /** A picture for the output pane, in order with the output. */
  show(picture: Picture): void;
  /** `(read-line prompt)`: the page asks in the output pane; null at end of input. */
  readLine(prompt: string): Promise<string | null>;
}

export type RunHandler = (source: string, filename: string, context: RunContext) => Promise<RunDone>;

export function serveProgramWorker(handleRun: RunHandler): void {
  const scope = self as unknown as {
    postMessage(message: FromProgramWorker, transfer?: Transferable[]): void;
    addEventListener(type: "message", listener: (event: MessageEvent<ToProgramWorker>) => void): void;
  };
  /** Where output goes: the shared ring the page drains (see output-ring.ts), or batched messages without shared memory. */
  let output: { write(text: string): void; flush(): void; mark?(): number } = new OutputBatcher((text) => scope.postMessage({ kind: "output", text }));
  /** Everything the page must see in order: output first, then what followed it. */
  const post = (message: FromProgramWorker, transfer?: Transferable[]): void => {
    output.flush();
    scope.postMessage(message, transfer);
  };
  /** A picture goes to the page in order with the output; bytes are copied (the program may keep using them). */
  const show = (picture: Picture): void => {
    const transfer = picture.kind === "bitmap" ? [picture.bitmap as unknown as ImageBitmap] : [];
    post({ kind: "picture", picture, mark: output.mark?.() }, transfer);
  };
  let relay: RelayTransport | undefined;
  let bridge: PythonBridge | undefined;

  /** `(read-line)`s waiting for the page's answer, by id. Stop ends this worker, and the waits with it. */
  const lineWaits = new Map<number, (text: string | null) => void>();
  let nextLineWait = 1;
  const readLine = (prompt: string): Promise<string | null> => {
    const id = nextLineWait++;
    return new Promise((resolve) => {
      lineWaits.set(id, resolve);
      post({ kind: "input", id, prompt });
    });
  };

  async function run(source: string, filename: string): Promise<void> {
    let done: RunDone;
    try {
      if (!bridge) throw new Error("the page sent no hello before the run");
      done = await handleRun(source, filename, { bridge, write: (text) => output.write(text), show, readLine });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      done = { kind: "done", ok: false, error: { kind: "runtime", type: "Error", message, file: filename, text: message } };
    }
    post(done);
  }

  scope.addEventListener("message", (event) => {
    const message = event.data;
    switch (message.kind) {
      case "hello":
        if (message.ring) {
          const ring = new OutputRingWriter(message.ring);
          // The page drains the ring before it reads any later message: nothing to flush.
          output = { write: (text) => ring.write(text), flush: () => undefined, mark: () => ring.mark() };
        }
        relay = new RelayTransport(post, message.callbacks);
        // Record call sites so every Python error is marked at its Lisp line.
        bridge = new PythonBridge(relay, { callSites: "capture" });
        // Python's own output reaches the page directly (it owns the Pyodide worker).
        return;
      case "run":
        void run(message.source, message.filename);
        return;
      case "reply":
        relay?.reply(message.text);
        return;
      case "call":
        relay?.call(message.text);
        return;
      case "notice":
        relay?.notice(message.text);
        return;
      case "exit":
        relay?.exit(message.message);
        return;
      case "line":
        lineWaits.get(message.id)?.(message.text);
        lineWaits.delete(message.id);
        return;
    }
  });
}
