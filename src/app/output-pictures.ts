// A picture in the output pane, made so nothing in it can run script in the page:
//   - images (SVG included) are `<img>` of a blob URL, never markup in the DOM; an
//     SVG's URL is revoked once it has loaded, so "open image in new tab" cannot
//     load it as a document of this origin (where its script would run);
//   - the blob's type is sniffed from the bytes here, whatever the sender claimed;
//   - HTML goes into an `<iframe sandbox>` (no allow-scripts, no allow-same-origin)
//     through srcdoc: an opaque origin where script does not run.
import { pictureSummary } from "../pictures/describe.js";
import type { Picture } from "../pictures/picture.js";
import { sniffImage } from "../pictures/sniff.js";

export interface ShownPicture {
  element: HTMLElement;
  /** Free what the picture holds (its blob URL). */
  dispose(): void;
}

export function pictureElement(picture: Picture): ShownPicture {
  const holder = document.createElement("span");
  holder.className = "output-picture";
  if (picture.kind === "encoded" && picture.mime === "text/html") return htmlFrame(holder, picture.bytes);
  const image = document.createElement("img");
  image.alt = pictureSummary(picture);
  image.title = image.alt;
  image.decoding = "async";
  holder.append(image);
  let url: string | undefined;
  const dispose = () => {
    if (url) URL.revokeObjectURL(url);
    url = undefined;
  };
  const show = (blob: Blob, revokeOnLoad: boolean) => {
    url = URL.createObjectURL(blob);
    if (revokeOnLoad) {
      const revoke = () => dispose();
      image.addEventListener("load", revoke, { once: true });
      image.addEventListener("error", revoke, { once: true });
    }
    image.src = url;
  };
  if (picture.kind === "bitmap") {
    bitmapBlob(picture.bitmap as unknown as ImageBitmap, picture.width, picture.height).then(
      (blob) => show(blob, false),
      (error: unknown) => refuse(holder, `the canvas could not be drawn: ${String(error)}`),
    );
    return { element: holder, dispose };
  }
  const type = sniffImage(picture.bytes);
  if (type === undefined || type !== picture.mime) {
    refuse(holder, `${picture.bytes.length} bytes that are not a ${picture.mime} image`);
    return { element: holder, dispose };
  }
  show(new Blob([picture.bytes as Uint8Array<ArrayBuffer>], { type }), type === "image/svg+xml");
  return { element: holder, dispose };
}

function htmlFrame(holder: HTMLElement, bytes: Uint8Array): ShownPicture {
  const frame = document.createElement("iframe");
  // Every restriction on: no script, an opaque origin, no forms, popups or top navigation.
  frame.setAttribute("sandbox", "");
  frame.referrerPolicy = "no-referrer";
  frame.title = "HTML output";
  frame.className = "output-html";
  frame.srcdoc = new TextDecoder().decode(bytes);
  holder.append(frame);
  return { element: holder, dispose: () => undefined };
}

/** A canvas snapshot as a PNG blob, drawn by the page (the worker's canvas is not ours to read). */
function bitmapBlob(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("bitmaprenderer");
  if (!context) return Promise.reject(new Error("no bitmaprenderer context"));
  context.transferFromImageBitmap(bitmap);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("toBlob gave nothing"))), "image/png"));
}

function refuse(holder: HTMLElement, why: string): void {
  holder.replaceChildren(`[picture not shown: ${why}]`);
  holder.classList.add("output-error");
}
