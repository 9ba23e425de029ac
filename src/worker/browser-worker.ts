// Entry of the browser Web Worker (a module worker bundled by Vite).
/// <reference types="vite/client" />
import * as Comlink from "comlink";
import runtimeText from "../../py/polyglot_runtime.py?raw";
import { watchDownloads } from "./download-progress.js";
import { createPyodideHost } from "./pyodide-host.js";

// Python's messages go out on the worker's own channel, not the MessagePort:
// Chromium does not deliver a MessagePort's messages while the sending worker
// is blocked in Atomics.wait (waiting for a callback's reply), and the page
// must see the call_js request that it is waiting for. Comlink ignores strings.
const postToPage = (text: string) => self.postMessage(text);

Comlink.expose(createPyodideHost({ runtimeSource: async () => runtimeText, watchDownloads, postToPage }));
