// Entry of the browser Web Worker (a module worker bundled by Vite).
/// <reference types="vite/client" />
import * as Comlink from "comlink";
import { watchDownloads } from "./download-progress.js";
import { createPyodideHost } from "./pyodide-host.js";
import { byBaseName } from "./runtime-files.js";
import { readStoredSnapshot, storeSnapshot } from "./browser-snapshot-store.js";
import { logBoot } from "./boot-log.js";
import { fetchPackageSource } from "./served-packages.js";

// Every file of the runtime package, bundled as text.
const runtimeFiles = byBaseName(
  import.meta.glob<string>("../../py/polyglot_runtime/*.py", { query: "?raw", import: "default", eager: true }),
);

// Python's messages go out on the worker's own channel, not the MessagePort:
// Chromium does not deliver a MessagePort's messages while the sending worker
// is blocked in Atomics.wait (waiting for a callback's reply), and the page
// must see the call_js request that it is waiting for. Comlink ignores strings.
const postToPage = (text: string) => self.postMessage(text);

Comlink.expose(
  createPyodideHost({
    runtimeFiles: async () => runtimeFiles,
    watchDownloads,
    postToPage,
    // Made on the first visit, restored on the next ones (see browser-snapshot-store.ts).
    snapshot: (files) => readStoredSnapshot(files, { discarded: (why) => console.warn(`polyglot: stored Pyodide snapshot discarded: ${why}`) }),
    keepSnapshot: storeSnapshot,
    reportBoot: logBoot,
    packageSource: async ({ packageBaseURL }) => (packageBaseURL === undefined ? undefined : fetchPackageSource(packageBaseURL)),
  }),
);
