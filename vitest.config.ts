import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/lib (CLI, Node Pyodide worker, snapshot) before any test runs.
    globalSetup: ["test/setup/build-lib.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Pyodide instances are large; keep the number of parallel workers small on 2 cores.
    maxWorkers: 2,
    // The bridge's GC test forces collections to see proxies released.
    execArgv: ["--expose-gc"],
  },
});
