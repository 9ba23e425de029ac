// Entry of the Node worker_threads worker (bundled to dist/lib/node-pyodide-worker.js).
// Pyodide finds its own files in node_modules/pyodide.
//
// Run as a program, it writes the memory snapshot the worker boots from:
//   node dist/lib/node-pyodide-worker.js --make-snapshot
// A cold start restores it in a fraction of Pyodide's own start-up. The
// snapshot is tied to the Pyodide version and the runtime package's files; when the
// key file beside it does not match them, the worker boots without it.
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import * as Comlink from "comlink";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { isMainThread, parentPort } from "node:worker_threads";
import { version as pyodideVersion } from "pyodide";
import { createPyodideHost, makeRuntimeSnapshot } from "./pyodide-host.js";
import { byBaseName, runtimeFingerprintText, type RuntimeFiles } from "./runtime-files.js";

// dist/lib/ and src/worker/ are both two levels below the package root.
const runtimeFolder = new URL("../../py/polyglot_runtime/", import.meta.url);
const snapshotFile = new URL("./pyodide.snapshot", import.meta.url);
const snapshotKeyFile = new URL("./pyodide.snapshot.key", import.meta.url);

/** Bump when what a snapshot holds changes (see makeRuntimeSnapshot). */
const SNAPSHOT_FORMAT = 2;

/** The runtime package's .py files (its tests live elsewhere, in py/tests). */
async function readRuntimeFiles(): Promise<RuntimeFiles> {
  const names = (await readdir(runtimeFolder)).filter((name) => name.endsWith(".py")).sort();
  const texts = await Promise.all(names.map((name) => readFile(new URL(name, runtimeFolder), "utf8")));
  return byBaseName(Object.fromEntries(names.map((name, index) => [name, texts[index]!])));
}

/** Covers every file of the package: a change to any one of them makes the snapshot stale. */
function snapshotKey(files: RuntimeFiles): string {
  const runtime = createHash("sha256").update(runtimeFingerprintText(files)).digest("hex");
  return `format ${SNAPSHOT_FORMAT} pyodide ${pyodideVersion} runtime ${runtime}\n`;
}

async function matchingSnapshot(files: RuntimeFiles): Promise<Uint8Array | undefined> {
  try {
    if ((await readFile(snapshotKeyFile, "utf8")) !== snapshotKey(files)) return undefined;
    return await readFile(snapshotFile);
  } catch {
    return undefined; // no snapshot: boot the slow way
  }
}

/** Write the snapshot unless the one there already matches (builds run this every time). */
async function writeSnapshot(): Promise<void> {
  const files = await readRuntimeFiles();
  if ((await matchingSnapshot(files)) !== undefined) {
    console.log(`${snapshotFile.pathname} is up to date`);
    return;
  }
  const snapshot = await makeRuntimeSnapshot(files);
  await writeFile(snapshotFile, snapshot);
  await writeFile(snapshotKeyFile, snapshotKey(files));
  console.log(`wrote ${snapshotFile.pathname} (${(snapshot.length / 2 ** 20).toFixed(1)} MiB)`);
}

if (parentPort) {
  Comlink.expose(
    createPyodideHost({
      runtimeFiles: readRuntimeFiles,
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
