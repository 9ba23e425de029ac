// Issue 9 §3: output at scale and Stop, in the playground (Chromium, dev server).
export const title = "9. Playground: 200,000 lines of output, and Stop latency (Chromium)";
export const description =
  "Each program runs in its program worker. Printing: from Run until the last line is in the output pane and the run " +
  "has finished, against a program that computes the same 200,000 lines without printing them. Stop: from the click " +
  "on Stop, during an endless JS loop and an endless Python loop, until Run is enabled again; the JS loop's latency is " +
  "the baseline of the Python loop's.";

const LINES = 200_000;

const programs = {
  lispPrint: `(loop [i 0] (if (< i ${LINES}) (do (print "line" i) (recur (inc i))) nil))\n(print "end")\n`,
  lispCompute: `(def parts [])\n(loop [i 0] (if (< i ${LINES}) (do (.push parts (str "line " i)) (recur (inc i))) nil))\n(print "end" (count (.join parts "\\n")))\n`,
  pythonPrint: `(py.import "builtins" :as b)\n(await (b.exec "for i in range(${LINES}): print('line', i)"))\n(print "end")\n`,
  pythonCompute: `(py.import "builtins" :as b)\n(await (b.exec "s = '\\\\n'.join(f'line {i}' for i in range(${LINES}))"))\n(print "end")\n`,
  jsLoop: `(print "go")\n(loop [] (recur))\n`,
  pythonLoop: `(py.import "builtins" :as b)\n(print "go")\n(await (b.exec "while True: pass"))\n`,
};

async function setProgram(page, text) {
  await page.getByRole("tab", { name: "main.lisp", exact: true }).click();
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** ms from Run until the run finished with "end" as its last output line. */
async function timeRun(page, text) {
  await setProgram(page, text);
  const started = Date.now();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(
    () => document.getElementById("run")?.disabled === false && /\nend[^\n]*\n?$|^end/.test(document.getElementById("output")?.textContent ?? ""),
    null,
    { timeout: 120_000, polling: 10 },
  );
  return Date.now() - started;
}

/** ms from Stop until Run is enabled again, with the program busy in its loop. */
async function timeStop(page, text) {
  await setProgram(page, text);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => (document.getElementById("output")?.textContent ?? "").includes("go"), null, { timeout: 60_000 });
  await page.waitForTimeout(200);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const run = document.getElementById("run");
        const started = performance.now();
        document.getElementById("stop").click();
        const check = () => (run.disabled ? setTimeout(check, 1) : resolve(performance.now() - started));
        check();
      }),
  );
}

export async function run({ quick }) {
  const { launchChromium, startDevServer } = await import("../lib/browser.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row } = await import("../lib/results.mjs");
  const rounds = quick ? 2 : 4;
  const server = await startDevServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.getElementById("status")?.dataset.state === "ready", null, { timeout: 120_000 });
    const contestants = Object.entries(programs).map(([name, text]) => ({
      name,
      measure: () => (name.endsWith("Loop") ? timeStop(page, text) : timeRun(page, text)),
    }));
    const samples = await interleave(contestants, { rounds, warmup: 1 });
    const label = (what) => `${what}`;
    const rows = [
      row(label(`Lisp prints ${LINES.toLocaleString("en")} lines: Run → last line shown`), "ms", samples.lispPrint, {
        versus: { label: "the same text computed, not printed", samples: samples.lispCompute },
      }),
      row(label(`Python prints ${LINES.toLocaleString("en")} lines: Run → last line shown`), "ms", samples.pythonPrint, {
        versus: { label: "the same text computed in Python, not printed", samples: samples.pythonCompute },
      }),
      row("Stop during an endless JS loop: click → Run enabled", "ms", samples.jsLoop),
      row("Stop during an endless Python loop: click → Run enabled", "ms", samples.pythonLoop, {
        versus: { label: "Stop during an endless JS loop", samples: samples.jsLoop },
      }),
    ];
    return { rows, notes: [`${rounds} interleaved rounds after one warm-up; one page, so Python's state carries over.`] };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}
