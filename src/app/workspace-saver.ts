// Saves the workspace as it is edited: after a pause in typing, and at once
// when the page is hidden or left (pagehide), so closing the tab mid-word
// keeps the last keystrokes.
//
// When every file is replaced at once (an example picked from the menu), what
// was there is kept first, so nothing is lost without a confirmation dialog.
import { examples } from "./examples.js";
import { mainFileName, normalizeFiles, type ProjectFile } from "./files.js";
import { sameFiles, type SavedWorkspace, type WorkspaceSlot, type WorkspaceStore } from "./saved-workspace.js";
import type { Workspace, WorkspaceChange } from "./workspace.js";

export interface SaverOptions {
  store: WorkspaceStore;
  slot: WorkspaceSlot;
  /** The files as opened: a shared slot is only written once they differ (the link already holds them). */
  openedWith: readonly ProjectFile[];
  /** Saving failed (storage full or disabled); called once per run of failures. */
  onFailure(message: string): void;
  /** Files were replaced and the ones before are kept: offer them back. */
  onKeptReplaced(): void;
  /** Milliseconds of quiet before saving. */
  delay?: number;
}

/** Files exactly as some example has them: nothing of the user's would be lost by replacing them. */
function isUntouchedExample(files: readonly ProjectFile[]): boolean {
  return examples.some((example) => sameFiles(normalizeFiles(example.files), files));
}

export class WorkspaceSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failing = false;
  private slot: WorkspaceSlot;
  private readonly delay: number;

  constructor(
    private readonly workspace: Workspace,
    private readonly options: SaverOptions,
  ) {
    this.slot = options.slot;
    this.delay = options.delay ?? 300;
    workspace.watch((change) => this.changed(change));
    window.addEventListener("pagehide", () => this.flush());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
    });
  }

  get currentSlot(): WorkspaceSlot {
    return this.slot;
  }

  /** Save now, if anything is pending. */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.save({ files: this.workspace.files(), active: this.workspace.activeFile });
  }

  private changed(change: WorkspaceChange): void {
    if (change.kind === "replaced") this.replaced(change.previous);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  private replaced(previous: ProjectFile[]): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const { store } = this.options;
    let kept: SavedWorkspace | undefined;
    if (this.slot.kind === "shared") {
      // A shared program's edits stay under its link; from now on the page holds the user's own files again,
      // so the saved ones are kept before they are written over.
      this.save({ files: previous, active: mainFileName });
      this.slot = { kind: "own" };
      kept = this.readOwn();
    } else {
      kept = { files: previous, active: mainFileName };
    }
    if (!kept || isUntouchedExample(kept.files) || sameFiles(kept.files, this.workspace.files())) return;
    try {
      store.keepReplaced(kept);
      this.options.onKeptReplaced();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.options.onFailure(`The files open before could not be kept (${why}). Use Download to keep a copy.`);
    }
  }

  private readOwn(): SavedWorkspace | undefined {
    try {
      return this.options.store.read({ kind: "own" });
    } catch {
      // Unreadable saved files were set aside when the page opened; nothing readable to keep.
      return undefined;
    }
  }

  private save(snapshot: SavedWorkspace): void {
    const { store, openedWith } = this.options;
    const slot = this.slot;
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
