// A Vite dev server (the repo's vite.config.ts, on a free port) and the
// system Chromium driven by Playwright. Never downloads a browser.
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { chromiumArgs, chromiumPath } from "../../e2e/chromium.mjs";
import { repoRoot } from "./polyglot.mjs";


function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startDevServer() {
  const { createServer } = await import("vite");
  const port = await freePort();
  const server = await createServer({
    root: repoRoot,
    configFile: join(repoRoot, "vite.config.ts"),
    server: { port, strictPort: true, host: "127.0.0.1", open: false },
    logLevel: "warn",
    clearScreen: false,
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * The production site: `vite build` into bench/.build/site (not dist/site, so
 * other work's builds are left alone), served by `vite preview`.
 */
export async function startPreviewServer() {
  const { build, preview } = await import("vite");
  const outDir = join(repoRoot, "bench/.build/site");
  const configFile = join(repoRoot, "vite.config.ts");
  await build({ root: repoRoot, configFile, logLevel: "error", build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({
    root: repoRoot,
    configFile,
    logLevel: "error",
    build: { outDir },
    preview: { port, strictPort: true, host: "127.0.0.1", open: false },
  });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export async function launchChromium() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], headless: true });
}

/** Runs `use({ browser, baseUrl })` with a dev server and Chromium, then closes both. */
export async function withBrowser(use) {
  const server = await startDevServer();
  let browser;
  try {
    browser = await launchChromium();
    return await use({ browser, baseUrl: server.url });
  } finally {
    await browser?.close().catch(() => {});
    await server.close().catch(() => {});
  }
}
