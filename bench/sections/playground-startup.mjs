// Section 5b: the playground's time to ready in Chromium: page load until the status element
// (#status) says data-state="ready", on a first, a repeat and an offline visit (issue 11), with a
// bare loadPyodide() in a Worker as the floor under a first visit.
export const title = "5b. Start-up: playground time to ready (Chromium)";
export const description =
  "From navigation start until `#status` has `data-state=\"ready\"` (recorded in the page by a MutationObserver, in " +
  "`performance.now()` time). Production build (`vite build` into `bench/.build/site`, `vite preview`): a **first visit** " +
  "in a fresh browser context (empty HTTP cache, no service worker, no stored snapshot; it makes the memory snapshot), " +
  "then in the same context, once the snapshot is stored and the service worker controls the page, a **repeat visit** " +
  "(reload) and an **offline visit** (`context.setOffline(true)`, reload). The editor row is navigation until the editor's " +
  "`.cm-content` exists, on the first visit. The floor: a fresh context loading a near-empty page from the same server " +
  "whose module Worker imports `pyodide/pyodide.mjs` and awaits `loadPyodide()`, until the Worker says it is done. " +
  "\"First visit − floor\" pairs each round's two loads. The dev server row (unbundled modules; one unmeasured warm-up " +
  "load first) is a fresh context per load. All loads interleaved in rounds.";

const SNAPSHOT_CACHE = "polyglot-pyodide-snapshot";
const BARE_PAGE = "bench-bare-pyodide.html";

// Runs in the page before its scripts: note when the status first says ready, and when the editor exists.
function recordReady() {
  const check = () => {
    const status = document.getElementById("status");
    if (status?.dataset.state === "ready" && window.__readyAt === undefined) window.__readyAt = performance.now();
    if (status?.dataset.state === "failed") window.__failed = status.textContent;
    if (window.__editorAt === undefined && document.querySelector("#editor .cm-content")) window.__editorAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

async function readyTimes(page) {
  await page.waitForFunction(() => window.__readyAt !== undefined || window.__failed, null, { timeout: 60_000 });
  const { readyAt, editorAt, failed } = await page.evaluate(() => ({ readyAt: window.__readyAt, editorAt: window.__editorAt, failed: window.__failed }));
  if (failed) throw new Error(`status says failed: ${failed.trim()}`);
  return { readyAt, editorAt };
}

async function devLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(recordReady);
    await page.goto(url);
    return (await readyTimes(page)).readyAt;
  } finally {
    await context.close();
  }
}

/** First visit, then repeat and offline visits in the same context. */
async function visits(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let makingMs;
    page.on("console", (message) => {
      const made = /snapshot made for the next start \([\d.]+ MiB, (\d+) ms\)/.exec(message.text());
      if (made && makingMs === undefined) makingMs = Number(made[1]);
    });
    await page.addInitScript(recordReady);
    await page.goto(url);
    const first = await readyTimes(page);
    // The snapshot is stored in the background and the service worker installs the whole site: wait for both.
    await page.waitForFunction(
      async (name) => Boolean(navigator.serviceWorker.controller) && (await (await caches.open(name)).keys()).length === 1,
      SNAPSHOT_CACHE,
      { timeout: 60_000, polling: 200 },
    );
    await page.reload();
    const repeat = await readyTimes(page);
    await context.setOffline(true);
    await page.reload();
    const offline = await readyTimes(page);
    return { first: first.readyAt, editor: first.editorAt, repeat: repeat.readyAt, offline: offline.readyAt, making: makingMs };
  } finally {
    await context.close();
  }
}

const barePage = (origin) => `<!doctype html><meta charset="utf-8"><title>bare loadPyodide</title><script type="module">
const source = \`const { loadPyodide } = await import(${JSON.stringify(`${origin}/pyodide/pyodide.mjs`)});
await loadPyodide({ indexURL: ${JSON.stringify(`${origin}/pyodide/`)} });
postMessage("loaded");\`;
const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
worker.onmessage = () => { window.__readyAt = performance.now(); };
worker.onerror = (event) => { window.__failed = String(event.message || "worker error"); };
</script>`;

