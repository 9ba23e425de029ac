// What the page and a program worker say to each other over the worker's own
// channel. Bridge envelopes travel as JSON text inside these messages, so the
// page can forward them to Python without re-encoding them.
import type { Picture } from "../pictures/picture.js";
import type { ProgramError } from "../runner/program-error.js";
import type { OutputRingBuffers } from "./output-ring.js";

/** Page → program worker. */
export type ToProgramWorker =
  /** Python is ready: how callbacks are supported on the page's transport. */
  | { kind: "hello"; callbacks: { supported: boolean; reason?: string }; ring?: OutputRingBuffers }
  /** Compile and run this program. */
  | { kind: "run"; source: string; filename: string }
  /** The reply (JSON text) to a request the worker's bridge sent. */
  | { kind: "reply"; text: string }
  /** Python called a JS function of this worker (a call_js envelope, JSON text). */
  | { kind: "call"; text: string }
  /** Python notices for this worker: release_js with the worker's own ids (JSON text). */
  | { kind: "notice"; text: string }
  /** Python exited; every pending request fails with this message. */
  | { kind: "exit"; message: string }
  /** The answer to an "input": the line, or null at end of input. */
  | { kind: "line"; id: number; text: string | null };

/** Program worker → page. */
export type FromProgramWorker =
  /** A bridge request envelope (JSON text), ids the worker's own. */
  | { kind: "request"; text: string }
  /** The worker's answer to a "call" (a Reply envelope, JSON text). */
  | { kind: "answer"; text: string }
  /** Interrupt Python, if it is busy for this worker. */
  | { kind: "interrupt" }
  /** `(read-line prompt)`: ask in the output pane; the page answers with "line". */
  | { kind: "input"; id: number; prompt: string }
  /** Output the program wrote, batched: consecutive pieces of one stream joined. */
  | { kind: "output"; text: string }
  /**
   * The program's `show`, after the output written before it (a canvas's bitmap is transferred).
   * `mark`: where that output ends in the shared ring, when there is one (see output-ring.ts).
   */
  | { kind: "picture"; picture: Picture; mark?: number }
  /** The run ended. `value` is the readable text of the program's value, when there is one. */
  | { kind: "done"; ok: true; value?: string }
  | { kind: "done"; ok: false; error: ProgramError };
