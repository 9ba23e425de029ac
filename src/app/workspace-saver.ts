// Saves the workspace as it is edited: after a pause in typing, and at once
// when the page is hidden or left (pagehide), so closing the tab mid-word
// keeps the last keystrokes.
import { sameFiles, type SavedWorkspace, type WorkspaceSlot, type WorkspaceStore } from "./saved-workspace.js";
import type { Workspace } from "./workspace.js";
import type { ProjectFile } from "./files.js";

export interface SaverOptions {
  store: WorkspaceStore;
  slot: WorkspaceSlot;
  /** The files as opened: a shared slot is only written once they differ (the link already holds them). */
  openedWith: readonly ProjectFile[];
  /** Saving failed (storage full or disabled); called once per run of failures. */
  onFailure(message: string): void;
  /** Milliseconds of quiet before saving. */
  delay?: number;
}

export class WorkspaceSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failing = false;
  private readonly delay: number;

  constructor(
    private readonly workspace: Workspace,
    private readonly options: SaverOptions,
  ) {
    this.delay = options.delay ?? 300;
    workspace.watch(() => this.schedule());
    window.addEventListener("pagehide", () => this.flush());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
    });
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  /** Save now, if anything is pending. */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }

  private save(): void {
    const { store, slot, openedWith } = this.options;
    const snapshot: SavedWorkspace = { files: this.workspace.files(), active: this.workspace.activeFile };
    // An untouched shared program lives in its link; keep storage for edits.
    if (slot.kind === "shared" && !store.has(slot) && sameFiles(snapshot.files, openedWith)) return;
    try {
      store.write(slot, snapshot);
      this.failing = false;
    } catch (error) {
      if (this.failing) return;
      this.failing = true;
      const why = error instanceof Error ? error.message : String(error);
      this.options.onFailure(`Your files could not be saved in this browser (${why}). Use Download to keep a copy.`);
    }
  }
}
