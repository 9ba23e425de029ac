// "Download": every file of the workspace in one .zip, made in the page with
// fflate (small, no dependencies, synchronous zip of a few files is instant).
import { strToU8, zipSync } from "fflate";
import type { ProjectFile } from "./files.js";

export const zipFileName = "polyglot-workspace.zip";

/** The zip's bytes: one entry per file, named as its tab, UTF-8 text. */
export function workspaceZip(files: readonly ProjectFile[]): Uint8Array {
  // Names are checked module names (files.ts), so no entry can climb out of the folder it is unzipped in.
  return zipSync(Object.fromEntries(files.map((file) => [file.name, strToU8(file.text)])), { level: 6 });
}

/** Make the browser save the files as a .zip. */
export function downloadWorkspace(files: readonly ProjectFile[]): void {
  const blob = new Blob([workspaceZip(files) as BlobPart], { type: "application/zip" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = zipFileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; a moment later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
