// Issue 12 in the playground (dev server): the site's package folder (the fixture wheels that
// playwright.config.ts serves) imports on first use; a wheel added in the Packages panel imports,
// comes back after Restart Python and a reload, and goes when removed; a missing package is a
// clear error at its Lisp form; a share link names its packages and opening it says which are
// missing. Every wheel is made here or in test/packages, with no network.
import { expect, test, type Page } from "@playwright/test";
import { decodeLink } from "../src/app/share.js";
import { makeWheel, type FixtureWheel } from "../test/packages/fixture-wheels.js";
import { button, openPlayground, outputPane, runAndWait, screenshot, setProgram, waitForPython } from "./playground-helpers.js";

const MISSING = (name: string) => `ModuleNotFoundError: ${name} is not available in this Pyodide; add its wheel to the package folder (docs/packages.md)`;

/** A wheel the site does not serve; it needs greeter, which the site does. */
const shouter = (): FixtureWheel =>
  makeWheel({
    distribution: "shouter",
    version: "1.0",
    topLevel: ["shouter"],
    requires: ["greeter"],
    files: { "shouter/__init__.py": "import greeter\n\ndef shout(name):\n    return greeter.greet(name) + '!'\n" },
  });

const shoutProgram = '(def shouter ($py "shouter"))\n(print (await (shouter.shout "bo")))\n';

function panel(page: Page) {
  return page.getByRole("region", { name: "Packages" });
}

async function openPanel(page: Page): Promise<void> {
  if (await panel(page).isHidden()) await page.locator("#packages").click();
  await expect(panel(page)).toBeVisible();
}

function packageRow(page: Page, name: string) {
  return panel(page).locator(`li[data-package="${name}"]`);
}

async function pickWheels(page: Page, wheels: { file: string; bytes: Uint8Array }[]): Promise<void> {
  await openPanel(page);
  await page.locator("#wheel-picker").setInputFiles(wheels.map(({ file, bytes }) => ({ name: file, mimeType: "application/zip", buffer: Buffer.from(bytes) })));
}

async function runShout(page: Page): Promise<void> {
  await setProgram(page, shoutProgram);
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("HELLO BO!");
  await expect(outputPane(page).locator(".output-error")).toHaveCount(0);
}

