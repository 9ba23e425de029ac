// Pyodide in a browser Web Worker (the playground's runtime). Callbacks and
// interrupts need SharedArrayBuffer, so the page must be cross-origin
// isolated; without it `callbacks.supported` is false and the rest works.
/// <reference types="vite/client" />
import * as Comlink from "comlink";
import { BridgeClosedError } from "../protocol/errors.js";
import type { LoadProgress, PyodideHostApi } from "../protocol/host-api.js";
import { PyodideTransport, type PlatformHostOptions, type SpawnedWorker } from "./pyodide-transport.js";

export interface PyodideWorkerOptions {
  /** Where Pyodide's files are served. Default: `<Vite BASE_URL>pyodide/` relative to the page. */
  indexURL?: string;
  onProgress?(progress: LoadProgress): void;
  /** Where the site serves its package folder (index.json and wheels). Default: `<Vite BASE_URL>packages/`. */
  packageBaseURL?: string;
  /** Creates the worker. Default: src/worker/browser-worker.ts as a module worker, bundled by Vite. */
  worker?: () => Worker;
}

export class PyodideWorkerTransport extends PyodideTransport {
  readonly name = "pyodide-worker";

  constructor(private readonly options: PyodideWorkerOptions = {}) {
    super(options.onProgress && ((progress) => options.onProgress?.(progress)));
  }

  /** @internal */
  protected spawn(onFailure: (error: Error) => void, onText: (text: string) => void): SpawnedWorker {
    const worker =
      this.options.worker?.() ??
      new Worker(new URL("../worker/browser-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("error", (event) => {
      const why = event instanceof ErrorEvent && event.message ? event.message : "the worker script failed to load";
      onFailure(new BridgeClosedError(`${this.name}: worker failed: ${why}`));
    });
    // Python's messages come on the worker's own channel (see browser-worker.ts); comlink's are objects.
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (typeof event.data === "string") onText(event.data);
    });
    worker.addEventListener("messageerror", () =>
      onFailure(new BridgeClosedError(`${this.name}: a message could not be decoded`)),
    );
    return { host: Comlink.wrap<PyodideHostApi>(worker), terminate: () => worker.terminate() };
  }

  /** @internal */
  protected platformOptions(): PlatformHostOptions {
    const base = import.meta.env?.BASE_URL ?? "/";
    return {
      indexURL: this.options.indexURL ?? new URL(`${base}pyodide/`, document.baseURI).href,
      packageBaseURL: this.options.packageBaseURL ?? new URL(`${base}packages/`, document.baseURI).href,
    };
  }
}
