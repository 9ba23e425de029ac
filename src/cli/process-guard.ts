// How the CLI process ends when something outside the program ends it: a signal ends the
// Python child first (nothing is left orphaned), and a closed stdout pipe (`| head -1`)
// ends it quietly with exit 0, as other Unix tools do.
import { constants } from "node:os";

/** What can be ended at once: the bridges the CLI created (see runtimes.ts). */
export interface Killable {
  kill(): void;
}

const live = new Set<Killable>();

/** Track a runtime so that a signal or a closed pipe ends it too. Returns the untrack function. */
export function track(runtime: Killable): () => void {
  live.add(runtime);
  return () => live.delete(runtime);
}

function killAll(): void {
  for (const runtime of live) {
    try {
      runtime.kill();
    } catch {
      // Already gone: nothing left to end.
    }
  }
  live.clear();
}

/** Exit at once after ending every tracked runtime; the shell's convention is 128 + signal number. */
export function endNow(code: number): never {
  killAll();
  process.exit(code);
}

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** SIGTERM and SIGHUP end the process and its Python; EPIPE on stdout ends it with 0. */
export function guardProcess(): void {
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => endNow(signalExitCode(signal)));
  }
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") endNow(0);
    throw error;
  });
}

/**
 * Ctrl-C while a program runs: the first one asks the program to stop (`interrupt`),
 * a second one ends the process and its Python, for a Python that will not stop.
 * Returns the function that removes the handler.
 */
export function interruptTwice(interrupt: () => void): () => void {
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) endNow(signalExitCode("SIGINT"));
    interrupted = true;
    process.stderr.write("polyglot: interrupting (Ctrl-C again to end at once)\n");
    interrupt();
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}
