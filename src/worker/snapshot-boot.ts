// Starting Pyodide from a memory snapshot when there is a usable one, and normally otherwise.
// A snapshot that does not restore (corrupt, from another Pyodide build, not holding the runtime)
// costs the time of the attempt, never the session: the host then boots normally and, where the
// platform keeps snapshots itself (the browser), makes a new one to replace the bad one.
import { loadPyodide, type PyodideAPI } from "pyodide";
import { reseedRandom } from "./reseed.js";
import { RUNTIME_PACKAGE, type RuntimeFiles } from "./runtime-files.js";

/** How a start went, for the platform to log (the browser worker prints one console line). */
export interface BootReport {
  from: "snapshot" | "fresh";
  /** loadPyodide() until the runtime was installed and Python reseeded, in ms. */
  ms: number;
  /** Why a snapshot that was offered did not restore. */
  refused?: string;
  /** A snapshot made on this start and handed to keepSnapshot. */
  made?: { bytes: number; ms: number };
  /** Why no snapshot could be made on this start. */
  notMade?: string;
}

export interface SnapshotHooks {
  /** A snapshot made from these very runtime files, if one exists. */
  snapshot?(runtimeFiles: RuntimeFiles): Promise<Uint8Array | undefined>;
  /**
   * When set, a start without a usable snapshot makes one right after the runtime is imported
   * (Pyodide then loads with `_makeSnapshot`, which only records which JS globals Python touches)
   * and hands it over to be kept for the next start.
   */
  keepSnapshot?(runtimeFiles: RuntimeFiles, snapshot: Uint8Array): Promise<void>;
  reportBoot?(report: BootReport): void;
}

export interface BootedPyodide {
  pyodide: PyodideAPI;
  /**
   * Call once the runtime package is imported and before any JS object is handed to Python (a
   * snapshot cannot hold one): makes and hands over the snapshot if this start needs one, then
   * reseeds `random` (see reseed.ts).
   */
  runtimeInstalled(): void;
}

export async function bootPyodide(hooks: SnapshotHooks, files: RuntimeFiles, indexURL: string | undefined): Promise<BootedPyodide> {
  const base = indexURL === undefined ? {} : { indexURL };
  const started = performance.now();
  const offered = await hooks.snapshot?.(files);
  let refused: string | undefined;
  if (offered !== undefined) {
    try {
      const pyodide = await loadPyodide({ ...base, _loadSnapshot: offered });
      if (!holdsRuntime(pyodide)) throw new Error(`the snapshot does not hold the ${RUNTIME_PACKAGE} package`);
      return booted(pyodide, { from: "snapshot", started }, hooks, files);
    } catch (error) {
      refused = describe(error);
    }
  }
  const makeSnapshot = hooks.keepSnapshot !== undefined;
  const pyodide = await loadPyodide({ ...base, ...(makeSnapshot ? { _makeSnapshot: true } : {}) });
  return booted(pyodide, { from: "fresh", started, refused, makeSnapshot }, hooks, files);
}

interface Start {
  from: BootReport["from"];
  started: number;
  refused?: string;
  makeSnapshot?: boolean;
}

function booted(pyodide: PyodideAPI, start: Start, hooks: SnapshotHooks, files: RuntimeFiles): BootedPyodide {
  let done = false;
  return {
    pyodide,
    runtimeInstalled() {
      if (done) return;
      done = true;
      const report: BootReport = { from: start.from, ms: 0, ...(start.refused === undefined ? {} : { refused: start.refused }) };
      if (start.makeSnapshot && hooks.keepSnapshot) {
        const making = performance.now();
        try {
          const snapshot = pyodide.makeMemorySnapshot();
          report.made = { bytes: snapshot.byteLength, ms: Math.round(performance.now() - making) };
          // Stored in the background: the session does not wait for the disk.
          hooks.keepSnapshot(files, snapshot).catch((error: unknown) => {
            hooks.reportBoot?.({ ...report, made: undefined, notMade: `keeping it failed: ${describe(error)}` });
          });
        } catch (error) {
          report.notMade = describe(error);
        }
      }
      reseedRandom(pyodide);
      report.ms = Math.round(performance.now() - start.started);
      hooks.reportBoot?.(report);
    },
  };
}

/** A restored snapshot that lacks the runtime was made from something else: do not trust it. */
function holdsRuntime(pyodide: PyodideAPI): boolean {
  return pyodide.runPython(`import sys\n${JSON.stringify(RUNTIME_PACKAGE)} in sys.modules`) === true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
