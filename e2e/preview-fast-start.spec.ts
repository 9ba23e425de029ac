// Issue 11 in the built site (vite build + vite preview): the first visit makes a Pyodide memory
// snapshot and keeps it in Cache Storage, a repeat visit restores it (the worker's console line
// says which), the service worker serves a reload with the network gone, a snapshot that does
// not restore falls back to a normal boot and is replaced, and every start draws fresh `random`.
import { test, expect, type Page } from "@playwright/test";
import { openPlayground, outputPane, runAndWait, setProgram, waitForPython } from "./playground-helpers.js";

const SNAPSHOT_CACHE = "polyglot-pyodide-snapshot";

/** Console lines the Pyodide worker prints about how Python started (src/worker/boot-log.ts). */
function bootLines(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (message) => {
    if (message.text().startsWith("polyglot: Python")) lines.push(message.text());
  });
  return lines;
}

/** Wait until the first visit's snapshot is in Cache Storage (it is stored in the background). */
async function snapshotStored(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, SNAPSHOT_CACHE), { timeout: 60_000 })
    .toBe(1);
}

/** Wait until the service worker controls the page, so a reload can be served from its cache. */
async function controlledByServiceWorker(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
}

async function printedRandom(page: Page): Promise<string> {
  // `random` must already be in the restored snapshot, or this would test nothing: a fresh import seeds itself.
  await setProgram(
    page,
    `(py.import "builtins" :as b)\n(print "preloaded" (await (b.eval "'random' in __import__('sys').modules")))\n` +
      `(def random ($py "random"))\n(print "draw" (await (random.randint 1 1000000000)))`,
  );
  await runAndWait(page);
  const text = (await outputPane(page).textContent()) ?? "";
  expect(text).toContain("preloaded true");
  const match = /draw (\d+)/.exec(text);
  if (!match) throw new Error(`no draw in the output: ${text.slice(0, 200)}`);
  return match[1]!;
}

test("a repeat visit restores Python from the snapshot the first visit made", async ({ page }) => {
  const lines = bootLines(page);
  await openPlayground(page);
  await expect.poll(() => lines.join("\n")).toContain("started without a snapshot");
  expect(lines.join("\n")).toContain("snapshot made for the next start");
  await snapshotStored(page);

  await page.reload();
  await waitForPython(page);
  await expect.poll(() => lines.at(-1) ?? "").toContain("restored from the memory snapshot");
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("Hello, Ada!");
});

test("after one visit the site reloads and runs with the network gone", async ({ page, context }) => {
  await openPlayground(page);
  await controlledByServiceWorker(page);
  await snapshotStored(page);

  await context.setOffline(true);
  try {
    await page.reload();
    await waitForPython(page);
    await runAndWait(page);
    await expect(outputPane(page)).toContainText("Hello, Ada!");
    await expect(outputPane(page)).toContainText('⇒ {:python "1.0" :squares [0 1 4 9 16]}');
  } finally {
    await context.setOffline(false);
  }
});

test("a snapshot that does not restore falls back to a normal boot and is replaced", async ({ page }) => {
  const lines = bootLines(page);
  await openPlayground(page);
  await snapshotStored(page);

  // Damage the bytes but keep the entry self-consistent (digest recomputed), so the store hands
  // it to Pyodide and the restore itself is what fails.
  const replaced = await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    const [request] = await cache.keys();
    const stored = await cache.match(request!);
    const bytes = new Uint8Array(await stored!.arrayBuffer());
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = bytes[i]! ^ 0xff;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const headers = new Headers(stored!.headers);
    headers.set("X-Polyglot-Snapshot-Sha256", [...digest].map((b) => b.toString(16).padStart(2, "0")).join(""));
    await cache.put(request!, new Response(bytes, { headers }));
    return request!.url;
  }, SNAPSHOT_CACHE);
  expect(replaced).toContain("polyglot-snapshot/");

  await page.reload();
  await waitForPython(page);
  await expect.poll(() => lines.at(-1) ?? "").toContain("started without a snapshot");
  expect(lines.at(-1)).toContain("the stored snapshot did not restore");
  expect(lines.at(-1)).toContain("snapshot made for the next start");
  await expect(page.locator("#status")).not.toContainText(/error|failed/i);
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("Hello, Ada!");

  // The replacement restores on the next visit.
  await snapshotStored(page);
  await page.reload();
  await waitForPython(page);
  await expect.poll(() => lines.at(-1) ?? "").toContain("restored from the memory snapshot");
});

test("two starts from the same snapshot draw different random numbers", async ({ page }) => {
  const lines = bootLines(page);
  await openPlayground(page);
  await snapshotStored(page);
  const draws: string[] = [];
  for (let start = 0; start < 2; start++) {
    await page.reload();
    await waitForPython(page);
    await expect.poll(() => lines.at(-1) ?? "").toContain("restored from the memory snapshot");
    draws.push(await printedRandom(page));
  }
  expect(draws[0]).not.toBe(draws[1]);
});
