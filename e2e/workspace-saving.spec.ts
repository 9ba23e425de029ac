// Work survives: files saved as edited and restored on reload, the .zip
// download, share links that never overwrite the saved files, Share refusing
// links too long to open, and files a link could not open being listed.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { encodeFiles } from "../src/app/share.js";
import { editorText, outputPane, selectTab, setFile, setProgram } from "./playground-helpers.js";

const savedKey = "polyglot.workspace.v1";

/** Open the page and wait for the editor only: none of these tests needs Python. */
async function openEditor(page: Page, fragment = ""): Promise<void> {
  await page.goto(`./${fragment}`);
  await expect(page.locator("#editor .cm-content")).toBeVisible();
}

function tabNames(page: Page): Promise<string[]> {
  return page.getByRole("tab").allTextContents();
}

async function savedFiles(page: Page): Promise<{ name: string; text: string }[] | undefined> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), savedKey);
  return raw === null ? undefined : (JSON.parse(raw) as { files: { name: string; text: string }[] }).files;
}

/** Replace the selected file's text in one transaction (what a paste of a huge text does). */
async function replaceSelectedFile(page: Page, text: string): Promise<void> {
  await page.locator("#editor .cm-content").evaluate((content, insert) => {
    type View = { state: { doc: { length: number } }; dispatch(spec: unknown): void };
    const view = (content as HTMLElement & { cmTile?: { root?: { view?: View } } }).cmTile?.root?.view;
    if (!view) throw new Error("no CodeMirror view on .cm-content");
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert } });
  }, text);
}

test("every file is kept across a reload, and the open tab with them", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("button", { name: "Add Python file" }).click();
  const rename = page.getByRole("textbox", { name: "New name for module.py" });
  await rename.fill("kept.py");
  await rename.press("Enter");
  await setFile(page, "kept.py", "def kept():\n    return 'still here'\n");
  await setFile(page, "tools.py", "# tools, edited\n");
  await setProgram(page, '(print "edited before the reload")\n');
  await selectTab(page, "kept.py");
  // No wait for the save's pause in typing: pagehide must save the last edit.
  await page.reload();
  await expect(page.locator("#editor .cm-content")).toBeVisible();

  expect(await tabNames(page)).toEqual(["main.lisp", "tools.py", "kept.py"]);
  await expect(page.getByRole("tab", { name: "kept.py", exact: true })).toHaveAttribute("aria-selected", "true");
  expect(await editorText(page)).toBe("def kept():\n    return 'still here'\n");
  await selectTab(page, "tools.py");
  expect(await editorText(page)).toBe("# tools, edited\n");
  await selectTab(page, "main.lisp");
  expect(await editorText(page)).toBe('(print "edited before the reload")\n');

  // A new tab of the same browser opens the same files.
  const other = await page.context().newPage();
  await openEditor(other);
  expect(await editorText(other)).toBe('(print "edited before the reload")\n');
});

test("an edit is saved after a pause in typing, without leaving the page", async ({ page }) => {
  await openEditor(page);
  await setProgram(page, "(+ 1 2)\n");
  await expect.poll(async () => (await savedFiles(page))?.[0]).toEqual({ name: "main.lisp", text: "(+ 1 2)\n" });
});

test("Download saves every file in a .zip", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("button", { name: "Add Python file" }).click();
  await page.getByRole("textbox", { name: "New name for module.py" }).press("Enter");
  await setFile(page, "module.py", "print('ünïcode ✓')\n");
  await setProgram(page, '(print "zipped")\n');
  const expected: Record<string, string> = {};
  for (const name of await tabNames(page)) {
    await selectTab(page, name);
    expected[name] = await editorText(page);
  }

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe("polyglot-workspace.zip");
  const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
  const unzipped = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
  expect(Object.keys(unzipped).sort()).toEqual(["main.lisp", "module.py", "tools.py"]);
  expect(unzipped).toEqual(expected);
  expect(unzipped["module.py"]).toBe("print('ünïcode ✓')\n");
});

test("a share link opens in a workspace of its own and leaves the saved files alone", async ({ page, context }) => {
  await openEditor(page);
  await setProgram(page, '(print "my own work")\n');
  await expect.poll(async () => (await savedFiles(page))?.[0]?.text).toBe('(print "my own work")\n');
  const own = await savedFiles(page);

  const fragment = await encodeFiles([
    { name: "main.lisp", text: '(print "from the link")\n' },
    { name: "linked.py", text: "x = 1\n" },
  ]);
  const shared = await context.newPage();
  await openEditor(shared, `#${fragment}`);
  expect(await editorText(shared)).toBe('(print "from the link")\n');
  expect(await tabNames(shared)).toEqual(["main.lisp", "linked.py"]);
  await expect(outputPane(shared)).toContainText("Press Run");
  await expect(outputPane(shared)).toContainText("your saved files are kept");
  const notice = shared.locator("#workspace-notice");
  await expect(notice).toContainText("workspace of its own");

  // Editing the shared program saves it under the link, never over the saved files.
  await setProgram(shared, '(print "from the link, edited")\n');
  await shared.reload();
  await expect(shared.locator("#editor .cm-content")).toBeVisible();
  expect(await editorText(shared)).toBe('(print "from the link, edited")\n');
  await expect(outputPane(shared)).toContainText("earlier edits to this shared program are back");
  expect(await savedFiles(shared)).toEqual(own);

  // And the way back opens the saved files.
  await notice.getByRole("button", { name: "Open my saved files" }).click();
  await expect(shared).not.toHaveURL(/#code=/);
  await expect.poll(() => editorText(shared)).toBe('(print "my own work")\n');
  await expect(shared.locator("#workspace-notice")).toBeHidden();
});

test("Share of a program too big for a link says so and offers the .zip", async ({ page }) => {
  await openEditor(page);
  // Random text barely compresses: about 1.3 million characters make a link well over the limit.
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let big = "data = '";
  for (let i = 0; i < 1_300_000; i++) big += alphabet[Math.floor(Math.random() * alphabet.length)];
  big += "'\n";
  await selectTab(page, "tools.py");
  await replaceSelectedFile(page, big);
  const urlBefore = page.url();

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const message = page.locator("#share-message");
  await expect(message).toContainText("too big to share as a link");
  await expect(message).not.toContainText("copied");
  await expect(page.getByRole("textbox", { name: "Share link" })).toBeHidden();
  expect(page.url()).toBe(urlBefore);

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#share-panel").getByRole("button", { name: "Download .zip" }).click()]);
  const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
  expect(strFromU8(entries["tools.py"] ?? new Uint8Array())).toBe(big);

  // A program of ordinary size still gets its link.
  await replaceSelectedFile(page, "small = 1\n");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Share link" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Share link" })).toHaveValue(/#code=/);
});

