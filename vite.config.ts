// The playground's dev server and static build.
//
// Pyodide needs SharedArrayBuffer (callbacks and interrupts), so every response
// is sent cross-origin isolated. Pyodide's own files are served from
// node_modules in dev and copied into the build, so nothing is ever fetched
// from a CDN; coi-serviceworker provides the same headers on static hosts
// that cannot set them.
import { defineConfig, type Plugin } from "vite";
import { readFileSync, readdirSync, statSync, createReadStream } from "node:fs";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";

const root = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(root, "node_modules", "pyodide");
const coiScript = join(root, "node_modules", "coi-serviceworker", "coi-serviceworker.min.js");

const isolationHeaders: Record<string, string> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const contentTypes: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
  ".map": "application/json",
  ".whl": "application/zip",
};

/** The Pyodide runtime files a browser needs (no docs, typings or demo pages). */
function pyodideRuntimeFiles(): string[] {
  return readdirSync(pyodideDir).filter((name) => {
    const path = join(pyodideDir, name);
    if (!statSync(path).isFile()) return false;
    if (name.endsWith(".d.ts") || name.endsWith(".html") || name.endsWith(".md")) return false;
    return name !== "package.json";
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

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

/** Serves `<base>pyodide/*` from node_modules/pyodide and `<base>coi-serviceworker.min.js` in dev. */
function serveRuntimeFiles(base: string): Middleware {
  const runtimeFiles = new Set(pyodideRuntimeFiles());
  return (req, res, next) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    if (path === `${base}coi-serviceworker.min.js`) return sendFile(res, coiScript);
    const prefix = `${base}pyodide/`;
    if (!path.startsWith(prefix)) return next();
    const name = normalize(path.slice(prefix.length));
    if (name.includes(sep) || !runtimeFiles.has(name)) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    sendFile(res, join(pyodideDir, name));
  };
}

/** Dev: serve Pyodide and coi-serviceworker; build: copy them into the site. */
function pyodideHosting(): Plugin {
  let base = "/";
  return {
    name: "polyglot-pyodide-hosting",
    configResolved(config) {
      // In dev a relative base is served from the root.
      base = config.base.startsWith("/") ? config.base : "/";
    },
    configureServer(server) {
      server.middlewares.use(isolate);
      server.middlewares.use(serveRuntimeFiles(base));
    },
    configurePreviewServer(server) {
      server.middlewares.use(isolate);
    },
    generateBundle() {
      for (const name of pyodideRuntimeFiles()) {
        this.emitFile({ type: "asset", fileName: `pyodide/${name}`, source: readFileSync(join(pyodideDir, name)) });
      }
      this.emitFile({ type: "asset", fileName: "coi-serviceworker.min.js", source: readFileSync(coiScript) });
    },
  };
}

export default defineConfig({
  // Relative, so the built site works from any static path.
  base: "./",
  plugins: [pyodideHosting()],
  server: {
    headers: isolationHeaders,
    // The e2e server sets this: a page reloaded mid-test by someone's edit is a flaky test.
    hmr: process.env.POLYGLOT_NO_HMR ? false : undefined,
  },
  preview: { headers: isolationHeaders },
  optimizeDeps: {
    // Pyodide loads its own files from indexURL; pre-bundling would break that.
    exclude: ["pyodide"],
    // Crawl the worker and the bridge test page too: a dependency found late
    // makes Vite re-bundle and reload every open page.
    entries: ["index.html", "e2e/bridge-page/index.html", "src/worker/browser-worker.ts"],
  },
  worker: { format: "es" },
  build: {
    // dist/lib holds the library bundle (scripts/build-lib.mjs); the site lives beside it.
    outDir: "dist/site",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { index: join(root, "index.html") } },
  },
});
