// Issue 9 §4: pictures in the output. `show` of bytes, of a Python object's
// _repr_svg_ and of a canvas gives visible images, in order with the text; HTML
// and SVG that hold script are shown without the script ever running.
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { openPlayground, outputPane, runAndWait, screenshot, setFile, setProgram } from "./playground-helpers";

/** A PNG writer in the standard library, so Python can hand Lisp real image bytes. */
const pngPy = `import struct, zlib


def png(width, height, rgb):
    raw = b"".join(b"\\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class Badge:
    def _repr_svg_(self):
        return '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><rect width="60" height="40" fill="teal"/></svg>'


def py_show():
    show(png(30, 20, (200, 0, 0)))
`;

/** Everything a picture could try, to reach the page. */
const hostilePy = `class Table:
    def _repr_html_(self):
        return (
            "<table><tr><td>cell 42</td></tr></table>"
            "<script>document.body.append('SCRIPT RAN'); parent.document.title = 'PWNED-HTML'; top.pwnedHtml = 1</script>"
            "<img src=missing onerror=\\"parent.document.title = 'PWNED-ONERROR'\\">"
        )


EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="top.document.title = \\'PWNED-SVG-ONLOAD\\'">'
    b'<script>top.document.title = "PWNED-SVG"; top.pwnedSvg = 1</script>'
    b'<rect width="40" height="40" fill="red"/></svg>'
)


class EvilSvg:
    def _repr_svg_(self):
        return EVIL_SVG.decode()


def py_show_html():
    show(Table())
`;

/** Wait until every image in the pane has loaded; their natural sizes, in order. */
async function loadedImages(images: Locator): Promise<{ alt: string; width: number; height: number }[]> {
  await expect.poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
  return images.evaluateAll((all) =>
    all.map((img) => {
      const image = img as HTMLImageElement;
      return { alt: image.alt, width: image.naturalWidth, height: image.naturalHeight };
    }),
  );
}

/** The colour in the middle of an image, drawn on a canvas of the page's own. */
async function middleColour(image: Locator): Promise<number[]> {
  return image.evaluate((img) => {
    const image = img as HTMLImageElement;
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data.slice(0, 3));
  });
}

/** The pane's children in order: "img" for an image, its text otherwise. */
async function paneSequence(page: Page): Promise<string[]> {
  return outputPane(page).evaluate((pane) =>
    Array.from(pane.children).map((child) => (child.querySelector("img") ? "img" : (child.textContent ?? "").trim())),
  );
}

test("a picture from bytes, from _repr_svg_ and from a canvas: visible images, in order", async ({ page }) => {
  await openPlayground(page);
  await setFile(page, "tools.py", pngPy);
  await setProgram(
    page,
    `(def tools ($py "./tools.py"))
(print "bytes:")
(show (await (tools.png 50 30 [0 128 0])))
(print "svg:")
(await (show (await (tools.Badge))))
(print "canvas:")
(def c (canvas 80 40))
(def ctx (.getContext c "2d"))
(set! ctx.fillStyle "#3366cc")
(.fillRect ctx 0 0 80 40)
(show c)
(set! ctx.fillStyle "#ff0000")
(.fillRect ctx 0 0 80 40)
(print "python show:")
(await (tools.py_show))
(print "done")
`,
  );
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("done");
  await expect(outputPane(page).locator(".output-error")).toHaveCount(0);

  const images = outputPane(page).locator(".output-picture img");
  await expect(images).toHaveCount(4);
  for (const image of await images.all()) await expect(image).toBeVisible();
  const shown = await loadedImages(images);
  expect(shown.map(({ width, height }) => [width, height])).toEqual([
    [50, 30],
    [60, 40],
    [80, 40],
    [30, 20],
  ]);
  expect(shown.map(({ alt }) => alt)).toEqual([
    expect.stringMatching(/^picture image\/png 50×30, \d+ B$/),
    expect.stringMatching(/^picture image\/svg\+xml 60×40, \d+ B$/),
    "picture canvas 80×40",
    expect.stringMatching(/^picture image\/png 30×20, \d+ B$/),
  ]);
  // The bytes are the image Python made; the canvas is as it was at show (drawn over in red after).
  expect(await middleColour(images.nth(0))).toEqual([0, 128, 0]);
  expect(await middleColour(images.nth(2))).toEqual([51, 102, 204]);
  expect(await middleColour(images.nth(3))).toEqual([200, 0, 0]);
  expect(await paneSequence(page)).toEqual(["bytes:", "img", "svg:", "img", "canvas:", "img", "python show:", "img", "done"]);
  // Download output keeps a line for each picture.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download output" }).click()]);
  const saved = await readFile(await download.path(), "utf8");
  expect(saved).toMatch(/^bytes:\n\[picture image\/png 50×30, \d+ B\]\nsvg:\n\[picture image\/svg\+xml 60×40, \d+ B\]\ncanvas:\n\[picture canvas 80×40\]\n/);
});

