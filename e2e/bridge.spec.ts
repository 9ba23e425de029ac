// The bridge's behaviour suite in Chromium, on PyodideWorkerTransport
// (e2e/bridge-page runs the cases; one test here per case).
import { expect, test, type Page } from "@playwright/test";
import { behaviourCases } from "../test/bridge/behaviour-cases.js";
import type { BridgeResults, CaseResult } from "./bridge-page/main.js";

const PAGE = "/e2e/bridge-page/index.html";

// Tests share one page that runs all cases once; a failed test restarts the
// Playwright worker, which opens the page again, so later cases still report.
test.describe("behaviour on PyodideWorkerTransport", () => {
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await page.goto(PAGE);
  });
  test.afterAll(() => page.close());

  test("the page is cross-origin isolated, so callbacks are supported", async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const callbacks = await page.evaluate(() => window.__bridgeResults.callbacks);
    expect(callbacks).toEqual({ supported: true });
  });

  test("the page can force GC, so the release-after-GC case runs in full here too", async () => {
    expect(await page.evaluate(() => window.__bridgeResults.gc)).toBe(true);
  });

  test("a worker that fails (an error event) rejects start() with BridgeClosedError", async () => {
    const handle = await page.waitForFunction(() => window.__bridgeResults.brokenWorker, undefined, { timeout: 30_000 });
    const broken = (await handle.jsonValue())!;
    expect(broken.name).toBe("BridgeClosedError");
    expect(broken.message).toContain("broken on purpose");
    expect(broken.ms).toBeLessThan(5000);
  });

  for (const behaviour of behaviourCases) {
    test(behaviour.name, async () => {
      const result = await caseResult(page, behaviour.name);
      expect(result.error ?? "", `case "${behaviour.name}" failed`).toBe("");
      expect(result.ok).toBe(true);
    });
  }

  test("loading progress reaches the page, with download fractions", async () => {
    await page.waitForFunction(() => window.__bridgeResults.finished, undefined, { timeout: 120_000 });
    const progress = await page.evaluate(() => window.__bridgeResults.progress);
    // The first boot only: the "kill" case boots a second runtime later.
    const firstBoot = progress.slice(0, progress.findIndex((p) => p.phase === "ready") + 1);
    const phases = firstBoot.map((p) => p.phase);
    expect(phases[0]).toBe("worker");
    expect(phases.at(-1)).toBe("ready");
    expect(phases.lastIndexOf("download")).toBeLessThan(phases.indexOf("runtime"));
    const fractions = firstBoot.filter((p) => p.phase === "download").map((p) => p.fraction ?? -1);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });
});

test.describe("without SharedArrayBuffer (a page that is not cross-origin isolated)", () => {
  const callbackCases = ["calls module functions and awaits attributes", "calls JS functions from Python (callbacks)", "re-enters: JS → Python → JS → Python → JS"];

  test("callbacks are unsupported with a reason, Python raises a clear JSError, the rest works", async ({ page }) => {
    const query = callbackCases.map((name) => `case=${encodeURIComponent(name)}`).join("&");
    await page.goto(`${PAGE}?shared-memory=off&${query}`);
    const callbacks = await page.evaluate(() => window.__bridgeResults.callbacks);
    expect(callbacks.supported).toBe(false);
    expect(callbacks.reason).toMatch(/SharedArrayBuffer/);
    for (const name of callbackCases) {
      const result = await caseResult(page, name);
      expect(result.error ?? "", `case "${name}" failed`).toBe("");
    }
  });
});

async function caseResult(page: Page, name: string): Promise<CaseResult> {
  const handle = await page.waitForFunction(
    (caseName) => (window as unknown as { __bridgeResults?: BridgeResults }).__bridgeResults?.cases[caseName],
    name,
    { timeout: 110_000 },
  );
  return (await handle.jsonValue()) as CaseResult;
}
