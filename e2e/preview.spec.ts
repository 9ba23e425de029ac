// Smoke test of the static build (vite build + vite preview): Pyodide comes
// from the site itself, the page is cross-origin isolated, the default example runs.
import { test, expect } from "@playwright/test";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { button, openPlayground, outputPane, runAndWait, screenshot, waitForPython } from "./playground-helpers.js";

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

/**
 * A plain static host: no COOP/COEP headers, and the site in a sub-folder.
 * coi-serviceworker must make the page cross-origin isolated by itself.
 */
function startPlainStaticHost(siteDir: string, prefix: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname);
    if (!path.startsWith(prefix)) return void response.writeHead(404).end();
    const relative = path.slice(prefix.length) || "index.html";
    const file = join(siteDir, normalize(relative));
    if (!file.startsWith(siteDir) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${port}${prefix}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

test("the built site works from a static host without isolation headers, in a sub-folder", async ({ page }) => {
  const host = await startPlainStaticHost(join(process.cwd(), "dist", "site"), "/some/folder/");
  try {
    await page.goto(host.url);
    // coi-serviceworker registers, then reloads the page once under its headers.
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 30_000 }).toBe(true);
    await waitForPython(page);
    await runAndWait(page);
    await expect(outputPane(page)).toContainText("Hello, Ada!");
  } finally {
    await host.close();
  }
});