test("files a share link cannot open are listed, not dropped silently", async ({ page }) => {
  const fragment = await encodeFiles([
    { name: "main.lisp", text: '(print "hello")\n' },
    { name: "../../etc/evil.py", text: "evil = True\n" },
    { name: "ok.py", text: "first = 1\n" },
    { name: "ok.py", text: "second = 2\n" },
    { name: "main.lisp", text: "(print 2)\n" },
    { name: "bad\u202Egnp.py", text: "\n" },
  ]);
  await openEditor(page, `#${fragment}`);
  const out = outputPane(page);
  await expect(out).toContainText("This link's files not opened:");
  await expect(out).toContainText('"../../etc/evil.py" (not a Python module name');
  await expect(out).toContainText('"ok.py" (a duplicate name)');
  await expect(out).toContainText('"main.lisp" (a second main.lisp)');
  // The bidirectional override is shown as an escape, not obeyed.
  await expect(out).toContainText('"bad\\u202egnp.py"');
  expect(await tabNames(page)).toEqual(["main.lisp", "ok.py"]);
  await selectTab(page, "ok.py");
  expect(await editorText(page)).toBe("first = 1\n");
  await selectTab(page, "main.lisp");
  expect(await editorText(page)).toBe('(print "hello")\n');
});

test("picking an example keeps the files that were open, and brings them back", async ({ page }) => {
  await openEditor(page);
  await setProgram(page, '(print "work before the example")\n');
  await page.getByRole("combobox", { name: "Examples" }).selectOption({ label: "Macros" });
  await expect.poll(() => editorText(page)).not.toContain("work before the example");
  const notice = page.locator("#workspace-notice");
  await expect(notice).toContainText("The files open before are kept.");

  // Still there after a reload: the example is what is saved now, the work before it is kept apart.
  await page.reload();
  await expect(page.locator("#editor .cm-content")).toBeVisible();
  expect(await editorText(page)).not.toContain("work before the example");
  const kept = await page.evaluate(() => localStorage.getItem("polyglot.replaced.v1"));
  expect(kept).toContain("work before the example");

  // An edited example replaced in turn is kept too, and brought back with the button.
  await setProgram(page, '(print "edited macros")\n');
  await page.getByRole("combobox", { name: "Examples" }).selectOption({ label: "Callbacks" });
  await expect.poll(() => editorText(page)).not.toContain("edited macros");
  await notice.getByRole("button", { name: "Bring them back" }).click();
  await expect.poll(() => editorText(page)).toBe('(print "edited macros")\n');
  await expect(notice).toBeHidden();
  // The untouched Callbacks example it replaced is not kept; the work from before still is.
  const list = JSON.parse((await page.evaluate(() => localStorage.getItem("polyglot.replaced.v1"))) ?? "[]") as { files: { text: string }[] }[];
  expect(list.map((entry) => entry.files[0]?.text)).toEqual(['(print "work before the example")\n']);
});

test("an example opened over a share link keeps both the link's edits and the saved files", async ({ page, context }) => {
  await openEditor(page);
  await setProgram(page, '(print "my own work")\n');
  await expect.poll(async () => (await savedFiles(page))?.[0]?.text).toBe('(print "my own work")\n');
  const fragment = await encodeFiles([{ name: "main.lisp", text: '(print "from the link")\n' }]);

  const shared = await context.newPage();
  await openEditor(shared, `#${fragment}`);
  await setProgram(shared, '(print "from the link, edited")\n');
  await shared.getByRole("combobox", { name: "Examples" }).selectOption({ label: "Macros" });
  await expect(shared).not.toHaveURL(/#code=/);
  const notice = shared.locator("#workspace-notice");
  await expect(notice).toContainText("The files open before are kept.");
  await notice.getByRole("button", { name: "Bring them back" }).click();
  await expect.poll(() => editorText(shared)).toBe('(print "my own work")\n');

  // The link's edits stayed under the link.
  const again = await context.newPage();
  await openEditor(again, `#${fragment}`);
  expect(await editorText(again)).toBe('(print "from the link, edited")\n');
});

test("a second tab saving the same files is noticed, and its files can be opened here", async ({ page, context }) => {
  await openEditor(page);
  const other = await context.newPage();
  await openEditor(other);
  await setProgram(other, '(print "from the other tab")\n');
  const notice = page.locator("#workspace-notice");
  await expect(notice).toContainText("Another tab saved changes to these files.");
  await notice.getByRole("button", { name: "Open that tab's files here" }).click();
  await expect.poll(() => editorText(page)).toBe('(print "from the other tab")\n');
});