test("a program imports the site's wheel and its dependency on first use; the status bar names them and their size", async ({ page }) => {
  await openPlayground(page);
  await openPanel(page);
  await expect(packageRow(page, "greeter")).toContainText("served by this site · not loaded yet");
  await expect(packageRow(page, "greet-core")).toBeVisible();
  await page.keyboard.press("Escape");

  await setProgram(page, '(def greeter ($py "greeter"))\n(print (await (greeter.greet "ada")))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("HELLO ADA");
  await expect(page.locator("#status")).toContainText(/installed greet-core \(\d+ KiB\), greeter \(\d+ KiB\)/);
  await openPanel(page);
  await expect(packageRow(page, "greeter")).toContainText("loaded");
  await expect(packageRow(page, "greeter")).not.toContainText("not loaded");
  await expect(packageRow(page, "record-only")).toContainText("not loaded yet");
});

test("a wheel added with the picker imports, comes back after Restart Python and a reload, and goes when removed", async ({ page }) => {
  await openPlayground(page);
  await pickWheels(page, [shouter()]);
  await expect(panel(page).getByRole("status")).toContainText("Added shouter 1.0; import shouter from a program.");
  await expect(packageRow(page, "shouter")).toContainText("added in this browser");
  await expect(page.locator("#packages")).toHaveText("Packages (1 added)");
  await screenshot(page, "packages-panel");
  await page.keyboard.press("Escape");
  await runShout(page);

  // A fresh interpreter gets the wheel again before it counts as ready.
  await button(page, "Restart Python").click();
  await waitForPython(page);
  await runShout(page);

  // So does the next page: the wheel is kept in IndexedDB.
  await page.reload();
  await waitForPython(page);
  await runShout(page);

  await openPanel(page);
  await packageRow(page, "shouter").getByRole("button", { name: "Remove shouter" }).click();
  await expect(panel(page).getByRole("status")).toContainText("Removed shouter. This Python has loaded it already: it stays importable until Restart Python.");
  await expect(packageRow(page, "shouter")).toHaveCount(0);
  await expect(panel(page)).toContainText("shouter: removed; loaded in this Python until Restart Python");
  await button(page, "Restart Python").click();
  await waitForPython(page);
  await setProgram(page, shoutProgram);
  await runAndWait(page);
  await expect(outputPane(page)).toContainText(MISSING("shouter"));

  await page.reload();
  await waitForPython(page);
  await openPanel(page);
  await expect(packageRow(page, "greeter")).toBeVisible();
  await expect(packageRow(page, "shouter")).toHaveCount(0);
  await expect(page.locator("#packages")).toHaveText("Packages");
});

test("a wheel dropped on the panel is added; a file that is no pure-Python wheel is refused, saying why", async ({ page }) => {
  await openPlayground(page);
  await openPanel(page);
  const dropped = makeWheel({ distribution: "dropped_pkg", version: "0.3", files: { "dropped_pkg.py": "WORD = 'dropped'\n" } });
  await page.locator("#packages-panel").evaluate((target, wheel) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(wheel.bytes)], wheel.file, { type: "application/zip" }));
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { file: dropped.file, bytes: [...dropped.bytes] });
  await expect(panel(page).getByRole("status")).toContainText("Added dropped-pkg 0.3; import dropped_pkg from a program.");
  await page.keyboard.press("Escape");
  await setProgram(page, '(print (await (. ($py "dropped_pkg") WORD)))\n');
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("dropped");

  const native = makeWheel({ distribution: "native", version: "1.0", files: { "native.py": "" } });
  await pickWheels(page, [{ file: "native-1.0-cp314-cp314-pyodide_2025_0_wasm32.whl", bytes: native.bytes }, { file: "notes.txt", bytes: new Uint8Array([1]) }]);
  const message = panel(page).getByRole("status");
  await expect(message).toContainText("native-1.0-cp314-cp314-pyodide_2025_0_wasm32.whl is not a pure-Python wheel");
  await expect(message).toContainText("notes.txt is not a wheel (a .whl file).");
  await expect(message).toHaveAttribute("data-kind", "error");
  await expect(packageRow(page, "native")).toHaveCount(0);
});

test("a missing package is an error at its Lisp form, saying what to do, without importlib's frames", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "before")\n(print (await ((. ($py "numpy") sum) [1 2 3 4])))\n');
  await runAndWait(page);
  const output = outputPane(page);
  await expect(output).toContainText("before");
  await expect(output).toContainText("main.lisp:2:");
  await expect(output).toContainText(MISSING("numpy"));
  await expect(output).not.toContainText("importlib");
  await expect(output).not.toContainText("<frozen");
  await expect(page.locator("#editor .cm-runError-line")).toHaveCount(1);
  await expect(page.locator("#editor .cm-runError-line")).toContainText('($py "numpy")');
  await expect(page.locator("#editor .cm-runError-message")).toContainText("numpy is not available in this Pyodide");
});

test("a share link names the packages its program needs, never their wheels; opening it elsewhere says which are missing", async ({ page, browser }) => {
  await openPlayground(page);
  await pickWheels(page, [shouter()]);
  await expect(packageRow(page, "shouter")).toBeVisible();
  await page.keyboard.press("Escape");
  await setProgram(page, shoutProgram);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  await expect(page.locator("#share-message")).toContainText("It names the packages the program needs (greet-core, greeter, shouter), not their wheels.");
  const shared = await decodeLink(new URL(link).hash);
  expect(shared.packages).toEqual(["greet-core", "greeter", "shouter"]);
  expect(shared.files.map((file) => file.name)).toEqual(["main.lisp", "tools.py"]); // and no wheel anywhere

  // Another browser profile: this site serves greeter and greet-core, nobody added shouter.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(link);
  await waitForPython(other);
  const message = "This program needs a package this playground does not have: shouter. Add its wheel with Packages";
  await expect(outputPane(other)).toContainText(message);
  await openPanel(other);
  await expect(panel(other).getByRole("status")).toContainText(message);
  await elsewhere.close();

  // Where the wheel is added, the same link opens without the warning (the address is the link already).
  expect(page.url()).toBe(link);
  await page.reload();
  await waitForPython(page);
  await expect(outputPane(page)).toContainText("Opened a shared program");
  await expect(outputPane(page)).not.toContainText("does not have");
});
