// End-to-end tests in the system's Chromium (never a downloaded browser).
//   "dev":     every spec except preview*, against the Vite dev server on :5173
//   "preview": preview*.spec.ts, against `vite preview` of a fresh build on :4173
import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./e2e/chromium.mjs";
import { writeE2ePackageFolder } from "./e2e/package-folder.js";

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: chromiumPath,
    // --expose-gc lets the bridge's behaviour suite force GC in the page, as it does in Node.
    args: [...chromiumArgs, "--js-flags=--expose-gc"],
  },
  viewport: { width: 1400, height: 900 },
  screenshot: "only-on-failure" as const,
  trace: "retain-on-failure" as const,
};

// Overridable, so that two test runs on one machine do not fight over a port.
const devPort = Number(process.env.E2E_DEV_PORT ?? 5173);
const previewPort = Number(process.env.E2E_PREVIEW_PORT ?? 4173);
const ci = Boolean(process.env.CI);
// Both servers serve the fixture wheels (e2e/package-folder.ts), whatever POLYGLOT_PACKAGES the
// shell has: the webServer commands inherit this process's environment, and the build copies
// the folder into the site. A plain `npm run build` or `npm run dev` is not affected.
const packages = { POLYGLOT_PACKAGES: writeE2ePackageFolder() };

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  // Pyodide boots in a few seconds locally; CI machines have 2 cores.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 2,
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  projects: [
    {
      name: "dev",
      testIgnore: /preview.*\.spec\.ts$/,
      use: { ...chromium, baseURL: `http://localhost:${devPort}/` },
    },
    {
      name: "preview",
      testMatch: /preview.*\.spec\.ts$/,
      use: { ...chromium, baseURL: `http://localhost:${previewPort}/` },
    },
  ],
  webServer: [
    {
      command: `npx vite --port ${devPort} --strictPort`,
      url: `http://localhost:${devPort}/`,
      env: { POLYGLOT_NO_HMR: "1", ...packages },
      reuseExistingServer: !ci,
      timeout: 120_000,
    },
    {
      // The preview serves what was just built, so the smoke test always sees current code.
      command: `npx vite build --logLevel warn && npx vite preview --port ${previewPort} --strictPort`,
      url: `http://localhost:${previewPort}/`,
      env: packages,
      reuseExistingServer: !ci,
      timeout: 300_000,
    },
  ],
});
