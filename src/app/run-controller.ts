// One run at a time: sync the Python files, then hand the program to a program
// worker of its own (the spare, started ahead), stream what it writes into the
// output, and show its value or error. Stop terminates that worker at once,
// whatever it is doing, and lets the hub wake and interrupt Python for it; if
// Python has not answered 2 s later, the output says so and offers a restart.
// Python's input() and the program's (read-line) ask in the output; Stop cancels the wait.
import { InterruptedError, untilAborted, type ProgramError } from "../runner/index.js";
import { InputCancelledError } from "../protocol/errors.js";
import type { OutputPane } from "./output.js";
import { ProgramRun, startProgramWorker, type RunOutcome } from "./program-run.js";
import type { PythonHub } from "./python-hub.js";
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
  /** The user asked (from the output) for a fresh Python. */
  restartPython(): void;
}

/** How long Python may take to answer an interrupt before the output says it did not stop. */
export const STOP_GRACE_MS = 2000;

export class RunController {
  private controller: AbortController | undefined;
  /** Who must interrupt Python on Stop: us while syncing files, the program worker's run afterwards. */
  private phase: "waiting" | "syncing" | "running" = "waiting";
  private current: ProgramRun | undefined;
  /** A stopped run Python may still be busy with. */
  private stopping: Promise<void> | undefined;
  private spare: Worker | undefined;

  constructor(private readonly options: RunControllerOptions) {
    this.spare = startProgramWorker();
  }

  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Stop the current run: end its worker and interrupt Python if it works for the run. */
  stop(): void {
    if (!this.controller) return;
    // A field waiting for a line becomes text before "Stopped." is written.
    this.options.output.cancelAsks();
    // Interrupt only Python that is busy for us: a stray interrupt would hit the next run.
    if (this.phase === "syncing") this.options.session.interrupt();
    const run = this.current;
    this.current = undefined;
    if (run) this.watchStop(run);
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
      const lost = session.lost;
      if (lost !== undefined) output.appendLine(`Starting a fresh Python (the last one stopped: ${lost}); its state is cleared.`, "info");
      const { bridge, hub } = await untilAborted(session.connect(), controller.signal);
      if (this.stopping) {
        output.appendAction(
          "Waiting for Python to finish the stopped run (it has not answered the interrupt)…",
          "Restart Python",
          () => this.options.restartPython(),
        );
        await untilAborted(this.stopping, controller.signal);
      }
      this.options.onRunning(true, "Running…");
      this.phase = "syncing";
      await untilAborted(files.sync(bridge, request.pythonFiles), controller.signal);
      this.phase = "running";
      // Python's own output comes to the page directly; the program's through its worker.
      const unsubscribe = [
        bridge.on("stdout", (text: string) => this.controller === controller && output.append(text, "stdout")),
        bridge.on("stderr", (text: string) => this.controller === controller && output.append(text, "stderr")),
        bridge.on("display", (picture) => this.controller === controller && output.appendPicture(picture)),
      ];
      try {
        const outcome = await untilAborted(this.startRun(hub, request, controller), controller.signal);
        if (outcome.ok) {
          if (outcome.value !== undefined) output.appendLine(`⇒ ${outcome.value}`, "value");
        } else {
          failed = true;
          output.appendLine(outcome.error.text, "error"); // with the source line and a caret
          this.options.onError(outcome.error);
        }
      } finally {
        for (const stop of unsubscribe) stop();
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
      output.cancelAsks(); // a (read-line) the program never awaited
      if (this.controller === controller) this.controller = undefined;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const summary = controller.signal.aborted ? "Stopped" : failed ? `Failed after ${seconds} s` : `Finished in ${seconds} s`;
      this.options.onRunning(false, summary);
    }
  }

  /** Python was restarted: nothing waits for the old one any more. */
  forgetStoppedRun(): void {
    this.stopping = undefined;
  }

  private startRun(hub: PythonHub, request: RunRequest, controller: AbortController): Promise<RunOutcome> {
    const worker = this.spare ?? startProgramWorker();
    // The next Run starts at once: its worker is already loaded.
    this.spare = startProgramWorker();
    return new Promise<RunOutcome>((resolve) => {
      const run = new ProgramRun(worker, hub, {
        output: (text) => {
          if (this.controller === controller) this.options.output.append(text, "stdout");
        },
        picture: (picture) => {
          if (this.controller === controller) this.options.output.appendPicture(picture);
        },
        input: (prompt) =>
          this.controller === controller ? this.options.output.ask(prompt) : Promise.reject(new InputCancelledError("the run has ended")),
        done: (outcome) => {
          if (this.current === run) this.current = undefined;
          resolve(outcome);
        },
      });
      this.current = run;
      run.start(request.source, request.filename);
    });
  }

  /** After Stop: say so when Python does not let go of the run within STOP_GRACE_MS. */
  private watchStop(run: ProgramRun): void {
    const busy = run.pythonBusy;
    const done = run.stop();
    if (!busy) return;
    const stopping = done.finally(() => {
      if (this.stopping === stopping) this.stopping = undefined;
    });
    this.stopping = stopping;
    let answered = false;
    void done.then(() => (answered = true));
    setTimeout(() => {
      if (answered || this.stopping !== stopping) return;
      this.options.output.appendAction(
        `Python has not stopped ${STOP_GRACE_MS / 1000} s after the interrupt (it may be catching KeyboardInterrupt). The next run waits for it.`,
        "Restart Python",
        () => this.options.restartPython(),
      );
    }, STOP_GRACE_MS);
  }
}
