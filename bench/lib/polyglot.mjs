// Our own code, as the sections use it: from the esbuild bundle in dist/lib
// (built by run.mjs), or — while the library entry cannot be built yet —
// from one small bundle per source file in bench/.build/pieces.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SOURCES = {
  PythonBridge: "src/bridge/index.ts",
  NodePythonTransport: "src/transports/node-python.ts",
  NodePyodideTransport: "src/transports/node-pyodide.ts",
  compile: "src/lisp/index.ts",
};

let library;
async function distLibrary() {
  library ??= import(pathToFileURL(join(root, "dist/lib/index.js")).href).catch(() => null);
  return library;
}

async function pieceFromSource(name) {
  const source = SOURCES[name];
  if (!source || !existsSync(join(root, source))) throw new Error(`${source ?? name} does not exist yet`);
  const { build } = await import("esbuild");
  const outfile = join(root, "bench/.build/pieces", `${name}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [source],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return import(pathToFileURL(outfile).href);
}

/** The named export of our library; throws "… does not exist yet" when it can't be had. */
export async function polyglot(name) {
  const lib = await distLibrary();
  if (lib?.[name]) return lib[name];
  const piece = await pieceFromSource(name);
  if (!piece[name]) throw new Error(`${SOURCES[name]} does not export ${name}`);
  return piece[name];
}

export const repoRoot = root;
