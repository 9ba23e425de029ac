// Section 2 (browser): a trivial call through PyodideWorkerTransport in
// Chromium, against raw Worker postMessage echoes in the same page.
export const title = "2b. Call latency into a Web Worker (Chromium, Pyodide)";
export const description =
  "`math.sqrt(2)` through `PythonBridge` + `PyodideWorkerTransport`, measured inside the bench page " +
  "`bench/browser/index.html` (Vite dev server, headless Chromium via Playwright). Floor: a raw Worker " +
  "postMessage echo answering with `Math.sqrt`; also a raw Worker calling Pyodide's `math.sqrt` per message.";

export async function run({ quick }) {
  const { withBrowser } = await import("../lib/browser.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");
  const { callSizes } = await import("../lib/rounds.mjs");
  const params = callSizes(quick);

  const result = await withBrowser(async ({ browser, baseUrl }) => {
    const page = await browser.newPage();
    const consoleErrors = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.goto(`${baseUrl}/bench/browser/index.html`);
    await page.waitForFunction(() => window.polyglotBench, null, { timeout: 30_000 }).catch((error) => {
      throw new Error(`bench page did not load: ${consoleErrors[0] ?? error.message}`);
    });
    const measured = await page.evaluate((p) => window.polyglotBench.run(p), params);
    return { ...measured, consoleErrors };
  });

  const names = {
    floor: "floor: raw Worker postMessage echo",
    pyodideFloor: "raw Pyodide call in a Worker",
    bridge: "PythonBridge + PyodideWorkerTransport",
  };
  const rows = [];
  for (const [mode, unit, series, target] of [
    ["sequential", "µs/call", result.sequential, targets.sequentialVsFloor],
    ["pipelined", "calls/s", result.pipelined, targets.pipelinedVsFloor],
  ]) {
    for (const name of ["floor", "pyodideFloor", "bridge"]) {
      const label = `${names[name]}, ${mode}`;
      const isBridge = name === "bridge";
      if (result.errors[name]) {
        rows.push(unavailable(label, result.errors[name], isBridge ? { target } : {}));
        continue;
      }
      const versus = name !== "floor" && series.floor ? { label: names.floor, samples: series.floor } : undefined;
      rows.push(row(label, unit, series[name], { versus, target: isBridge ? target : undefined }));
      if (isBridge && series.pyodideFloor) {
        rows.push(row(label, unit, series[name], { versus: { label: names.pyodideFloor, samples: series.pyodideFloor } }));
      }
    }
  }
  const notes = [
    `${params.rounds} interleaved rounds (+1 warm-up); ${params.sequentialCalls} sequential and ${params.pipelinedCalls} pipelined calls per round; crossOriginIsolated=${result.crossOriginIsolated}.`,
  ];
  if (result.consoleErrors.length) notes.push(`Page errors: ${result.consoleErrors.slice(0, 3).join(" / ")}`);
  return { rows, notes };
}
