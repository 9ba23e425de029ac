// `(show x)`: JS pictures reach the sink at once, Python objects by Python's rules
// (the repr dispatch in py/polyglot_runtime/pictures.py, here on CPython), Python's
// own show() through the bridge's display event, and anything else a clear error.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PythonBridge } from "../../src/bridge/index.js";
import type { EncodedPicture, Picture } from "../../src/pictures/picture.js";
import { runProgram } from "../../src/runner/index.js";
import { NodePythonTransport } from "../../src/transports/node-python.js";
import { gif, png } from "../pictures/fixtures.js";
import { run } from "./helpers.js";

/** Run a program, collecting what it prints and shows, in one stream. */
async function shows(source: string, bridge?: PythonBridge): Promise<{ events: (string | Picture)[]; error?: string }> {
  const events: (string | Picture)[] = [];
  const result = await runProgram(source, {
    filename: "show.lisp",
    bridge,
    write: (text) => events.push(text),
    show: (picture) => events.push(picture),
  });
  return result.ok ? { events } : { events, error: result.error.text };
}

const mimeOf = (event: string | Picture) => (typeof event === "string" ? event : event.kind === "encoded" ? event.mime : "bitmap");

describe("show of JS values", () => {
  test("bytes are sniffed, and the picture comes in order with the prints", async () => {
    const source = `(print "a")\n(show (new Uint8Array [${Array.from(png(3, 2)).join(" ")}]))\n(print "b")`;
    const { events, error } = await shows(source);
    expect(error).toBeUndefined();
    expect(events.map(mimeOf)).toEqual(["a\n", "image/png", "b\n"]);
    expect((events[1] as EncodedPicture).bytes).toEqual(png(3, 2));
  });

  test("SVG bytes from text", async () => {
    const { events } = await shows(`(show (.encode (new TextEncoder) "<svg xmlns='http://www.w3.org/2000/svg'/>"))`);
    expect(events.map(mimeOf)).toEqual(["image/svg+xml"]);
  });

  test("without a sink, a picture is one line of text (what the CLI prints)", async () => {
    const { output, value } = await run(`(show (new Uint8Array [${Array.from(gif(32, 16)).join(" ")}]))`);
    expect(output).toBe("[picture image/gif 32×16, 13 B]\n");
    expect(value).toBeNull();
  });

  test("anything else is refused, naming what it got and what show takes", async () => {
    const cases: [string, string][] = [
      ["42", "cannot draw the number 42"],
      ['"<svg/>"', 'cannot draw the string "<svg/>"'],
      ["nil", "cannot draw nil"],
      ["{:a 1}", "cannot draw {:a 1}"],
      ["[1 2]", "cannot draw an array [1 2]"],
      ["(new ArrayBuffer 4)", "cannot draw an ArrayBuffer (wrap it as bytes: (new Uint8Array buffer))"],
      ["(new Float32Array 2)", "cannot draw a Float32Array (only a Uint8Array of an image's bytes is a picture)"],
    ];
    for (const [value, message] of cases) {
      const { error } = await run(`(show ${value})`);
      expect((error as Error).message, value).toContain(`show: ${message}`);
      expect((error as Error).message).toContain("PNG, JPEG, GIF, WebP or SVG image, a canvas from (canvas w h), or a Python object with _repr_png_");
    }
    const { error } = await run("(show (new Uint8Array [0 1 2 255]))");
    expect((error as Error).message).toBe("show: got 4 bytes that are not a PNG, JPEG, GIF, WebP or SVG image (they start with 00 01 02 ff)");
  });

  test("canvas: a clear error where there is no OffscreenCanvas (Node), and for a bad size", async () => {
    expect(((await run("(canvas 10 10)")).error as Error).message).toContain("canvas: this JavaScript runtime has no OffscreenCanvas (Node has none)");
    expect(((await run("(canvas 0 10)")).error as Error).message).toBe("canvas: the width must be a whole number of pixels from 1 to 16384, got 0");
    expect(((await run('(canvas 10 "x")')).error as Error).message).toContain('the height must be a whole number of pixels from 1 to 16384, got "x"');
  });
});

describe("show of Python objects (repr dispatch, on CPython)", () => {
  const bridge = new PythonBridge(new NodePythonTransport(), { callSites: "capture" });
  afterAll(() => bridge.close());
  const pythonClasses = `
class Png:
    def _repr_png_(self): return bytes(${JSON.stringify(Array.from(png(4, 4)))})
class Svg:
    def _repr_svg_(self): return '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'
class Html:
    def _repr_html_(self): return '<table><td>1</td></table>'
class PngOrSvg:
    def _repr_png_(self): return None
    def _repr_svg_(self): return '<svg xmlns="http://www.w3.org/2000/svg"/>'
class Plain:
    pass
def python_shows():
    print('from python')
    show(Svg())
    show(Html())
`;
  beforeAll(() => bridge.exec("show_fixtures", pythonClasses));
  const classes = '(def m ($py "show_fixtures"))\n';

  test("_repr_png_, _repr_svg_, _repr_html_, in order with the prints when awaited", async () => {
    const { events, error } = await shows(
      classes +
        `(print "png") (await (show (await (m.Png))))
(print "svg") (await (show (await (m.Svg))))
(print "none, then svg") (await (show (await (m.PngOrSvg))))
(print "html") (await (show (await (m.Html))))
(print "end")`,
      bridge,
    );
    expect(error).toBeUndefined();
    expect(events.map(mimeOf)).toEqual(["png\n", "image/png", "svg\n", "image/svg+xml", "none, then svg\n", "image/svg+xml", "html\n", "text/html", "end\n"]);
    expect((events[1] as EncodedPicture).bytes).toEqual(png(4, 4));
    expect(new TextDecoder().decode((events[7] as EncodedPicture).bytes)).toBe("<table><td>1</td></table>");
  });

  test("a show the program does not await still reaches the output before the run ends", async () => {
    const { events, error } = await shows(classes + `(show (await (m.Svg)))\n(print "not awaited")`, bridge);
    expect(error).toBeUndefined();
    expect(events.map(mimeOf)).toEqual(["not awaited\n", "image/svg+xml"]);
  });

  test("Python's own show() arrives as the bridge's display event", async () => {
    const { events, error } = await shows(classes + "(await (m.python_shows))", bridge);
    expect(error).toBeUndefined();
    expect(events.map(mimeOf)).toEqual(["from python\n", "image/svg+xml", "text/html"]);
  });

  test("a Python object that is no picture: Python's TypeError naming its type", async () => {
    const { error } = await shows(classes + "(await (show (await (m.Plain))))", bridge);
    expect(error).toContain("TypeError: show() cannot draw a Plain: it takes bytes of a PNG, JPEG, GIF, WebP or SVG image");
  });
});
