// One run at a time: sync the Python files, run the program against the page's
// Python, stream what it writes into the output, then show its value or error.
// Stop aborts the run at once (interrupting Python), so a program that never
// settles cannot keep the playground "running".
import { InterruptedError, runProgram, untilAborted, type ProgramError } from "../runner/index.js";
import { readable } from "../lisp/index.js";
import type { OutputPane } from "./output.js";
import type { PythonSession } from "./python-session.js";
import type { PythonFileSync } from "./python-files.js";
import type { ProjectFile } from "./files.js";

export interface RunRequest {
  filename: string;
  source: string;
  pythonFiles: readonly ProjectFile[];
}

export interface RunControllerOptions {
  output: OutputPane;
  session: PythonSession;
  files: PythonFileSync;
  /** The run started (true) or ended (false). */
  onRunning(running: boolean, detail: string): void;
  /** A run ended with an error (to mark it in the editor), or a new run cleared it (null). */
  onError(error: ProgramError | null): void;
}

export class RunController {
  private controller: AbortController | undefined;
  /** Who must interrupt Python on Stop: us while syncing files, the runner while the program runs. */
  private phase: "waiting" | "syncing" | "running" = "waiting";

  constructor(private readonly options: RunControllerOptions) {}

  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Stop the current run: interrupt Python and end the run now. */
  stop(): void {
    if (!this.controller) return;
    // Interrupt only Python that is busy for us: a stray interrupt would hit the next run.
    if (this.phase === "syncing") this.options.session.interrupt();
    this.controller.abort();
  }

  async run(request: RunRequest): Promise<void> {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    const { output, session, files } = this.options;
    output.clear();
    this.options.onError(null);
    this.options.onRunning(true, "Waiting for Python…");
    const started = performance.now();
    let failed = false;
    try {
      this.phase = "waiting";
      const bridge = await untilAborted(session.ready(), controller.signal);
      this.options.onRunning(true, "Running…");
      this.phase = "syncing";
      await untilAborted(files.sync(bridge, request.pythonFiles), controller.signal);
      this.phase = "running";
      const result = await untilAborted(
        runProgram(request.source, {
          filename: request.filename,
          bridge,
          signal: controller.signal,
          write: (text, stream) => {
            // Output that arrives after Stop belongs to no run.
            if (this.controller === controller) output.append(text, stream);
          },
        }),
        controller.signal,
      );
      if (result.ok) {
        if (result.value !== undefined && result.value !== null) output.appendLine(`⇒ ${readable(result.value)}`, "value");
      } else {
        failed = true;
        output.appendLine(result.error.text, "error"); // with the source line and a caret
        this.options.onError(result.error);
      }
    } catch (error) {
      if (error instanceof InterruptedError) {
        output.appendLine("■ Stopped.", "info");
      } else {
        // Python failed to start, or the file sync failed: not the program's fault, but still shown.
        failed = true;
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        output.appendLine(message, "error");
      }
    } finally {
      if (this.controller === controller) this.controller = undefined;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const summary = controller.signal.aborted ? "Stopped" : failed ? `Failed after ${seconds} s` : `Finished in ${seconds} s`;
      this.options.onRunning(false, summary);
    }
  }
}
