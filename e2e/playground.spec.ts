// The playground as a newcomer meets it, in real Chromium against the dev server.
import { test, expect } from "@playwright/test";
import {
  button,
  compiledPane,
  editorText,
  openPlayground,
  outputPane,
  runAndWait,
  screenshot,
  selectTab,
  setFile,
  setProgram,
  waitForPython,
} from "./playground-helpers.js";

test.beforeEach(async ({ page }) => {
  // Any dialog (an alert from injected markup, a stray confirm) is a failure here.
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected ${dialog.type()} dialog: ${dialog.message()}`);
  });
});

test("shows loading progress at once, then runs the default example", async ({ page }) => {
  await page.goto("./");
  // The editor is usable before Python is ready.
  await expect(page.locator("#editor .cm-content")).toBeVisible();
  // Python's loading progress is on screen from the first paint.
  await expect(page.locator("#status")).toHaveAttribute("data-state", "loading");
  await expect(page.getByRole("progressbar", { name: "Python loading progress" })).toBeVisible();
  await screenshot(page, "00-loading");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await waitForPython(page);
  await expect(compiledPane(page)).toContainText("print");
  await screenshot(page, "01-ready");

  await runAndWait(page);
  const output = outputPane(page);
  await expect(output).toContainText("mean: 2.5");
  await expect(output).toContainText("Hello, Ada!");
  await expect(output).toContainText("hypotenuse: 5");
  await expect(output).toContainText('⇒ {:python "1.0" :squares [0 1 4 9 16]}');
  await screenshot(page, "02-output");
});

test("typing a program and pressing Mod-Enter runs it; the JavaScript pane follows", async ({ page }) => {
  await openPlayground(page);
  await selectTab(page, "main.lisp");
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // Typed key by key: brackets and quotes auto-close and are typed over.
  await page.keyboard.type('(defn twice [x] (* 2 x))\n(print "twice:" (twice 21))');
  await expect.poll(() => editorText(page)).toBe('(defn twice [x] (* 2 x))\n(print "twice:" (twice 21))');
  await expect(compiledPane(page)).toContainText("twice");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(outputPane(page)).toContainText("twice: 42");
  await expect(button(page, "Run")).toBeEnabled();
});

test("a syntax error shows line:column as a diagnostic and in the output", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "ok")\n\n(defn broken [x]\n  (print x)\n');
  // The diagnostic appears while typing, before any run.
  const marked = page.locator("#editor .cm-lintRange-error");
  await expect(marked).toHaveCount(1);
  await expect(page.locator("#compiled-state")).toContainText("syntax error at 3:1");
  await marked.hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("3:1");
  await expect(page.locator(".cm-tooltip-lint")).toContainText("unclosed");
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("main.lisp:3:1");
  await expect(outputPane(page)).toContainText("3 | (defn broken [x]");
  await marked.hover();
  await expect(page.locator(".cm-tooltip-lint")).toBeVisible();
  await screenshot(page, "03-syntax-error");
  // Nothing ran: the program's first print never happened.
  await expect(outputPane(page)).not.toContainText(/^ok$/m);
});

test("a Python exception shows its type and traceback, marked at its Lisp line", async ({ page }) => {
  await openPlayground(page);
  // parse_age is in the default tools.py: the traceback goes through a Python file.
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print "start")\n(await (tools.parse_age "not a number"))\n');
  await runAndWait(page);
  const output = outputPane(page);
  await expect(output).toContainText("start");
  await expect(output).toContainText("main.lisp:3");
  await expect(output).toContainText("ValueError: invalid literal for int()");
  await expect(output).toContainText("Traceback (most recent call last)");
  await expect(output).toContainText(/File ".*tools\.py", line \d+, in parse_age/);
  await expect(page.locator("#editor .cm-runError-line")).toHaveCount(1);
  await expect(page.locator("#editor .cm-runError-message")).toContainText("ValueError");
  await screenshot(page, "04-python-error");
});

test("a JavaScript runtime error is marked at its Lisp position", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "before")\n(defn f [x]\n  (. x missing deeper))\n(f nil)\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("before");
  await expect(outputPane(page)).toContainText("TypeError");
  await expect(outputPane(page)).toContainText("main.lisp:3");
  const marked = page.locator("#editor .cm-runError-line");
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText("(. x missing deeper)");
});

test("callbacks work and Python output streams while Python is still running", async ({ page }) => {
  await openPlayground(page);
  await selectTab(page, "tools.py");
  expect(await editorText(page)).toContain("def slow_count");
  await setProgram(
    page,
    [
      '(py.import "builtins" :as b)',
      '(print (await (b.sorted ["bb" "a" "ccc"] :key (fn [s] (- (count s))))))',
      '(def tools ($py "./tools.py"))',
      "(await (tools.slow_count 4 :delay 0.75))",
    ].join("\n"),
  );
  await button(page, "Run").click();
  const output = outputPane(page);
  await expect(output).toContainText('["ccc" "bb" "a"]');
  await expect(output).toContainText("tick 1");
  // The first line is on screen while the loop is still sleeping.
  await expect(button(page, "Stop")).toBeEnabled();
  await expect(output).not.toContainText("tick 4");
  await screenshot(page, "05-running");
  await expect(output).toContainText("⇒ 4", { timeout: 30_000 });
  await expect(output).toContainText("tick 4");
  await expect(button(page, "Stop")).toBeDisabled();
});

test("Stop interrupts a busy Python loop within 2 s and the next run works", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(py.import "builtins" :as b)\n(print "spinning")\n(await (b.exec "while True: pass"))\n');
  await button(page, "Run").click();
  await expect(outputPane(page)).toContainText("spinning");
  await page.waitForTimeout(500);
  const stoppedAt = Date.now();
  await button(page, "Stop").click();
  await expect(button(page, "Run")).toBeEnabled({ timeout: 2_000 });
  await expect(outputPane(page)).toContainText("Stopped");
  expect(Date.now() - stoppedAt).toBeLessThan(2_000);

  // Python itself was interrupted: the next call is answered at once.
  await setProgram(page, '(py.import "math" :as m)\n(print "root" (await (m.sqrt 16)))\n');
  const rerunAt = Date.now();
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("root 4");
  expect(Date.now() - rerunAt).toBeLessThan(5_000);
});

test("Restart Python ends a busy run and brings up a fresh interpreter", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(py.import "builtins" :as b)\n(print "busy")\n(await (b.exec "while True: pass"))\n');
  await button(page, "Run").click();
  await expect(outputPane(page)).toContainText("busy");
  await button(page, "Restart Python").click();
  await expect(button(page, "Run")).toBeEnabled({ timeout: 2_000 });
  await expect(page.locator("#status")).toHaveAttribute("data-state", "loading");
  await waitForPython(page);
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print (await (tools.greet "again")))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("Hello, again!");
});

test("Python state survives runs until Restart Python", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", "hits = 0\n\ndef bump():\n    global hits\n    hits += 1\n    return hits\n");
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print "hits" (await (tools.bump)))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("hits 1");
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("hits 2");

  // Editing the file loads it afresh.
  await setFile(page, "tools.py", "hits = 100\n\ndef bump():\n    global hits\n    hits += 1\n    return hits\n");
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("hits 101");

  await button(page, "Restart Python").click();
  await waitForPython(page);
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("hits 101");
  await expect(outputPane(page)).not.toContainText("hits 102");
});

test("Python files can be added, renamed and loaded", async ({ page }) => {
  await openPlayground(page);
  await page.getByRole("button", { name: "Add Python file" }).click();
  const rename = page.getByRole("textbox", { name: "New name for module.py" });
  await expect(rename).toBeFocused();
  await rename.fill("helpers.py");
  await rename.press("Enter");
  await setFile(page, "helpers.py", 'def shout(s):\n    return s.upper() + "!"\n');
  await setProgram(page, '(def h ($py "./helpers.py"))\n(print (await (h.shout "hey")))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("HEY!");
});

test("a share link restores every file without running them", async ({ page, context }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", 'def secret():\n    return "from the shared tools.py"\n');
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print "shared says:" (await (tools.secret)))\n');
  await button(page, "Share").click();
  const link = page.getByRole("textbox", { name: "Share link" });
  await expect(link).toBeVisible();
  const url = await link.inputValue();
  expect(url).toMatch(/#code=[A-Za-z0-9_-]+$/);

  const fresh = await context.newPage();
  await openPlayground(fresh, url.slice(url.indexOf("#")));
  expect(await editorText(fresh)).toBe('(def tools ($py "./tools.py"))\n(print "shared says:" (await (tools.secret)))\n');
  await expect(outputPane(fresh)).toContainText("Press Run");
  await expect(outputPane(fresh)).not.toContainText("shared says:");
  await selectTab(fresh, "tools.py");
  expect(await editorText(fresh)).toContain("from the shared tools.py");
  await runAndWait(fresh);
  await expect(outputPane(fresh)).toContainText("shared says: from the shared tools.py");
});

test("a corrupt or truncated share link says so and opens the default example", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "to be shared, at some length, so the data is long enough to cut")\n');
  await button(page, "Share").click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const fragment = url.slice(url.indexOf("#"));

  for (const broken of [fragment.slice(0, Math.floor(fragment.length / 2)), "#code=not*base64", "#code=AAAA"]) {
    const other = await page.context().newPage();
    await other.goto(`./${broken}`);
    await expect(outputPane(other)).toContainText("could not be opened");
    await expect(outputPane(other)).toContainText("default example");
    expect(await editorText(other)).toContain('(def stats ($py "statistics"))');
    await other.close();
  }
});

test("printed markup is shown as text, never rendered", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "<img src=x onerror=alert(1)>")\n"<b>bold</b>"\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("<img src=x onerror=alert(1)>");
  await expect(outputPane(page)).toContainText('⇒ "<b>bold</b>"');
  await expect(outputPane(page).locator("img, b")).toHaveCount(0);
  await expect(page.locator("img")).toHaveCount(0);
});

/** What each example must print: a few telling lines, checked after a run. */
const exampleExpectations: Record<string, string[]> = {
  "Hello, Python": ["mean: 2.5", "Hello, Ada!"],
  "Keyword arguments": ["[3 2 1]", "3.14", '{"a": [1, 2], "b": 1}', '⇒ "Hello, Bob?"'],
  "Objects and methods": ["6 9 9", 'most common: [["a" 5] ["b" 2]]', "a proxy prints as #<py Counter>", '⇒ "5/6"'],
  Callbacks: ['["ccc" "bb" "a"]', "20", '["LISP" "CALLS" "PYTHON"]', '⇒ ["lisp" "calls" "python"]'],
  "Iteration and generators": ["square 16", '["ab" "ac" "bc"]', "⇒ 10"],
  Macros: ["ran", "swapped: 2 1", "[9 16]", "⇒ 16"],
  Errors: ["caught JSONDecodeError", "age: 42", "now an uncaught one", "ValueError", "Traceback", "in parse_age"],
  "Streaming output": ["counting…", "tick 1", "tick 6", "⇒ 6"],
  "Pictures: Python computes, Lisp draws": ["drew 24 bars from"],
};

test("every example runs and prints what it shows", async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page);
  const titles = await page.locator("#examples option:not([disabled])").allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(6);
  expect(new Set(titles)).toEqual(new Set(Object.keys(exampleExpectations)));
  for (const title of titles) {
    await page.getByRole("combobox", { name: "Examples" }).selectOption({ label: title });
    await runAndWait(page);
    for (const line of exampleExpectations[title]!) {
      await expect(outputPane(page), `example "${title}"`).toContainText(line);
    }
    if (title !== "Errors") await expect(outputPane(page).locator(".output-error"), `example "${title}"`).toHaveCount(0);
  }
});
