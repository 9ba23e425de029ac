// The prelude's `(show x)` and `(canvas w h)`: what counts as a picture on the
// JS side, and how a Python object becomes one (Python's own rules, in
// py/polyglot_runtime/pictures.py, so `show` means the same in both languages).
// Anything else is refused with an error naming what it got: never a silent nothing.
import { PICTURE_TYPES } from "../protocol/contract.js";
import { pythonMeta } from "../protocol/markers.js";
import type { PictureType } from "../protocol/messages.js";
import type { BitmapPicture, EncodedPicture, Picture } from "../pictures/picture.js";
import { sniffImage } from "../pictures/sniff.js";
import { readable } from "./printer.js";

export const SHOW_ACCEPTS =
  "bytes (a Uint8Array) of a PNG, JPEG, GIF, WebP or SVG image, a canvas from (canvas w h), " +
  "or a Python object with _repr_png_, _repr_jpeg_, _repr_svg_ or _repr_html_ (or a matplotlib figure)";

/** Where `$py` modules come from; show needs Python's picture rules for a Python object. */
export type ModuleLoader = (name: string) => unknown;

/** The picture of a JS value; throws a TypeError for anything that is not one. */
export function jsPicture(value: unknown): Picture {
  if (value instanceof Uint8Array) return bytesPicture(value);
  if (isCanvas(value)) return canvasPicture(value);
  throw new TypeError(`show: cannot draw ${described(value)}; it takes ${SHOW_ACCEPTS}`);
}

function bytesPicture(bytes: Uint8Array): EncodedPicture {
  const mime = sniffImage(bytes);
  if (mime) return { kind: "encoded", mime, bytes };
  const start = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new TypeError(
    `show: got ${bytes.length} bytes that are not a PNG, JPEG, GIF, WebP or SVG image (they start with ${start || "nothing"})`,
  );
}

/** A picture by Python's rules (`polyglot_runtime.pictures.picture_of`), one round trip. */
export async function pythonPicture(value: unknown, module: ModuleLoader | undefined): Promise<EncodedPicture> {
  if (!module) throw new Error("show: no Python runtime is attached, so a Python object cannot be drawn");
  const pictures = module("polyglot_runtime.pictures") as { picture_of(x: unknown): Promise<unknown> };
  const found = (await pictures.picture_of(value)) as { mime?: unknown; data?: unknown } | null;
  const mime = found?.mime;
  const bytes = found?.data;
  if (typeof mime !== "string" || !(PICTURE_TYPES as readonly string[]).includes(mime) || !(bytes instanceof Uint8Array)) {
    throw new TypeError(`show: Python's picture_of gave ${readable(found)}, not a picture`);
  }
  // The type is read from the content, whoever claims it (HTML has no signature to read).
  if (mime !== "text/html" && sniffImage(bytes) !== mime) throw new TypeError(`show: Python gave bytes that are not a ${mime} image`);
  return { kind: "encoded", mime: mime as PictureType, bytes };
}

/** `(canvas w h)`: an OffscreenCanvas to draw on with `(.getContext c "2d")`. */
export function makeCanvas(width: unknown, height: unknown): unknown {
  for (const [name, size] of [["width", width], ["height", height]] as const) {
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > 16384) {
      throw new RangeError(`canvas: the ${name} must be a whole number of pixels from 1 to 16384, got ${readable(size)}`);
    }
  }
  if (typeof OffscreenCanvas !== "function") {
    throw new Error("canvas: this JavaScript runtime has no OffscreenCanvas (Node has none); canvases work in the playground and in browsers");
  }
  return new OffscreenCanvas(width as number, height as number);
}

type Drawable = OffscreenCanvas | HTMLCanvasElement;

function isCanvas(value: unknown): value is Drawable {
  return (
    (typeof OffscreenCanvas === "function" && value instanceof OffscreenCanvas) ||
    (typeof HTMLCanvasElement === "function" && value instanceof HTMLCanvasElement)
  );
}

/** A copy of what is drawn now, so the program can go on drawing on the canvas after show. */
function canvasPicture(canvas: Drawable): BitmapPicture {
  const { width, height } = canvas;
  if (width === 0 || height === 0) throw new RangeError(`show: the canvas is ${width}×${height}, so there is nothing to draw`);
  const copy = new OffscreenCanvas(width, height);
  const context = copy.getContext("2d");
  if (!context) throw new Error("show: could not copy the canvas (no 2d context)");
  context.drawImage(canvas, 0, 0);
  return { kind: "bitmap", bitmap: copy.transferToImageBitmap(), width, height };
}

/** What a refused value is, briefly: `the string "abc"`, `the number 3`, `an array [1 2]`, `nil`. */
function described(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  const text = readable(value);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (typeof value === "string") return `the string ${short}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return `the ${typeof value} ${short}`;
  if (Array.isArray(value)) return `an array ${short}`;
  if (value instanceof ArrayBuffer) return "an ArrayBuffer (wrap it as bytes: (new Uint8Array buffer))";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} (only a Uint8Array of an image's bytes is a picture)`;
  return short;
}

export function isPython(value: unknown): boolean {
  return pythonMeta(value) !== undefined;
}
