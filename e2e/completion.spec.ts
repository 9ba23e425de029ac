// The editor knows Python: completion and hover from the live Pyodide, in Chromium against the dev server.
import { test, expect, type Page } from "@playwright/test";
import { editorText, openPlayground, selectTab, setFile, setProgram } from "./playground-helpers.js";

const completions = (page: Page) => page.locator(".cm-tooltip-autocomplete");

/** The selected editor's view, through the content element (as editorText reads it). */
async function pointerAt(page: Page, pos: number): Promise<{ x: number; y: number }> {
  return page.locator("#editor .cm-content").evaluate((content, at) => {
    type View = { coordsAtPos(pos: number): { left: number; right: number; top: number; bottom: number } | null };
    const view = (content as HTMLElement & { cmTile?: { root?: { view?: View } } }).cmTile?.root?.view;
    const box = view?.coordsAtPos(at);
    if (!box) throw new Error(`no coordinates for position ${at}`);
    return { x: (box.left + box.right) / 2 + 2, y: (box.top + box.bottom) / 2 };
  }, pos);
}

/** Put the cursor at the end of the selected editor. */
async function cursorToEnd(page: Page): Promise<void> {
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("ControlOrMeta+End");
}

test.beforeEach(async ({ page }) => {
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected ${dialog.type()} dialog: ${dialog.message()}`);
  });
  await openPlayground(page);
});

test("stats.me offers mean and median with signatures; picking one inserts it", async ({ page }) => {
  await setProgram(page, `(def stats ($py "statistics"))\n(print (await `);
  await cursorToEnd(page);
  await page.keyboard.type("stats.me");
  const list = completions(page);
  await expect(list).toBeVisible({ timeout: 30_000 });
  await expect(list.getByRole("option", { name: /^mean/ })).toBeVisible();
  await expect(list.getByRole("option", { name: /^median\(/ })).toBeVisible();
  await expect(list.getByRole("option", { name: /^mean/ }).locator(".cm-completionDetail")).toHaveText("(data)");
  await list.getByRole("option", { name: /^median\b/ }).first().click();
  await expect.poll(() => editorText(page)).toBe(`(def stats ($py "statistics"))\n(print (await stats.median`);
});

test("a function the tools.py tab defines is offered with its docstring after editing the tab", async ({ page }) => {
  await setFile(page, "tools.py", `def shout(text, times=1):\n    """Upper-case the text, repeated."""\n    return text.upper() * times\n`);
  await setProgram(page, `(def tools ($py "./tools.py"))\n(print (tools.`);
  await cursorToEnd(page);
  await page.keyboard.type("sh");
  const list = completions(page);
  await expect(list.getByRole("option", { name: /^shout/ })).toBeVisible({ timeout: 30_000 });
  await expect(list.getByRole("option", { name: /^shout/ }).locator(".cm-completionDetail")).toHaveText("(text, times=1)");
  await expect(page.locator(".cm-completionInfo")).toHaveText("Upper-case the text, repeated.");
  await page.keyboard.press("Escape");

  // Edited again: the new function is offered, the old one is gone.
  await setFile(page, "tools.py", `def whisper(text):\n    """Lower-case the text."""\n    return text.lower()\n`);
  await selectTab(page, "main.lisp");
  await cursorToEnd(page);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("w");
  await expect(list.getByRole("option", { name: /^whisper/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".cm-completionInfo")).toHaveText("Lower-case the text.");
});

test("hover shows a Python function's signature and docstring, and where a Lisp name is defined", async ({ page }) => {
  const program = `(def stats ($py "statistics"))\n(defn half "Half of x." [x] (/ x 2))\n(print (half (await (stats.mean [1 2 3]))))`;
  await setProgram(page, program);
  const at = await pointerAt(page, program.indexOf("mean [") + 1);
  await page.mouse.move(at.x, at.y);
  const hover = page.locator(".cm-polyglot-hover");
  await expect(hover).toBeVisible({ timeout: 30_000 });
  await expect(hover.locator(".cm-polyglot-hover-title")).toHaveText("stats.mean — Python function");
  await expect(hover.locator(".cm-polyglot-hover-signature")).toHaveText("(data)");
  await expect(hover.locator(".cm-polyglot-hover-doc")).toContainText("Return the sample arithmetic mean of data.");

  await page.mouse.move(0, 0);
  await expect(hover).toBeHidden();
  const lisp = await pointerAt(page, program.indexOf("(half (") + 2);
  await page.mouse.move(lisp.x, lisp.y);
  await expect(hover.locator(".cm-polyglot-hover-title")).toHaveText("half — function");
  await expect(hover.locator(".cm-polyglot-hover-doc")).toHaveText("Half of x.\ndefined at line 2");
});

test("($py \"…\") offers importable module names", async ({ page }) => {
  await setProgram(page, `(def j ($py "`);
  await cursorToEnd(page);
  await page.keyboard.type("jso");
  await expect(completions(page).getByRole("option", { name: /^json/ })).toBeVisible({ timeout: 30_000 });
});

test("typing keeps echoing while Python is busy in a run; completion answers from the cache or says why", async ({ page }) => {
  const program = `(def stats ($py "statistics"))\n(def time ($py "time"))\n(print "busy")\n(await (time.sleep 60))\n(print "done")`;
  // Asked once while Python is idle: the cache answers during the run.
  await setProgram(page, program + "\n(print (stats.");
  await cursorToEnd(page);
  await page.keyboard.type("me");
  await expect(completions(page).getByRole("option", { name: /^mean/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await setProgram(page, program);
  await cursorToEnd(page);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByRole("log", { name: "Output" })).toContainText("busy", { timeout: 30_000 });
  // The click on Run took the focus: back into the editor, as a user would.
  await cursorToEnd(page);

  // Each key must show in the editor's state; the time to see it is recorded, and only a hang fails.
  const echoes: number[] = [];
  for (const key of "xyzxyzxyzx") {
    const before = await editorText(page);
    const started = Date.now();
    await page.keyboard.type(key);
    await expect.poll(() => editorText(page), { timeout: 5_000 }).toBe(before + key);
    echoes.push(Date.now() - started);
  }
  test.info().annotations.push({ type: "echo ms while Python sleeps", description: echoes.join(", ") });
  console.log(`echo round trips while Python is busy (ms): ${echoes.join(", ")}`);

  await page.keyboard.type("\n(stats.me");
  await expect(completions(page).getByRole("option", { name: /^median\(/ })).toBeVisible({ timeout: 5_000 });
  await page.keyboard.press("Escape");
  // Still running (a minute of sleep), so Python cannot answer for names never asked for.
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
  await page.keyboard.type(" time.mo");
  await expect(completions(page)).toContainText("a program is running", { timeout: 10_000 });
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole("log", { name: "Output" })).not.toContainText("done");
});
