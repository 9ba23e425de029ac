// Smoke test of the static build (vite build + vite preview): Pyodide comes
// from the site itself, the page is cross-origin isolated, the default example runs.
import { test, expect } from "@playwright/test";
import { button, openPlayground, outputPane, runAndWait, screenshot } from "./playground-helpers.js";

test("the built site loads Python from its own files and runs the default example", async ({ page }) => {
  const foreignRequests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["localhost", "127.0.0.1"].includes(url.hostname) && !url.protocol.startsWith("data") && !url.protocol.startsWith("blob")) {
      foreignRequests.push(request.url());
    }
  });
  const pyodideFiles: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/pyodide/")) pyodideFiles.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });

  await openPlayground(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("Hello, Ada!");
  await expect(outputPane(page)).toContainText('⇒ {:python "1.0" :squares [0 1 4 9 16]}');
  await expect(button(page, "Share")).toBeEnabled();
  await screenshot(page, "10-preview-build");

  expect(pyodideFiles.some((line) => /^200 .*\/pyodide\/pyodide\.asm\.wasm$/.test(line))).toBe(true);
  expect(foreignRequests).toEqual([]);
});
