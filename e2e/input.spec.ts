// Issue 9 §5: Python's input() and Lisp's (read-line) ask in the output pane;
// Enter sends the line, Stop cancels the wait and the next run works.
import { expect, test, type Page } from "@playwright/test";
import { button, openPlayground, outputPane, screenshot, setFile, setProgram } from "./playground-helpers";

/** The field the program asks with, found by its prompt. */
function field(page: Page, prompt: string) {
  return outputPane(page).getByRole("textbox", { name: prompt });
}

async function finished(page: Page): Promise<void> {
  await expect(button(page, "Stop")).toBeDisabled({ timeout: 60_000 });
  await expect(button(page, "Run")).toBeEnabled();
}

test("input() answered in the pane: the answer is printed, the transcript stays", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", 'def greet():\n    print("before asking")\n    name = input("Your name? ")\n    return "Hello, " + name\n');
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print (await (tools.greet)))\n');
  await button(page, "Run").click();
  const asked = field(page, "Your name?");
  await expect(asked).toBeVisible();
  await expect(asked).toBeFocused();
  await expect(outputPane(page)).toContainText("before asking");
  await asked.fill("Ada");
  await screenshot(page, "input-asking");
  await asked.press("Enter");
  await finished(page);
  await expect(outputPane(page)).toContainText("Your name? Ada\nHello, Ada");
  await expect(outputPane(page).getByRole("textbox")).toHaveCount(0);
  await screenshot(page, "input-answered");
});

test("read-line answered in the pane, twice; Ctrl-D in an empty field is end of input (nil)", async ({ page }) => {
  await openPlayground(page);
  await setProgram(
    page,
    '(print "first" (await (read-line "One: ")))\n(print "second" (await (read-line "Two: ")))\n(print "then" (await (read-line "Three: ")))\n',
  );
  await button(page, "Run").click();
  await field(page, "One:").fill("apple");
  await field(page, "One:").press("Enter");
  await field(page, "Two:").fill("pear");
  await field(page, "Two:").press("Enter");
  await field(page, "Three:").press("Control+d");
  await finished(page);
  await expect(outputPane(page)).toContainText("One: apple\nfirst apple\nTwo: pear\nsecond pear\nThree: \nthen nil");
});

test("Stop while input() waits: Python gets KeyboardInterrupt, the run ends as stopped, the next run works", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", "last = None\n\ndef ask():\n    global last\n    try:\n        return input('Waiting: ')\n    except BaseException as e:\n        last = type(e).__name__\n        raise\n\ndef last_error():\n    return last\n");
  await setProgram(page, '(def tools ($py "./tools.py"))\n(print (await (tools.ask)))\n');
  await button(page, "Run").click();
  await expect(field(page, "Waiting:")).toBeVisible();
  await button(page, "Stop").click();
  await expect(button(page, "Run")).toBeEnabled({ timeout: 2_000 });
  await expect(outputPane(page)).toContainText("Stopped");
  await expect(outputPane(page).getByRole("textbox")).toHaveCount(0);

  await setProgram(page, '(def tools ($py "./tools.py"))\n(print "last" (await (tools.last_error)))\n(print "again" (await (read-line "Again? ")))\n');
  await button(page, "Run").click();
  await field(page, "Again?").fill("yes");
  await field(page, "Again?").press("Enter");
  await finished(page);
  await expect(outputPane(page)).toContainText("last KeyboardInterrupt");
  await expect(outputPane(page)).toContainText("again yes");
});

test("Stop while read-line waits ends the run as stopped", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "asking")\n(print "got" (await (read-line "Lisp asks: ")))\n');
  await button(page, "Run").click();
  await expect(field(page, "Lisp asks:")).toBeVisible();
  await button(page, "Stop").click();
  await expect(button(page, "Run")).toBeEnabled({ timeout: 2_000 });
  await expect(outputPane(page)).toContainText("Stopped");
  await expect(outputPane(page)).not.toContainText("got");
});
