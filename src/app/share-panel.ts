// The Share button's panel: makes the link, copies it, and always shows it,
// so sharing works where the clipboard is not available. A program too big
// for a link that opens everywhere gets the .zip download instead.
import type { ProjectFile } from "./files.js";
import { encodeFiles, linkFor } from "./share.js";

/**
 * The longest link Share hands out, in characters. Chromium refuses URLs over
 * 2 MiB (the page opens blank); half of that leaves room for other browsers
 * and for whatever the link passes through on its way.
 */
export const maxLinkLength = 1024 * 1024;

export interface SharePanelElements {
  button: HTMLButtonElement;
  panel: HTMLElement;
  message: HTMLElement;
  link: HTMLInputElement;
}

function megabytes(characters: number): string {
  return `${(characters / (1024 * 1024)).toFixed(2)} MB`;
}

export class SharePanel {
  /** Offered in the panel when the link would be too long. */
  private readonly download: HTMLButtonElement;

  constructor(
    private readonly elements: SharePanelElements,
    private readonly files: () => ProjectFile[],
    downloadFiles: () => void,
    /** The packages these files need, named in the link (see link-packages.ts). */
    private readonly packagesFor: (files: readonly ProjectFile[]) => string[] = () => [],
  ) {
    const { button, panel } = elements;
    this.download = document.createElement("button");
    this.download.type = "button";
    this.download.textContent = "Download .zip";
    this.download.hidden = true;
    this.download.addEventListener("click", () => {
      downloadFiles();
      this.hide();
    });
    panel.append(this.download);
    button.addEventListener("click", () => (panel.hidden ? void this.share() : this.hide()));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hide();
    });
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (target && !panel.contains(target) && !button.contains(target)) this.hide();
    });
  }

  hide(): void {
    this.elements.panel.hidden = true;
  }

  /** Put the files in the URL fragment, copy the link and show it; or, when too long, offer the download. */
  async share(): Promise<void> {
    const { panel, message, link } = this.elements;
    const files = this.files();
    const packages = this.packagesFor(files);
    const fragment = await encodeFiles(files, packages);
    const naming = packages.length > 0 ? ` It names the packages the program needs (${packages.join(", ")}), not their wheels.` : "";
    const url = linkFor(fragment);
    panel.hidden = false;
    if (url.length > maxLinkLength) {
      link.hidden = true;
      link.value = "";
      this.download.hidden = false;
      message.textContent =
        `This program is too big to share as a link: it would be ${megabytes(url.length)}, ` +
        `and links over ${megabytes(maxLinkLength)} may not open. Download the files as a .zip and send that instead.`;
      this.download.focus();
      return;
    }
    link.hidden = false;
    this.download.hidden = true;
    history.replaceState(null, "", `#${fragment}`);
    link.value = url;
    try {
      await navigator.clipboard.writeText(url);
      message.textContent = `Link copied to the clipboard. Anyone who opens it sees these files.${naming}`;
    } catch {
      message.textContent = `Copy this link to share the program:${naming}`;
    }
    link.focus();
    link.select();
  }
}
