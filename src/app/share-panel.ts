// The Share button's panel: makes the link, copies it, and always shows it,
// so sharing works where the clipboard is not available.
import type { ProjectFile } from "./files.js";
import { encodeFiles, linkFor } from "./share.js";

export interface SharePanelElements {
  button: HTMLButtonElement;
  panel: HTMLElement;
  message: HTMLElement;
  link: HTMLInputElement;
}

export class SharePanel {
  constructor(
    private readonly elements: SharePanelElements,
    private readonly files: () => ProjectFile[],
  ) {
    const { button, panel } = elements;
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

  /** Put the files in the URL fragment, copy the link and show it. */
  async share(): Promise<void> {
    const { panel, message, link } = this.elements;
    const fragment = await encodeFiles(this.files());
    const url = linkFor(fragment);
    history.replaceState(null, "", `#${fragment}`);
    link.value = url;
    panel.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      message.textContent = "Link copied to the clipboard. Anyone who opens it sees these files.";
    } catch {
      message.textContent = "Copy this link to share the program:";
    }
    link.focus();
    link.select();
  }
}
