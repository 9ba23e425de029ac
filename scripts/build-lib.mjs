// Bundles the library, the CLI and the Node Pyodide worker into dist/lib with esbuild,
// then makes the Pyodide memory snapshot the Node worker boots from. Runs on `npm install` (prepare) so the
// `polyglot` bin works straight after a clone, and before tests.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entries = {
  index: "src/index.ts",
  "lisp/index": "src/lisp/index.ts",
  "lisp/prelude": "src/lisp/prelude.ts",
  cli: "src/cli/main.ts",
  "node-pyodide-worker": "src/worker/node-worker.ts",
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => existsSync(join(root, file))),
);

await build({
  absWorkingDir: root,
  entryPoints,
  outdir: "dist/lib",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  chunkNames: "[name]-[hash]",
  // Runtime dependencies stay external: they are installed beside us.
  packages: "external",
  logLevel: "warning",
});

// `--types`: also emit the .d.ts files package.json points at (on install; tests type-check separately).
if (process.argv.includes("--types")) {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.types.json"], { cwd: root, stdio: "inherit" });
}

// A Pyodide memory snapshot with the runtime already loaded makes `polyglot run` start
// several times faster. The worker rebuilds it only when Pyodide or the runtime changed.
if (existsSync(join(root, "dist/lib/node-pyodide-worker.js"))) {
  execFileSync(process.execPath, [join(root, "dist/lib/node-pyodide-worker.js"), "--make-snapshot"], { stdio: "inherit" });
}
