// Section 5b: the playground's time to ready in Chromium: page load until
// the status element (#status) says data-state="ready".
export const title = "5b. Start-up: playground time to ready (Chromium)";
export const description =
  "A fresh browser context per load (empty HTTP cache), from navigation start until `#status` has " +
  '`data-state="ready"` (recorded in the page by a MutationObserver, in `performance.now()` time). ' +
  "Served two ways, loads interleaved: the Vite dev server (unbundled modules; one unmeasured warm-up load first, " +
  "while Vite optimizes dependencies) and the production build (`vite build` into `bench/.build/site`, `vite preview`).";

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
  const { launchChromium, startDevServer, startPreviewServer } = await import("../lib/browser.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row, unavailable } = await import("../lib/results.mjs");
  const rounds = quick ? 2 : 4;
  const servers = {};
  const failures = {};
  for (const [name, start] of [["dev", startDevServer], ["preview", startPreviewServer]]) {
    try {
      servers[name] = await start();
    } catch (error) {
      failures[name] = error;
    }
  }
  const browser = await launchChromium();
  try {
    if (servers.dev) await timeToReady(browser, `${servers.dev.url}/`); // warm-up: Vite optimizes dependencies
    const live = Object.entries(servers).filter(([, server]) => server);
    const samples = await interleave(
      live.map(([name, server]) => ({ name, measure: () => timeToReady(browser, `${server.url}/`) })),
      { rounds, warmup: 0 },
    );
    const labels = { dev: "playground, dev server: load → status ready", preview: "playground, production build: load → status ready" };
    const rows = Object.entries(labels).map(([name, label]) =>
      failures[name] ? unavailable(label, failures[name]) : row(label, "ms", samples[name]),
    );
    return { rows, notes: [`${rounds} interleaved loads of each.`] };
  } finally {
    await browser.close().catch(() => {});
    for (const server of Object.values(servers)) await server?.close().catch(() => {});
  }
}
