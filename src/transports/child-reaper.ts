// Child processes end with their host: on exit, SIGTERM and SIGHUP, every live runtime
// child is killed. Without this, a node process ended by a signal leaves its Python
// child re-parented and running (the runtime's own watchdog is the second line).
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let installed = false;

/** Kill `child` when this process ends; call the returned function once the child has exited. */
export function reapOnHostExit(child: ChildProcess): () => void {
  install();
  live.add(child);
  return () => void live.delete(child);
}

function killAll(): void {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  live.clear();
}

// SIGINT is left alone: the CLI turns Ctrl-C into an interrupt of the running call.
const ENDING_SIGNALS = ["SIGTERM", "SIGHUP"] as const;

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killAll);
  for (const signal of ENDING_SIGNALS) {
    const onSignal = (): void => {
      killAll();
      // Listening replaced Node's default (ending the process): when nobody else handles
      // the signal, end as the default would have, by the same signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}
