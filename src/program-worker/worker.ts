// Entry of a program worker: one per run. It compiles the program (macros run
// here, never on the page), runs it against a PythonBridge whose transport is a
// relay to the page, and streams its output. The page ends a run by
// terminating this worker, which works whatever the program is doing.
import { PythonBridge } from "../bridge/index.js";
import { readable } from "../lisp/index.js";
import { runProgram } from "../runner/index.js";
import type { FromProgramWorker, ToProgramWorker } from "./messages.js";
import { OutputBatcher } from "./output-batcher.js";
import { OutputRingWriter } from "./output-ring.js";
import { RelayTransport } from "./relay-transport.js";

const scope = self as unknown as {
  postMessage(message: FromProgramWorker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToProgramWorker>) => void): void;
};

/** Where output goes: the shared ring the page drains (see output-ring.ts), or batched messages without shared memory. */
let output: { write(text: string): void; flush(): void } = new OutputBatcher((text) =>
  scope.postMessage({ kind: "output", text }),
);
/** Everything the page must see in order: output first, then what followed it. */
const post = (message: FromProgramWorker): void => {
  output.flush();
  scope.postMessage(message);
};

let relay: RelayTransport | undefined;
let bridge: PythonBridge | undefined;

/** `(read-line)`s waiting for the page's answer, by id. */
const lineWaits = new Map<number, (text: string | null) => void>();
let nextLineWait = 1;

/** The page asks in the output pane; Stop ends this worker, and the wait with it. */
function readLine(prompt: string): Promise<string | null> {
  const id = nextLineWait++;
  return new Promise((resolve) => {
    lineWaits.set(id, resolve);
    post({ kind: "input", id, prompt });
  });
}

async function run(source: string, filename: string): Promise<void> {
  try {
    const result = await runProgram(source, { filename, bridge, write: (text) => output.write(text), readLine });
    if (result.ok) {
      const value = result.value;
      post({ kind: "done", ok: true, value: value === undefined || value === null ? undefined : readable(value) });
    } else {
      post({ kind: "done", ok: false, error: result.error });
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post({ kind: "done", ok: false, error: { kind: "runtime", type: "Error", message, file: filename, text: message } });
  }
}

scope.addEventListener("message", (event) => {
  const message = event.data;
  switch (message.kind) {
    case "hello":
      if (message.ring) {
        const ring = new OutputRingWriter(message.ring);
        // The page drains the ring before it reads any later message: nothing to flush.
        output = { write: (text) => ring.write(text), flush: () => undefined };
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
