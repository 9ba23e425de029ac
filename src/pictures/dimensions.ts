// An image's width and height read from its header, for the CLI's one-line
// description. Undefined when the header does not say (or the bytes are cut short).
import type { ImageType } from "./sniff.js";
import { svgRootAt } from "./sniff.js";

export interface Size {
  width: number;
  height: number;
}

export function imageSize(mime: ImageType, bytes: Uint8Array): Size | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (mime) {
      case "image/png":
        return { width: view.getUint32(16), height: view.getUint32(20) };
      case "image/gif":
        return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
      case "image/jpeg":
        return jpegSize(view);
      case "image/webp":
        return webpSize(view);
      case "image/svg+xml":
        return svgSize(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
    }
  } catch {
    return undefined; // a header cut short: DataView reads past the end
  }
}

/** Walk the segments up to a start-of-frame marker (SOF0…SOF15 but DHT, JPG, DAC). */
function jpegSize(view: DataView): Size | undefined {
  let at = 2;
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return undefined;
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

function webpSize(view: DataView): Size | undefined {
  const chunk = String.fromCharCode(view.getUint8(12), view.getUint8(13), view.getUint8(14), view.getUint8(15));
  const uint24 = (at: number) => view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
  if (chunk === "VP8X") return { width: uint24(24) + 1, height: uint24(27) + 1 };
  if (chunk === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** The root element's width and height in user units (px or none), else its viewBox's. */
function svgSize(text: string): Size | undefined {
  const at = svgRootAt(text);
  if (at < 0) return undefined;
  const end = text.indexOf(">", at);
  const tag = text.slice(at, end < 0 ? undefined : end);
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];
  const length = (value: string | undefined) => {
    const match = value === undefined ? null : /^\s*([\d.]+)\s*(px)?\s*$/.exec(value);
    return match ? Number(match[1]) : undefined;
  };
  const width = length(attribute("width"));
  const height = length(attribute("height"));
  if (width !== undefined && height !== undefined) return { width, height };
  const box = attribute("viewBox")?.trim().split(/[\s,]+/).map(Number);
  if (box && box.length === 4 && box.every(Number.isFinite)) return { width: box[2]!, height: box[3]! };
  return undefined;
}
