// "polyglot-lisp/vite": hosts Pyodide for a page that uses "polyglot-lisp/browser".
//
// Pyodide needs SharedArrayBuffer (callbacks and interrupts), so dev and preview responses are
// sent cross-origin isolated. Pyodide's own files are served from the installed pyodide package
// in dev and copied into the build, so nothing is ever fetched from a CDN. The build also gets
// polyglot-sw.js, a service worker that keeps the deployment for offline visits and gives the
// same isolation on static hosts that cannot set headers (src/service-worker/offline-site.ts).
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import type { Plugin, UserConfig } from "vite";
import { readPackageFolder } from "../packages/package-folder.js";
import { serviceWorkerScript } from "../service-worker/offline-site.js";

export interface PolyglotPluginOptions {
  /** Folder under the site's base where Pyodide's files go. Default "pyodide" (what PyodideWorkerTransport expects). */
  pyodidePath?: string;
  /**
   * Emit `polyglot-sw.js` (load it with `<script src="./polyglot-sw.js">`): the built site works
   * offline after one visit and is cross-origin isolated on any static host. Default true.
   */
  serviceWorker?: boolean;
  /** Also serve and copy coi-serviceworker.min.js (isolation only; polyglot-sw.js does this too). Default false. */
  coiServiceWorker?: boolean;
  /**
   * A folder of *.whl (and optional pyodide-lock.json) served at `<base>packages/` (dev) and copied
   * there (build), so imports in the browser install from it (docs/packages.md). Default: $POLYGLOT_PACKAGES.
   */
  packages?: string;
}

/** Where PyodideWorkerTransport looks for the package folder by default. */
const PACKAGES_PATH = "packages";
const NO_PACKAGES = JSON.stringify({ packages: {} });

/** The served index.json: the folder's index, or an empty one so the page never mistakes a fallback page for it. */
function packageIndexText(folder: string | undefined): string {
  return folder === undefined ? NO_PACKAGES : JSON.stringify(readPackageFolder(folder));
}

/** Serves `<base>packages/index.json` and the folder's wheels (re-read per request: wheels dropped in show up). */
function servePackages(base: string, folder: string | undefined): Middleware {
  const prefix = `${base}${PACKAGES_PATH}/`;
  return (req, res, next) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!path.startsWith(prefix)) return next();
    const name = path.slice(prefix.length);
    if (name === "index.json") {
      let text: string;
      try {
        text = packageIndexText(folder);
      } catch (error) {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : String(error));
        return;
      }
      res.setHeader("Content-Type", "application/json");
      res.setHeader("Cache-Control", "no-cache");
      res.end(text);
      return;
    }
    if (folder === undefined || name.includes("/") || name.includes("\\") || !name.endsWith(".whl") || !existsSync(join(folder, name))) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    sendFile(res, join(folder, name));
  };
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

/** The deployment's files (relative, "/"-separated) and a version: a digest of their names and contents. */
export function deploymentFiles(outDir: string): { files: string[]; version: string } {
  const files: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (`${prefix}${name}` !== SERVICE_WORKER_FILE && !name.endsWith(".map")) files.push(`${prefix}${name}`);
    }
  };
  walk(outDir, "");
  const digest = createHash("sha256");
  for (const file of files) digest.update(`${file}\n`).update(createHash("sha256").update(readFileSync(join(outDir, file))).digest());
  return { files, version: digest.digest("hex").slice(0, 16) };
}

const SERVICE_WORKER_FILE = "polyglot-sw.js";

function writeServiceWorker(outDir: string): void {
  const { files, version } = deploymentFiles(outDir);
  // "./" is what a visitor navigates to; index.html is cached under its own name and served for it.
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), serviceWorkerScript({ version, files, script: SERVICE_WORKER_FILE }));
}

function serveDevServiceWorker(base: string): Middleware {
  const script = serviceWorkerScript({ version: "", files: [], script: SERVICE_WORKER_FILE });
  return (req, res, next) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== `${base}${SERVICE_WORKER_FILE}`) return next();
    res.setHeader("Content-Type", "text/javascript");
    res.setHeader("Cache-Control", "no-cache");
    res.end(script);
  };
}

/** Dev: serve Pyodide (and coi-serviceworker) with isolation headers; build: copy them; preview: headers. */
export function polyglot(options: PolyglotPluginOptions = {}): Plugin {
  const pyodidePath = (options.pyodidePath ?? "pyodide").replace(/^\/+|\/+$/g, "");
  const coi = options.coiServiceWorker ?? false;
  const offline = options.serviceWorker ?? true;
  const packageFolder = options.packages ?? (process.env.POLYGLOT_PACKAGES || undefined);
  let base = "/";
  let outDir = "";
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
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(isolate);
      server.middlewares.use(serveRuntimeFiles(base, pyodidePath, coi));
      server.middlewares.use(servePackages(base, packageFolder));
      // Dev: the same script without caching (modules change under the server), isolation only where needed.
      if (offline) server.middlewares.use(serveDevServiceWorker(base));
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
      // Always an index.json, so the page never mistakes the site's fallback page for one.
      this.emitFile({ type: "asset", fileName: `${PACKAGES_PATH}/index.json`, source: packageIndexText(packageFolder) });
      if (packageFolder !== undefined) {
        for (const name of readdirSync(packageFolder).filter((file) => file.endsWith(".whl"))) {
          this.emitFile({ type: "asset", fileName: `${PACKAGES_PATH}/${name}`, source: readFileSync(join(packageFolder, name)) });
        }
      }
    },
    // After every file is on disk (HTML, workers, public files): the service worker lists them all.
    writeBundle: {
      order: "post",
      handler() {
        if (offline) writeServiceWorker(outDir);
      },
    },
  };
}

export default polyglot;
