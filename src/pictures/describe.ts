// A picture as one line of text: what the CLI prints for `show`, what Download
// output keeps, and the alt text of an image in the pane.
import { imageSize } from "./dimensions.js";
import type { Picture } from "./picture.js";

/** `[picture image/png 320×200, 5.1 KiB]`, `[picture canvas 320×200]`, `[html 2.0 KiB]`. */
export function describePicture(picture: Picture): string {
  return `[${pictureSummary(picture)}]`;
}

/** The description without its brackets. */
export function pictureSummary(picture: Picture): string {
  if (picture.kind === "bitmap") return `picture canvas ${picture.width}×${picture.height}`;
  const { mime, bytes } = picture;
  if (mime === "text/html") return `html ${byteSize(bytes.length)}`;
  const size = imageSize(mime, bytes);
  const dimensions = size ? ` ${round(size.width)}×${round(size.height)}` : "";
  return `picture ${mime}${dimensions}, ${byteSize(bytes.length)}`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** 812 B, 5.1 KiB, 48 KiB, 2.3 MiB. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KiB"] : [bytes / (1024 * 1024), "MiB"];
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}
