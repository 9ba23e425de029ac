// Shared steps for the playground specs: open the page, edit files, run, read output.
import { expect, type Locator, type Page } from "@playwright/test";

export const screenshotDir = "test-results/screenshots";

/** Python boots in a few seconds locally; allow for a slow 2-core CI machine. */
export const pythonBootTimeout = 120_000;

export function outputPane(page: Page): Locator {
  return page.getByRole("log", { name: "Output" });
}

export function compiledPane(page: Page): Locator {
  return page.getByRole("region", { name: "Compiled JavaScript" });
}

export function button(page: Page, name: "Run" | "Stop" | "Share" | "Restart Python"): Locator {
  return page.getByRole("button", { name, exact: true });
}

/** Open the playground (optionally with a fragment) and wait until Python is ready. */
export async function openPlayground(page: Page, fragment = ""): Promise<void> {
  await page.goto(`./${fragment}`);
  await expect(page.locator("#editor .cm-content")).toBeVisible();
  await waitForPython(page);
}

export async function waitForPython(page: Page): Promise<void> {
  await expect(page.locator("#status")).toHaveAttribute("data-state", "ready", { timeout: pythonBootTimeout });
  await expect(page.locator("#status")).toContainText("Python ready");
}

export async function selectTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await expect(page.getByRole("tab", { name, exact: true })).toHaveAttribute("aria-selected", "true");
}

/** Replace the text of a file (without auto-closing brackets, as a paste would). */
export async function setFile(page: Page, name: string, text: string): Promise<void> {
  await selectTab(page, name);
  const content = page.locator("#editor .cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
}

export async function setProgram(page: Page, text: string): Promise<void> {
  await setFile(page, "main.lisp", text);
}

/** The selected file's text, from CodeMirror's own state. */
export async function editorText(page: Page): Promise<string> {
  return page.locator("#editor .cm-content").evaluate((content) => {
    // What EditorView.findFromDOM reads: the content element's tile knows its view.
    type Doc = { state: { doc: { toString(): string } } };
    const tile = (content as HTMLElement & { cmTile?: { root?: { view?: Doc } } }).cmTile;
    const view = tile?.root?.view;
    if (!view) throw new Error("no CodeMirror view on .cm-content");
    return view.state.doc.toString();
  });
}

/** Press Run and wait for the run to finish (Run enabled again). */
export async function runAndWait(page: Page): Promise<void> {
  await button(page, "Run").click();
  await expect(button(page, "Stop")).toBeDisabled({ timeout: 60_000 });
  await expect(button(page, "Run")).toBeEnabled();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}
