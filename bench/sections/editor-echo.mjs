// Issue 15 §4: typing never waits for Python. In the playground (Chromium, dev
// server), the time from a keystroke to the first frame whose editor shows it,
// while Python is busy in a run against while it is idle.
export const title = "15. Playground: keystroke echo while Python is busy in a run (Chromium)";
export const description =
  "Keys typed into main.lisp one at a time (60 ms apart), each timed in the page from its keydown event's timeStamp " +
  "(so a busy main thread's queueing counts) to the first animation frame in which the editor's DOM shows the text " +
  "typed so far. The text types a member of a module no earlier round asked about (`m.`), so completion goes to " +
  "Python on every round. Three conditions, interleaved: no run; a run whose Python spins in `while True: pass`; a run " +
  "whose Python waits in `time.sleep`. Each round gives its median and its slowest keystroke; ratios pair the rounds.";

const TYPED = "(m.s (stats.me (b.ex";
const KEY_DELAY_MS = 60;
/** One module per measurement, so completion on `m.` is never answered from the cache. */
const MODULES = ["json", "os", "re", "string", "textwrap", "random", "fractions", "decimal", "heapq", "bisect", "colorsys", "calendar", "difflib", "struct", "shlex", "uuid", "zlib", "base64", "enum", "glob"];

const busyPrograms = {
  loop: `(await (b.exec "while True: pass"))\n`,
  sleep: `(await (b.exec "import time\\ntime.sleep(20)"))\n`,
};

function program(module, busy) {
  const header = `(py.import "${module}" :as m)\n(py.import "statistics" :as stats)\n(py.import "builtins" :as b)\n(print "go")\n`;
  return header + (busy ? busyPrograms[busy] : "");
}

// Runs in the page: a capture-phase keydown listener times each printable key to the frame that shows it.
function installEchoProbe() {
  const probe = { armed: false, typed: "", samples: [], longTasks: [] };
  window.__echo = probe;
  // A slow key with no long task beside it was the OS's scheduling, not the page's work.
  new PerformanceObserver((list) => {
    if (probe.armed) for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: "longtask" });
  addEventListener(
    "keydown",
    (event) => {
      if (!probe.armed || event.key.length !== 1) return;
      const pressed = event.timeStamp;
      probe.typed += event.key;
      const want = probe.typed;
      const content = document.querySelector("#editor .cm-content");
      const frame = () => {
        if (content?.textContent?.includes(want)) probe.samples.push(performance.now() - pressed);
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
}

async function setProgram(page, text) {
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "main.lisp", exact: true }).click();
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** Types TYPED on a new last line; the per-key echo times in ms. */
async function typeAndTime(page) {
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.evaluate(() => Object.assign(window.__echo, { armed: true, typed: "", samples: [], longTasks: [] }));
  await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
  await page.waitForFunction((count) => window.__echo.samples.length >= count, TYPED.length, { timeout: 30_000 });
  const { samples, longTasks } = await page.evaluate(() => {
    window.__echo.armed = false;
    return window.__echo;
  });
  await page.keyboard.press("Escape");
  return { keys: samples, longTasks };
}

async function measure(page, module, busy) {
  await setProgram(page, program(module, busy));
  if (!busy) return typeAndTime(page);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => (document.getElementById("output")?.textContent ?? "").includes("go"), null, { timeout: 60_000 });
  // Into the busy part of the run before typing.
  await page.waitForTimeout(300);
  const samples = await typeAndTime(page);
  // Keys timed after the run ended would measure an idle Python.
  if (!(await page.evaluate(() => document.getElementById("run")?.disabled === true))) throw new Error(`the ${busy} run ended before the keys were typed`);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.waitForFunction(() => document.getElementById("run")?.disabled === false, null, { timeout: 60_000 });
  return samples;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function run({ quick }) {
  const { launchChromium, startDevServer } = await import("../lib/browser.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row, targets } = await import("../lib/results.mjs");
  const rounds = quick ? 2 : 5;
  const server = await startDevServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript(installEchoProbe);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.getElementById("status")?.dataset.state === "ready", null, { timeout: 120_000 });
    let used = 0;
    const nextModule = () => MODULES[used++ % MODULES.length];
    const contestants = ["idle", "loop", "sleep"].map((name) => ({
      name,
      measure: () => measure(page, nextModule(), name === "idle" ? undefined : name),
    }));
    const perRound = await interleave(contestants, { rounds, warmup: 1 });
    const medians = (name) => perRound[name].map((round) => median(round.keys));
    const slowest = (name) => perRound[name].map((round) => Math.max(...round.keys));
    const target = targets.echoWithin50ms;
    const rows = [
      row("Python idle: keystroke → frame showing it (median key of a round)", "ms", medians("idle")),
      row("Python in `while True: pass` in a run: keystroke → frame (median key)", "ms", medians("loop"), {
        versus: { label: "Python idle", samples: medians("idle") },
        target,
      }),
      row("Python in `time.sleep` in a run: keystroke → frame (median key)", "ms", medians("sleep"), {
        versus: { label: "Python idle", samples: medians("idle") },
        target,
      }),
      row("Python idle: slowest key of a round", "ms", slowest("idle")),
      row("Python in `while True: pass` in a run: slowest key of a round", "ms", slowest("loop"), {
        versus: { label: "Python idle, slowest key", samples: slowest("idle") },
        target,
      }),
      row("Python in `time.sleep` in a run: slowest key of a round", "ms", slowest("sleep"), {
        versus: { label: "Python idle, slowest key", samples: slowest("idle") },
        target,
      }),
    ];
    const perKey = (name) => perRound[name].flatMap((round) => round.keys.map((ms) => ms.toFixed(1))).join(" ");
    const tasks = (name) => {
      const all = perRound[name].flatMap((round) => round.longTasks);
      return all.length ? `${all.length}, longest ${Math.max(...all).toFixed(0)} ms` : "none";
    };
    return {
      rows,
      notes: [
        `${rounds} interleaved rounds of ${TYPED.length} keys each after one warm-up; one page, so Python's state carries over.`,
        `Every key, idle: ${perKey("idle")}`,
        `Every key, busy loop: ${perKey("loop")}`,
        `Every key, time.sleep: ${perKey("sleep")}`,
        `Main-thread long tasks (> 50 ms) while typing: idle ${tasks("idle")}; busy loop ${tasks("loop")}; time.sleep ${tasks("sleep")}.`,
      ],
    };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}
