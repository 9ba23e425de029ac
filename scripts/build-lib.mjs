// Bundles the library into dist/ with esbuild:
//   dist/lib/      Node: the library, the CLI, the attach helper, the Vite plugin, the Pyodide worker
//   dist/browser/  web pages: the browser entry and its worker, for the consumer's bundler
// then (unless --no-snapshot) makes the Pyodide memory snapshot the Node worker boots from, in
// the per-user cache (src/worker/snapshot-location.ts). An installed package makes that snapshot
// on its first start instead, so nothing here runs on a user's install.
//   --types        also emit the .d.ts files package.json points at (dist/types)
//   --no-snapshot  skip the snapshot (npm pack: the tarball ships no snapshot)
//   --clean        empty dist/lib, dist/browser and dist/types first (npm pack)
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nodeEntries = {
  index: "src/index.ts",
  "lisp/index": "src/lisp/index.ts",
  "lisp/prelude": "src/lisp/prelude.ts",
  attach: "src/attach/index.ts",
  vite: "src/vite/index.ts",
  cli: "src/cli/main.ts",
  "node-pyodide-worker": "src/worker/node-worker.ts",
};
const present = (entries) => Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(join(root, file))));

// Source maps would point at src/, which is not shipped: none, rather than maps that lead nowhere.
const shared = { absWorkingDir: root, bundle: true, format: "esm", sourcemap: false, logLevel: "warning", legalComments: "none" };

// `--clean` (npm pack): old outputs (maps from earlier builds, renamed chunks) must not linger into
// the tarball. Not by default: other test runs may be using dist/lib while this one rebuilds it.
if (process.argv.includes("--clean")) {
  for (const folder of ["dist/lib", "dist/browser", "dist/types"]) rmSync(join(root, folder), { recursive: true, force: true });
}

await build({
  ...shared,
  entryPoints: present(nodeEntries),
  outdir: "dist/lib",
  splitting: true,
  platform: "node",
  target: "node20",
  chunkNames: "[name]-[hash]",
  // Runtime dependencies stay external: they are installed beside us.
  packages: "external",
});

/**
 * The browser worker gathers the runtime's .py files with Vite's import.meta.glob; a shipped
 * worker carries them inline instead, and the transport names the shipped worker file.
 */
const browserSources = {
  name: "polyglot-browser-sources",
  setup(build) {
    build.onLoad({ filter: /src[\\/]worker[\\/]browser-worker\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const glob = /import\.meta\.glob<string>\(\s*"\.\.\/\.\.\/py\/polyglot_runtime\/\*\.py"[^)]*\)/;
      if (!glob.test(text)) throw new Error(`${args.path}: the runtime files' import.meta.glob call changed; update build-lib.mjs`);
      const folder = join(root, "py/polyglot_runtime");
      const files = Object.fromEntries(
        readdirPy(folder).map((name) => [`../../py/polyglot_runtime/${name}`, readFileSync(join(folder, name), "utf8")]),
      );
      return { contents: text.replace(glob, JSON.stringify(files)), loader: "ts" };
    });
    build.onLoad({ filter: /src[\\/]transports[\\/]pyodide-worker\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const url = 'new URL("../worker/browser-worker.ts", import.meta.url)';
      if (!text.includes(url)) throw new Error(`${args.path}: the worker URL changed; update build-lib.mjs`);
      return { contents: text.replace(url, 'new URL("./worker.js", import.meta.url)'), loader: "ts" };
    });
  },
};

function readdirPy(folder) {
  return readdirSync(folder).filter((name) => name.endsWith(".py")).sort();
}

// ESM for bundlers: comlink and pyodide stay imports, so the consumer's bundler resolves them
// (and keeps Pyodide's own file loading intact).
await build({
  ...shared,
  entryPoints: { browser: "src/browser.ts", worker: "src/worker/browser-worker.ts" },
  outdir: "dist/browser",
  splitting: false,
  platform: "browser",
  target: "es2022",
  packages: "external",
  plugins: [browserSources],
});

if (process.argv.includes("--types")) {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.types.json"], { cwd: root, stdio: "inherit" });
}

if (!process.argv.includes("--no-snapshot") && existsSync(join(root, "dist/lib/node-pyodide-worker.js"))) {
  execFileSync(process.execPath, [join(root, "dist/lib/node-pyodide-worker.js"), "--make-snapshot"], { stdio: "inherit" });
}
