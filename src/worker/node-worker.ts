// Entry of the Node worker_threads worker (bundled to dist/lib/node-pyodide-worker.js).
// Pyodide finds its own files in node_modules/pyodide.
//
// The memory snapshot the worker boots from lives in the per-user cache (snapshot-location.ts),
// keyed to the Pyodide version and the runtime package's files. When there is none for the
// current key, the first start makes it (saying so on stderr) and later starts restore it in a
// fraction of Pyodide's own start-up. Run as a program, it makes the snapshot ahead of time:
//   node dist/lib/node-pyodide-worker.js --make-snapshot
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import * as Comlink from "comlink";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { isMainThread, parentPort } from "node:worker_threads";
import { version as pyodideVersion } from "pyodide";
import { createPyodideHost, makeRuntimeSnapshot } from "./pyodide-host.js";
import { byBaseName, type RuntimeFiles } from "./runtime-files.js";
import { snapshotKey } from "./snapshot-key.js";
import { readPackageFile, readPackageFolder } from "../packages/package-folder.js";
import { readCachedSnapshot, snapshotPlace, writeCachedSnapshot } from "./snapshot-location.js";

// dist/lib/ and src/worker/ are both two levels below the package root.
const runtimeFolder = new URL("../../py/polyglot_runtime/", import.meta.url);
/**
 * Pyodide's own folder, found by module resolution. Pyodide can work it out from its stack, but
 * under tsx or --enable-source-maps the stack names mapped sources and that guess goes wrong.
 */
const pyodideIndexURL = dirname(createRequire(import.meta.url).resolve("pyodide")) + "/";

/** The runtime package's .py files (its tests live elsewhere, in py/tests). */
async function readRuntimeFiles(): Promise<RuntimeFiles> {
  const names = (await readdir(runtimeFolder)).filter((name) => name.endsWith(".py")).sort();
  const texts = await Promise.all(names.map((name) => readFile(new URL(name, runtimeFolder), "utf8")));
  return byBaseName(Object.fromEntries(names.map((name, index) => [name, texts[index]!])));
}

async function matchingSnapshot(files: RuntimeFiles): Promise<Uint8Array | undefined> {
  const key = await snapshotKey(files, pyodideVersion);
  return readCachedSnapshot(snapshotPlace(key), key);
}

/** The cached snapshot, made first when there is none for this key. Never fails: no snapshot boots the slow way. */
async function cachedOrNewSnapshot(files: RuntimeFiles): Promise<Uint8Array | undefined> {
  const existing = await matchingSnapshot(files);
  if (existing !== undefined) return existing;
  const key = await snapshotKey(files, pyodideVersion);
  const place = snapshotPlace(key);
  process.stderr.write(`polyglot: preparing Pyodide for fast starts (once per version) in ${place.folder}\n`);
  try {
    const snapshot = await makeRuntimeSnapshot(files, pyodideIndexURL);
    await writeCachedSnapshot(place, key, snapshot);
    return snapshot;
  } catch (error) {
    process.stderr.write(`polyglot: could not keep a Pyodide snapshot (${error instanceof Error ? error.message : String(error)}); starting without one\n`);
    return undefined;
  }
}

/** Write the snapshot unless the one there already matches (builds may run this every time). */
async function writeSnapshot(): Promise<void> {
  const files = await readRuntimeFiles();
  const key = await snapshotKey(files, pyodideVersion);
  const place = snapshotPlace(key);
  if ((await matchingSnapshot(files)) !== undefined) {
    console.log(`${place.snapshot} is up to date`);
    return;
  }
  const snapshot = await makeRuntimeSnapshot(files, pyodideIndexURL);
  await writeCachedSnapshot(place, key, snapshot);
  console.log(`wrote ${place.snapshot} (${(snapshot.length / 2 ** 20).toFixed(1)} MiB)`);
}

if (parentPort) {
  Comlink.expose(
    createPyodideHost({
      runtimeFiles: readRuntimeFiles,
      snapshot: cachedOrNewSnapshot,
      mountHostFolder: (pyodide, folder) => pyodide.mountNodeFS(folder, folder),
      packageSource: async ({ packageFolder: folder }) =>
        folder === undefined ? undefined : { index: readPackageFolder(folder), read: (file) => readPackageFile(folder, file) },
    }),
    nodeEndpoint(parentPort),
  );
} else if (isMainThread && process.argv[2] === "--make-snapshot") {
  await writeSnapshot();
} else {
  throw new Error("node-pyodide-worker.js runs in a worker thread, or as a program with --make-snapshot");
}
