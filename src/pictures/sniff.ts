// Which image a run of bytes is, read from its content (never from a name or a
// claim): the magic numbers of PNG, JPEG, GIF and WebP, and for SVG an `<svg`
// root element after what XML allows before it. py/polyglot_runtime/pictures.py
// sniffs the same way for Python's show().
import type { PictureType } from "../protocol/messages.js";

export type ImageType = Exclude<PictureType, "text/html">;

/** How far into the text an SVG's root element may start (after a prolog, a doctype, comments). */
const SVG_SCAN_CHARS = 64 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const PNG = [0x89, ...ascii("PNG\r\n\x1a\n")];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");

/** The image type of `bytes`, or undefined when they are none of the five. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return "image/gif";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "image/webp";
  if (isSvg(bytes)) return "image/svg+xml";
  return undefined;
}

/** Whether the document's first element is `<svg>` (or `<prefix:svg>`). */
export function isSvg(bytes: Uint8Array): boolean {
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, SVG_SCAN_CHARS));
  return svgRootAt(text) >= 0;
}

/** Where the root `<svg` element starts in `text`, or -1 when the first element is something else. */
export function svgRootAt(text: string): number {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith("<?", at)) at = after(text, "?>", at);
    else if (text.startsWith("<!--", at)) at = after(text, "-->", at);
    else if (text.startsWith("<!DOCTYPE", at) || text.startsWith("<!doctype", at)) at = afterDoctype(text, at);
    else break;
    if (at < 0) return -1;
  }
  return /^<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(text.slice(at, at + 64)) ? at : -1;
}

function after(text: string, end: string, from: number): number {
  const found = text.indexOf(end, from);
  return found < 0 ? -1 : found + end.length;
}

/** Past a doctype, internal subset (`[…]`) included. */
function afterDoctype(text: string, from: number): number {
  const close = text.indexOf(">", from);
  const open = text.indexOf("[", from);
  if (open >= 0 && (close < 0 || open < close)) return after(text, "]", open) < 0 ? -1 : after(text, ">", after(text, "]", open));
  return close < 0 ? -1 : close + 1;
}
