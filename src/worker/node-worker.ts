// Entry of the Node worker_threads worker (bundled to dist/lib/node-pyodide-worker.js).
// Pyodide finds its own files in node_modules/pyodide.
//
// Run as a program, it writes the memory snapshot the worker boots from:
//   node dist/lib/node-pyodide-worker.js --make-snapshot
// A cold start restores it in a fraction of Pyodide's own start-up. The
// snapshot is tied to the Pyodide version and the runtime source; when the
// key file beside it does not match them, the worker boots without it.
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import * as Comlink from "comlink";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { isMainThread, parentPort } from "node:worker_threads";
import { version as pyodideVersion } from "pyodide";
import { createPyodideHost, makeRuntimeSnapshot } from "./pyodide-host.js";

// dist/lib/ and src/worker/ are both two levels below the package root.
const runtimeFile = new URL("../../py/polyglot_runtime.py", import.meta.url);
const snapshotFile = new URL("./pyodide.snapshot", import.meta.url);
const snapshotKeyFile = new URL("./pyodide.snapshot.key", import.meta.url);

/** Bump when what a snapshot holds changes (see makeRuntimeSnapshot). */
const SNAPSHOT_FORMAT = 1;

function snapshotKey(runtimeSource: string): string {
  const runtime = createHash("sha256").update(runtimeSource).digest("hex");
  return `format ${SNAPSHOT_FORMAT} pyodide ${pyodideVersion} runtime ${runtime}\n`;
}

async function matchingSnapshot(runtimeSource: string): Promise<Uint8Array | undefined> {
  try {
    if ((await readFile(snapshotKeyFile, "utf8")) !== snapshotKey(runtimeSource)) return undefined;
    return await readFile(snapshotFile);
  } catch {
    return undefined; // no snapshot: boot the slow way
  }
}

/** Write the snapshot unless the one there already matches (builds run this every time). */
async function writeSnapshot(): Promise<void> {
  const source = await readFile(runtimeFile, "utf8");
  if ((await matchingSnapshot(source)) !== undefined) {
    console.log(`${snapshotFile.pathname} is up to date`);
    return;
  }
  const snapshot = await makeRuntimeSnapshot(source);
  await writeFile(snapshotFile, snapshot);
  await writeFile(snapshotKeyFile, snapshotKey(source));
  console.log(`wrote ${snapshotFile.pathname} (${(snapshot.length / 2 ** 20).toFixed(1)} MiB)`);
}

if (parentPort) {
  Comlink.expose(
    createPyodideHost({
      runtimeSource: () => readFile(runtimeFile, "utf8"),
      snapshot: matchingSnapshot,
      mountHostFolder: (pyodide, folder) => pyodide.mountNodeFS(folder, folder),
    }),
    nodeEndpoint(parentPort),
  );
} else if (isMainThread && process.argv[2] === "--make-snapshot") {
  await writeSnapshot();
} else {
  throw new Error("node-pyodide-worker.js runs in a worker thread, or as a program with --make-snapshot");
}
