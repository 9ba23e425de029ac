// Issue 12 on the built site (vite build + vite preview): the build copied the package folder
// (POLYGLOT_PACKAGES, the fixture wheels playwright.config.ts makes) into <site>/packages/, and
// imports install from it with no step by the user, from Lisp and from a Python tab, also
// offline after one visit.
import { expect, test, type Page } from "@playwright/test";
import { openPlayground, outputPane, runAndWait, setFile, setProgram, waitForPython } from "./playground-helpers.js";

async function importBoth(page: Page): Promise<void> {
  await setFile(page, "tools.py", "import record_only\n\ndef answer():\n    return record_only.ANSWER\n");
  await setProgram(page, '(py.import "greeter" :as g)\n(print (await (g.greet "cy")))\n(print "answer" (await ((. ($py "./tools.py") answer))))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("HELLO CY");
  await expect(outputPane(page)).toContainText("answer 42");
  await expect(outputPane(page).locator(".output-error")).toHaveCount(0);
}

test("the built site imports from the package folder it was built with, from Lisp and from a Python tab", async ({ page }) => {
  const wheels: string[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".whl")) wheels.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await openPlayground(page);
  const index = await page.evaluate(async () => (await (await fetch("./packages/index.json")).json()) as { packages: Record<string, unknown> });
  expect(Object.keys(index.packages).sort()).toEqual(["greet-core", "greeter", "record-only"]);

  await importBoth(page);
  await expect(page.locator("#status")).toContainText(/installed greet-core \(\d+ KiB\), greeter \(\d+ KiB\), record-only \(\d+ KiB\)/);
  // Each from the site's own packages/ folder, once.
  expect(wheels.sort()).toEqual([
    "200 /packages/greet_core-1.0-py3-none-any.whl",
    "200 /packages/greeter-2.0-py3-none-any.whl",
    "200 /packages/record_only-0.1-py3-none-any.whl",
  ]);
});

test("after one visit the site's wheels install with the network gone", async ({ page, context }) => {
  await openPlayground(page);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await waitForPython(page);
    await importBoth(page);
  } finally {
    await context.setOffline(false);
  }
});