/** A near-empty page of the same origin and headers whose Worker only loads Pyodide. */
async function bareLoad(browser, origin) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${origin}/${BARE_PAGE}`, (route) =>
      route.fulfill({
        contentType: "text/html",
        headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
        body: barePage(origin),
      }),
    );
    await page.goto(`${origin}/${BARE_PAGE}`);
    return (await readyTimes(page)).readyAt;
  } finally {
    await context.close();
  }
}

export async function run({ quick }) {
  const { launchChromium, startDevServer, startPreviewServer } = await import("../lib/browser.mjs");
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
  const samples = { dev: [], first: [], editor: [], repeat: [], offline: [], bare: [], overFloor: [], making: [] };
  const browser = await launchChromium();
  try {
    const steps = [];
    if (servers.dev) {
      await devLoad(browser, `${servers.dev.url}/`).catch(() => {}); // warm-up: Vite optimizes dependencies
      steps.push(async () => samples.dev.push(await devLoad(browser, `${servers.dev.url}/`)));
    }
    if (servers.preview) {
      const url = servers.preview.url;
      let bareThisRound;
      let firstThisRound;
      const pair = () => {
        if (bareThisRound !== undefined && firstThisRound !== undefined) samples.overFloor.push(firstThisRound - bareThisRound);
      };
      steps.push(async () => {
        const times = await visits(browser, `${url}/`);
        for (const name of ["first", "editor", "repeat", "offline"]) samples[name].push(times[name]);
        if (times.making !== undefined) samples.making.push(times.making);
        firstThisRound = times.first;
        pair();
      });
      steps.push(async () => {
        bareThisRound = await bareLoad(browser, url);
        samples.bare.push(bareThisRound);
        pair();
      });
      steps.newRound = () => {
        bareThisRound = undefined;
        firstThisRound = undefined;
      };
    }
    for (let round = 0; round < rounds; round++) {
      steps.newRound?.();
      // Rotate the order so slow phases of a noisy machine hit every kind of load alike.
      const order = steps.slice(round % steps.length).concat(steps.slice(0, round % steps.length));
      for (const step of order) await step();
    }
  } catch (error) {
    failures.run = error;
  } finally {
    await browser.close().catch(() => {});
    for (const server of Object.values(servers)) await server?.close().catch(() => {});
  }
  const oneSecond = { on: "value", op: "<=", value: 1000, text: "≤ 1 s" };
  const labels = [
    ["first", "playground, production build, first visit: load → status ready", "preview", undefined],
    ["bare", "floor: bare `loadPyodide()` in a Chromium Worker (near-empty page)", "preview", undefined],
    ["overFloor", "first visit − floor (paired per round)", "preview", { on: "value", op: "<=", value: 300, text: "≤ floor + 0.3 s" }],
    ["making", "first visit: of which making the snapshot (the worker's console line)", "preview", undefined],
    ["editor", "first visit: load → editor usable (`.cm-content` exists)", "preview", { on: "value", op: "<=", value: 300, text: "≤ 300 ms" }],
    ["repeat", "repeat visit (snapshot restored): load → status ready", "preview", oneSecond],
    ["offline", "offline visit (`setOffline(true)`): load → status ready", "preview", oneSecond],
    ["dev", "playground, dev server (first visit): load → status ready", "dev", undefined],
  ];
  const rows = labels.map(([name, label, server, target]) => {
    const failure = failures[server] ?? (samples[name].length === 0 ? failures.run ?? "no samples" : undefined);
    return failure ? unavailable(label, failure, { target }) : row(label, "ms", samples[name], { target });
  });
  const notes = [`${rounds} rounds; each round loads every kind once, in a rotating order.`];
  if (failures.run) notes.push(`A round failed: ${String(failures.run.message ?? failures.run).split("\n")[0]}`);
  return { rows, notes };
}
