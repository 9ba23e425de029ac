// Pictures by content: the sniffer, the size read from each header, and the one-line
// description the CLI prints for `show`.
import { describe, expect, test } from "vitest";
import { byteSize, describePicture } from "../../src/pictures/describe.js";
import { imageSize } from "../../src/pictures/dimensions.js";
import { sniffImage } from "../../src/pictures/sniff.js";
import { gif, jpeg, png, text, webpExtended, webpLossless, webpLossy } from "./fixtures.js";

describe("sniffing", () => {
  test("each type by its magic number, whatever it is called", () => {
    expect(sniffImage(png(1, 1))).toBe("image/png");
    expect(sniffImage(jpeg(1, 1))).toBe("image/jpeg");
    expect(sniffImage(gif(1, 1))).toBe("image/gif");
    expect(sniffImage(text("GIF87a......"))).toBe("image/gif");
    expect(sniffImage(webpLossy(1, 1))).toBe("image/webp");
    expect(sniffImage(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe("image/svg+xml");
  });

  test("SVG after a byte order mark, a prolog, comments and a doctype with an internal subset", () => {
    const svg =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n' +
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY x "y">]>\n' +
      "<svg:svg xmlns:svg='http://www.w3.org/2000/svg'>";
    expect(sniffImage(text(svg))).toBe("image/svg+xml");
    expect(sniffImage(text("\n  <svg\nwidth='1'>"))).toBe("image/svg+xml");
  });

  test("anything else is no picture", () => {
    for (const value of ["", "hello", "<html><svg></svg></html>", "<svgx/>", "<!-- unterminated <svg>", "RIFF\0\0\0\0WAVE", "<?xml"]) {
      expect(sniffImage(text(value)), JSON.stringify(value)).toBeUndefined();
    }
    expect(sniffImage(new Uint8Array([0x89, 0x50]))).toBeUndefined();
  });
});

describe("sizes from headers", () => {
  test("PNG, JPEG, GIF and the three WebP kinds", () => {
    expect(imageSize("image/png", png(320, 200))).toEqual({ width: 320, height: 200 });
    expect(imageSize("image/jpeg", jpeg(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize("image/gif", gif(16, 9))).toEqual({ width: 16, height: 9 });
    expect(imageSize("image/webp", webpLossy(300, 150))).toEqual({ width: 300, height: 150 });
    expect(imageSize("image/webp", webpLossless(77, 33))).toEqual({ width: 77, height: 33 });
    expect(imageSize("image/webp", webpExtended(1000, 2000))).toEqual({ width: 1000, height: 2000 });
  });

  test("SVG from width and height in px, else from the viewBox; unknown units say nothing", () => {
    expect(imageSize("image/svg+xml", text('<svg width="40" height="30px">'))).toEqual({ width: 40, height: 30 });
    expect(imageSize("image/svg+xml", text('<svg viewBox="0 0 120 80" width="100%">'))).toEqual({ width: 120, height: 80 });
    expect(imageSize("image/svg+xml", text('<svg width="4cm" height="3cm">'))).toBeUndefined();
  });

  test("a header cut short gives no size, never an error", () => {
    expect(imageSize("image/png", png(1, 1).subarray(0, 18))).toBeUndefined();
    expect(imageSize("image/jpeg", jpeg(1, 1).subarray(0, 12))).toBeUndefined();
  });
});

describe("the one-line description", () => {
  test("type, size and bytes", () => {
    const bytes = new Uint8Array(5 * 1024 + 100);
    bytes.set(png(320, 200));
    expect(describePicture({ kind: "encoded", mime: "image/png", bytes })).toBe("[picture image/png 320×200, 5.1 KiB]");
    expect(describePicture({ kind: "encoded", mime: "image/svg+xml", bytes: text("<svg width='4cm' height='1cm'/>") })).toBe(
      "[picture image/svg+xml, 31 B]",
    );
    expect(describePicture({ kind: "encoded", mime: "text/html", bytes: new Uint8Array(2048) })).toBe("[html 2.0 KiB]");
    const bitmap = { width: 80, height: 40, close: () => undefined };
    expect(describePicture({ kind: "bitmap", bitmap, width: 80, height: 40 })).toBe("[picture canvas 80×40]");
  });

  test("byte sizes", () => {
    expect([0, 1023, 1024, 10 * 1024, 48 * 1024 + 700, 3 * 1024 * 1024 + 400_000].map(byteSize)).toEqual([
      "0 B",
      "1023 B",
      "1.0 KiB",
      "10 KiB",
      "49 KiB",
      "3.4 MiB",
    ]);
  });
});
