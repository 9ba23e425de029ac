// "polyglot-lisp/vite": hosts Pyodide for a page that uses "polyglot-lisp/browser".
//
// Pyodide needs SharedArrayBuffer (callbacks and interrupts), so dev and preview responses are
// sent cross-origin isolated. Pyodide's own files are served from the installed pyodide package
// in dev and copied into the build, so nothing is ever fetched from a CDN; coi-serviceworker is
// copied too and gives the same isolation on static hosts that cannot set headers.
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import type { Plugin, UserConfig } from "vite";

export interface PolyglotPluginOptions {
  /** Folder under the site's base where Pyodide's files go. Default "pyodide" (what PyodideWorkerTransport expects). */
  pyodidePath?: string;
  /** Also serve and copy coi-serviceworker.min.js (for static hosts). Default true. */
  coiServiceWorker?: boolean;
}

export const isolationHeaders: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const contentTypes: Readonly<Record<string, string>> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
  ".map": "application/json",
  ".whl": "application/zip",
};

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

// Resolved from this file, so a consumer gets the Pyodide its install of polyglot-lisp uses.
const requireHere = createRequire(import.meta.url);

function pyodideFolder(): string {
  return dirname(requireHere.resolve("pyodide"));
}

function coiScriptFile(): string {
  return join(dirname(requireHere.resolve("coi-serviceworker/package.json")), "coi-serviceworker.min.js");
}

/** The Pyodide runtime files a browser needs (no docs, typings or demo pages). */
export function pyodideRuntimeFiles(folder: string = pyodideFolder()): string[] {
  return readdirSync(folder).filter((name) => {
    if (!statSync(join(folder, name)).isFile()) return false;
    if (name.endsWith(".d.ts") || name.endsWith(".html") || name.endsWith(".md")) return false;
    return name !== "package.json";
  });
}

function sendFile(res: ServerResponse, path: string): void {
  res.setHeader("Content-Type", contentTypes[extname(path)] ?? "application/octet-stream");
  res.setHeader("Content-Length", String(statSync(path).size));
  res.setHeader("Cache-Control", "no-cache");
  createReadStream(path).pipe(res);
}

/** Sets the isolation headers on every response, including Vite's own. */
const isolate: Middleware = (_req, res, next) => {
  for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
  next();
};

/** Serves `<base><pyodidePath>/*` from the pyodide package and `<base>coi-serviceworker.min.js`. */
function serveRuntimeFiles(base: string, pyodidePath: string, coi: boolean): Middleware {
  const folder = pyodideFolder();
  const runtimeFiles = new Set(pyodideRuntimeFiles(folder));
  const prefix = `${base}${pyodidePath}/`;
  return (req, res, next) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (coi && path === `${base}coi-serviceworker.min.js`) return sendFile(res, coiScriptFile());
    if (!path.startsWith(prefix)) return next();
    const name = normalize(path.slice(prefix.length));
    if (name.includes(sep) || !runtimeFiles.has(name)) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    sendFile(res, join(folder, name));
  };
}

/** Dev: serve Pyodide (and coi-serviceworker) with isolation headers; build: copy them; preview: headers. */
export function polyglot(options: PolyglotPluginOptions = {}): Plugin {
  const pyodidePath = (options.pyodidePath ?? "pyodide").replace(/^\/+|\/+$/g, "");
  const coi = options.coiServiceWorker ?? true;
  let base = "/";
  return {
    name: "polyglot-lisp",
    config(): UserConfig {
      return {
        // Pyodide loads its own files from indexURL, and the browser entry ships its worker as
        // `new URL("./worker.js", import.meta.url)`: pre-bundling would break both.
        optimizeDeps: { exclude: ["pyodide", "polyglot-lisp"] },
        worker: { format: "es" },
        server: { headers: { ...isolationHeaders } },
        preview: { headers: { ...isolationHeaders } },
      };
    },
    configResolved(config) {
      // In dev a relative base is served from the root.
      base = config.base.startsWith("/") ? config.base : "/";
    },
    configureServer(server) {
      server.middlewares.use(isolate);
      server.middlewares.use(serveRuntimeFiles(base, pyodidePath, coi));
    },
    configurePreviewServer(server) {
      server.middlewares.use(isolate);
    },
    generateBundle() {
      const folder = pyodideFolder();
      for (const name of pyodideRuntimeFiles(folder)) {
        this.emitFile({ type: "asset", fileName: `${pyodidePath}/${name}`, source: readFileSync(join(folder, name)) });
      }
      if (coi) this.emitFile({ type: "asset", fileName: "coi-serviceworker.min.js", source: readFileSync(coiScriptFile()) });
    },
  };
}

export default polyglot;
