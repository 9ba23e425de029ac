// The playground's dev server and static build. Pyodide hosting (cross-origin isolation,
// Pyodide's files served from our own origin in dev and copied into the build,
// coi-serviceworker for static hosts) comes from the package's own Vite plugin,
// src/vite/ ("polyglot-lisp/vite"), so that plugin has a real user here.
import { defineConfig } from "vite";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { polyglot } from "./src/vite/index.js";

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // Relative, so the built site works from any static path.
  base: "./",
  plugins: [polyglot()],
  server: {
    // The e2e server sets this: a page reloaded mid-test by someone's edit is a flaky test.
    hmr: process.env.POLYGLOT_NO_HMR ? false : undefined,
  },
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
