// Section 5b: the playground's time to ready in Chromium: page load until
// the status element (#status) says data-state="ready".
export const title = "5b. Start-up: playground time to ready (Chromium)";
export const description =
  "A fresh browser context per load (empty HTTP cache), from navigation start until `#status` has " +
  '`data-state="ready"` (recorded in the page by a MutationObserver, in `performance.now()` time). ' +
  "Served by the Vite dev server (unbundled modules) after one unmeasured warm-up load.";

// Runs in the page before its scripts: note when the status first says ready.
function recordReady() {
  const check = () => {
    const status = document.getElementById("status");
    if (status?.dataset.state === "ready" && window.__readyAt === undefined) window.__readyAt = performance.now();
    if (status?.dataset.state === "failed") window.__failed = status.textContent;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

async function timeToReady(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(recordReady);
    await page.goto(url);
    await page.waitForFunction(() => window.__readyAt !== undefined || window.__failed, null, { timeout: 60_000 });
    const { readyAt, failed } = await page.evaluate(() => ({ readyAt: window.__readyAt, failed: window.__failed }));
    if (failed) throw new Error(`status says failed: ${failed.trim()}`);
    return readyAt;
  } finally {
    await context.close();
  }
}

export async function run({ quick }) {
  const { withBrowser } = await import("../lib/browser.mjs");
  const { row } = await import("../lib/results.mjs");
  const rounds = quick ? 2 : 5;
  const samples = await withBrowser(async ({ browser, baseUrl }) => {
    await timeToReady(browser, `${baseUrl}/`); // warm-up: Vite optimizes dependencies on first load
    const times = [];
    for (let i = 0; i < rounds; i++) times.push(await timeToReady(browser, `${baseUrl}/`));
    return times;
  });
  return { rows: [row("playground, dev server: load → status ready", "ms", samples)], notes: [`${rounds} loads.`] };
}
