// Issue 9 §1: the bridge's behaviour suite through the playground's program-worker path in
// Chromium (e2e/program-worker-page): one Pyodide worker behind the page's hub, every case in a
// program worker of its own that is terminated when the case ends. One test per case.
import { expect, test, type Page } from "@playwright/test";
import { behaviourCases } from "../test/bridge/behaviour-cases.js";
import type { CaseResult, ProgramWorkerResults } from "./program-worker-page/main.js";
import { NOT_ON_THIS_PATH } from "./program-worker-page/not-on-this-path.js";

const PAGE = "/e2e/program-worker-page/index.html";

test.describe("behaviour through program workers", () => {
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await page.goto(PAGE);
  });
  test.afterAll(() => page.close());

  for (const behaviour of behaviourCases) {
    if (behaviour.name in NOT_ON_THIS_PATH) continue;
    test(behaviour.name, async () => {
      const result = await caseResult(page, behaviour.name);
      expect(result.error ?? "", `case "${behaviour.name}" failed`).toBe("");
      expect(result.ok).toBe(true);
    });
  }

  test("every case's Python objects are released when its worker ends: the table is back to its size", async () => {
    const results = await finished(page);
    expect(results.failed ?? "").toBe("");
    expect(results.objects).toBeDefined();
    expect(results.objects!.after).toBe(results.objects!.before);
  });
});

async function finished(page: Page): Promise<ProgramWorkerResults> {
  const handle = await page.waitForFunction(() => window.__programWorkerResults?.finished && window.__programWorkerResults, undefined, {
    timeout: 240_000,
  });
  return (await handle.jsonValue()) as ProgramWorkerResults;
}

async function caseResult(page: Page, name: string): Promise<CaseResult> {
  const handle = await page.waitForFunction(
    (wanted) => window.__programWorkerResults?.cases[wanted] ?? (window.__programWorkerResults?.finished ? { ok: false, error: "never ran" } : undefined),
    name,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as CaseResult;
}
