// Behaviour cases that do not apply to a program worker, each with the reason. Both are covered
// on this path by playground specs instead.
export const NOT_ON_THIS_PATH: Readonly<Record<string, string>> = {
  // A run's Python output goes to the page (which owns the Pyodide worker and the output pane),
  // not to the run's bridge; e2e/playground.spec.ts checks it streams there, in order.
  "forwards Python's stdout and stderr before the reply":
    "Python's output goes to the page's pane, not to the run's bridge (e2e/playground.spec.ts: output streams)",
  // A run cannot kill the page's Python (Restart Python can); e2e/fault-recovery.spec.ts covers
  // a dying Python rejecting a run's pending calls and the next Run starting a fresh one.
  "rejects pending calls within 1 s when the runtime dies, then restarts":
    "a run cannot kill the page's Python (e2e/fault-recovery.spec.ts covers Python dying under a run)",
};
