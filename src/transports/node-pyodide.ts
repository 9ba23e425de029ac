// Pyodide in a Node worker_threads worker: the CLI's default runtime, needing
// nothing but Node. The worker runs dist/lib/node-pyodide-worker.js (built
// from src/worker/node-worker.ts by scripts/build-lib.mjs).
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import * as Comlink from "comlink";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BridgeClosedError, BridgeError } from "../protocol/errors.js";
import type { LoadProgress, PyodideHostApi } from "../protocol/host-api.js";
import { PyodideTransport, type PlatformHostOptions, type SpawnedWorker } from "./pyodide-transport.js";
import { setRef } from "./keep-alive.js";

export interface NodePyodideOptions {
  /** Folder for "./tools.py" modules and relative paths; mounted into Pyodide. Default: the current folder. */
  baseDir?: string;
  onProgress?(progress: LoadProgress): void;
  /** A folder of *.whl (and optional pyodide-lock.json) that imports install from (docs/packages.md). */
  packages?: string;
}

/**
 * Comlink serves a function passed to the worker (the load-progress callback) on a MessagePort
 * of its own, which in Node is ref'd for good and so kept an idle bridge's process alive. The
 * same handler, with that port unref'd: calls in flight are held by the Worker itself (keep-alive.ts).
 */
function unrefProxyPorts(): void {
  const proxy = Comlink.transferHandlers.get("proxy");
  if (proxy === undefined || (proxy as { unrefsPorts?: boolean }).unrefsPorts) return;
  const handler: Comlink.TransferHandler<object, MessagePort> & { unrefsPorts: true } = {
    unrefsPorts: true,
    canHandle: (value): value is object => proxy.canHandle(value),
    serialize(value) {
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(value, port1);
      setRef([port1], false);
      return [port2, [port2]];
    },
    deserialize: (port) => proxy.deserialize(port) as object,
  };
  Comlink.transferHandlers.set("proxy", handler);
}
unrefProxyPorts();

export class NodePyodideTransport extends PyodideTransport {
  readonly name = "pyodide-node";
  private readonly baseDir: string;
  private readonly packageFolder: string | undefined;

  constructor(options: NodePyodideOptions = {}) {
    super(options.onProgress && ((progress) => options.onProgress?.(progress)));
    this.baseDir = resolve(options.baseDir ?? process.cwd());
    this.packageFolder = options.packages === undefined ? undefined : resolve(options.packages);
  }

  /** @internal */
  protected spawn(onFailure: (error: Error) => void): SpawnedWorker {
    const worker = new Worker(workerFile());
    worker.on("error", (error) => onFailure(new BridgeClosedError(`${this.name}: worker failed: ${error.message}`)));
    worker.on("exit", (code) => onFailure(new BridgeClosedError(`${this.name}: worker exited with code ${code}`)));
    return {
      host: Comlink.wrap<PyodideHostApi>(nodeEndpoint(worker)),
      terminate: () => worker.terminate(),
      handles: [worker],
    };
  }

  /** @internal */
  protected platformOptions(): PlatformHostOptions {
    // Named outright: Pyodide's guess from its own stack goes wrong under tsx and --enable-source-maps.
    return { baseDir: this.baseDir, packageFolder: this.packageFolder, indexURL: dirname(createRequire(import.meta.url).resolve("pyodide")) + "/" };
  }
}

/** Beside the bundle (dist/lib); when running from src/ (tests), the built copy in dist/lib. */
function workerFile(): URL {
  const besideUs = new URL("./node-pyodide-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(besideUs))) return besideUs;
  const built = new URL("../../dist/lib/node-pyodide-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new BridgeError("node-pyodide-worker.js is missing: build it with `npm run build:lib`");
}