test("HTML and SVG holding script are shown, and no script runs", async ({ page }) => {
  await openPlayground(page);
  const title = await page.title();
  await setFile(page, "tools.py", hostilePy);
  await setProgram(
    page,
    `(def tools ($py "./tools.py"))
(await (show (await (tools.Table))))
(show (await (. tools EVIL_SVG)))
(await (show (await (tools.EvilSvg))))
(show (.encode (new TextEncoder) "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><script>top.pwnedLisp = 1</script></svg>"))
(await (tools.py_show_html))
(print "shown")
`,
  );
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("shown");
  await expect(outputPane(page).locator(".output-error")).toHaveCount(0);

  // The HTML is there, in frames sandboxed with every restriction: no scripts, no same origin.
  const frames = outputPane(page).locator("iframe.output-html");
  await expect(frames).toHaveCount(2);
  for (const frame of await frames.all()) {
    await expect(frame).toBeVisible();
    await expect(frame).toHaveAttribute("sandbox", "");
  }
  const table = page.frameLocator("iframe.output-html >> nth=0");
  await expect(table.locator("td")).toHaveText("cell 42");
  await expect(table.locator("body")).not.toContainText("SCRIPT RAN");

  // The SVGs are images (never markup in the page), and their URLs are gone once loaded.
  const images = outputPane(page).locator(".output-picture img");
  await expect(images).toHaveCount(3);
  await loadedImages(images);
  expect(await outputPane(page).locator("svg").count()).toBe(0);
  const stillLoadable = await images.evaluateAll(async (all) =>
    Promise.all(all.map((img) => fetch((img as HTMLImageElement).src).then(() => true, () => false))),
  );
  expect(stillLoadable).toEqual([false, false, false]);

  // Give any handler a moment, then: nothing reached the page.
  await page.waitForTimeout(500);
  expect(await page.title()).toBe(title);
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return [g.pwnedHtml, g.pwnedSvg, g.pwnedLisp];
  });
  expect(globals).toEqual([undefined, undefined, undefined]);
  await screenshot(page, "pictures-hostile");
});

test("show of something that is not a picture says what it got and what it takes", async ({ page }) => {
  await openPlayground(page);
  await setProgram(page, '(print "before")\n(show {:a 1})\n');
  await runAndWait(page);
  const error = outputPane(page).locator(".output-error");
  await expect(error).toContainText("show: cannot draw {:a 1}");
  await expect(error).toContainText("PNG, JPEG, GIF, WebP or SVG");
});

test("the pictures example draws its histogram", async ({ page }) => {
  await openPlayground(page);
  await page.getByRole("combobox", { name: "Examples" }).selectOption({ label: "Pictures: Python computes, Lisp draws" });
  await runAndWait(page);
  await expect(outputPane(page)).toContainText("drew 24 bars from");
  const images = outputPane(page).locator(".output-picture img");
  await expect(images).toHaveCount(1);
  await expect(images).toBeVisible();
  expect(await loadedImages(images)).toEqual([{ alt: "picture canvas 480×200", width: 480, height: 200 }]);
  await screenshot(page, "pictures-example");
});
