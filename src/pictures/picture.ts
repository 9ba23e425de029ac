// What `show` hands to whoever displays it: encoded bytes of a sniffed type (or
// HTML text as UTF-8), or the pixels of a canvas as a bitmap. The types are
// structural, so the published declarations name no DOM type.
import type { PictureType } from "../protocol/messages.js";

export interface EncodedPicture {
  kind: "encoded";
  mime: PictureType;
  bytes: Uint8Array;
}

/** An ImageBitmap, as far as we use it (transferable to the page, drawn there). */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** A snapshot of a canvas the program drew on. */
export interface BitmapPicture {
  kind: "bitmap";
  bitmap: Bitmap;
  width: number;
  height: number;
}

export type Picture = EncodedPicture | BitmapPicture;

/** Where pictures go: the playground's output pane, or a line of text under the CLI. */
export type PictureSink = (picture: Picture) => void;
