// Vitest globalSetup: the Node Pyodide transport runs dist/lib/node-pyodide-worker.js
// in a worker thread, so the library must be built before tests import it. The build
// also refreshes the worker's memory snapshot (a no-op when up to date).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function buildLib(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build-lib.mjs"], { cwd: root, stdio: "inherit" });
}
