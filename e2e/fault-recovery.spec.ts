// Issue 16: faults inside Pyodide must not leave the playground wrong or stuck.
// A value too deep for the bridge is refused with a clear error and Python keeps
// serving; a fatal Pyodide error rejects what is pending, the status says Python
// died, and the next Run starts a fresh Python by itself.
import { expect, test } from "@playwright/test";
import { button, openPlayground, outputPane, runAndWait, setFile, setProgram } from "./playground-helpers";

const nestTools = [
  "def nest(n):\n    x = []\n    for _ in range(n):\n        x = [x]\n    return x\n",
  "def depth(x):\n    d = 0\n    while x:\n        x = x[0]\n        d += 1\n    return d\n",
  // Counts the runs this one Python has served: a restart would start it again at 1.
  "runs = 0\n\ndef run():\n    global runs\n    runs += 1\n    return runs\n",
].join("\n");

const sqrtProgram = '(py.import "math" :as m)\n(print "root" (await (m.sqrt 16)))\n';

test("the 100,000-deep case gets a clear error, and a later Python run works without Restart", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", nestTools);
  const output = outputPane(page);
  const status = page.locator("#status");

  // Python returns a 100,000-deep list to the program: refused, at the call's line.
  await setProgram(page, '(def e ($py "./tools.py"))\n(print "run" (await (e.run)))\n(print "got" (count (await (e.nest 100000))))\n');
  await runAndWait(page);
  await expect(output).toContainText("run 1");
  await expect(output).toContainText(/main\.lisp:3:\d+: TooDeepError: cannot send a value nested deeper than 100 levels/);
  await expect(output).not.toContainText(/got \d/);
  // Python is still the same one, ready and serving.
  await expect(status).not.toHaveAttribute("data-state", "failed");
  await setProgram(page, sqrtProgram);
  await runAndWait(page);
  await expect(output).toContainText("root 4");

  // The program sends a 100,000-deep vector to Python: refused before it leaves, saying where.
  await setProgram(
    page,
    '(def e ($py "./tools.py"))\n(print "run" (await (e.run)))\n(def deep (loop [i 0 x []] (if (< i 100000) (recur (inc i) [x]) x)))\n(print "depth" (await (e.depth deep)))\n',
  );
  await runAndWait(page);
  await expect(output).toContainText("run 2");
  await expect(output).toContainText(/main\.lisp:4:\d+: BridgeError: cannot send a value nested deeper than 100 levels to Python/);
  await expect(output).toContainText("argument 1, at [0][0]");
  await expect(output).toContainText("(level 101)");
  await expect(output).not.toContainText(/depth \d/);

  // What is just within the limit still crosses both ways, in the same Python, never restarted.
  await setProgram(page, '(def e ($py "./tools.py"))\n(print "run" (await (e.run)))\n(print "back" (await (e.depth (await (e.nest 90)))))\n' + sqrtProgram);
  await runAndWait(page);
  await expect(output).toContainText("run 3");
  await expect(output).toContainText("back 90");
  await expect(output).toContainText("root 4");
  await expect(status).not.toHaveAttribute("data-state", "failed");
  await expect(status).toContainText("Finished");
});

test("a forced fatal error rejects the pending calls, the status shows it, and the next Run works", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", "state = 'old'\n\ndef mark():\n    global state\n    state = 'marked'\n    return state\n\ndef read():\n    return state\n");
  await setProgram(page, '(def t ($py "./tools.py"))\n(print "state" (await (t.mark)))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("state marked");

  // Pyodide's own way to raise a fatal error (what its test suite uses), with calls queued behind it.
  await setProgram(
    page,
    [
      '(py.import "_pyodide_core" :as core)',
      '(py.import "math" :as m)',
      '(print "forcing")',
      "(def calls [(core.trigger_fatal_error) (m.sqrt 4) (m.sqrt 9)])",
      '(def settled (await (Promise.allSettled calls)))',
      '(print "statuses" (.join (.map settled (fn [r] r.status)) ","))',
      '(print "reasons" (.join (.map settled (fn [r] (str r.reason.name ": " r.reason.message))) " | "))',
      "(await (get calls 1))",
      "",
    ].join("\n"),
  );
  await runAndWait(page);
  const output = outputPane(page);
  await expect(output).toContainText("forcing");
  await expect(output).toContainText("statuses rejected,rejected,rejected");
  await expect(output).toContainText(/reasons BridgeClosedError: [^|]*fatal error[^|]*\| BridgeClosedError: [^|]*fatal error[^|]*\| BridgeClosedError: [^|]*fatal error/);
  await expect(output).toContainText("intentionally triggered fatal error");
  // Uncaught, a pending call's rejection is placed at the Lisp line of that call.
  await expect(output).toContainText(/main\.lisp:4:\d+: BridgeClosedError: [^\n]*fatal error/);
  const status = page.locator("#status");
  await expect(status).toHaveAttribute("data-state", "failed");
  await expect(status).toContainText(/Python (stopped|died)/);
  await expect(status).toContainText("fatal error");

  // The next Run starts a fresh Python by itself (its old state is gone) and says so.
  await setProgram(page, '(def t ($py "./tools.py"))\n(print "state" (await (t.read)))\n' + sqrtProgram);
  await button(page, "Run").click();
  await expect(output).toContainText("Starting a fresh Python", { timeout: 60_000 });
  await expect(button(page, "Run")).toBeEnabled({ timeout: 120_000 });
  await expect(output).toContainText("state old");
  await expect(output).toContainText("root 4");
  await expect(status).not.toHaveAttribute("data-state", "failed");
  await expect(status).toContainText("Finished");
});

test("os._exit in Python shows Python's exit, not a Pyodide stack, and the next Run starts a fresh Python", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(py.import "os" :as os)\n(print "exiting")\n(await (os._exit 1))\n');
  await runAndWait(page);
  const output = outputPane(page);
  await expect(output).toContainText("exiting");
  await expect(output).toContainText(/main\.lisp:3:\d+: BridgeClosedError: [^\n]*Python exited[^\n]*exit\(1\)/);
  // Not Pyodide's JS stack trace.
  await expect(output).not.toContainText("pyodide.asm");
  await expect(output).not.toContainText(/\bat \S+ \(/);
  const status = page.locator("#status");
  await expect(status).toHaveAttribute("data-state", "failed");
  await expect(status).toContainText("Python exited");

  await setProgram(page, sqrtProgram);
  await runAndWait(page);
  await expect(output).toContainText("Starting a fresh Python");
  await expect(output).toContainText("root 4");
  await expect(status).not.toHaveAttribute("data-state", "failed");
});
