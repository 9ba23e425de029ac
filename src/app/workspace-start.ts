// Opens the workspace (saved files, a share link, or the default example),
// keeps it saved as it is edited, and wires Share and Download. main.ts makes
// one call here; everything about where files come from and go to is below.
import { hasSharedProgram } from "./share.js";
import { SharePanel } from "./share-panel.js";
import type { ProjectFile } from "./files.js";
import { slotKey, WorkspaceStore, type KeyValueStorage } from "./saved-workspace.js";
import { WorkspaceNotice } from "./workspace-notice.js";
import { openWorkspace, type OpeningMessage } from "./workspace-opening.js";
import { WorkspaceSaver } from "./workspace-saver.js";
import type { Workspace } from "./workspace.js";
import { downloadWorkspace } from "./zip-download.js";

export interface WorkspaceStartOptions {
  /** Make the editor workspace for these files. */
  create(files: readonly ProjectFile[]): Workspace;
  /** Put a line in the output pane. */
  say(text: string, kind: OpeningMessage["kind"]): void;
  /** The packages these files need, for a share link to name. */
  packagesFor?(files: readonly ProjectFile[]): string[];
}

export interface StartedWorkspace {
  workspace: Workspace;
  sharing: SharePanel;
  /** The files came from a share link and have not run yet: diagnostics should stay reader-only until the first Run. */
  fromLink: boolean;
  /** The packages the share link names (empty without a link). */
  linkPackages: string[];
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
}

/** localStorage, or a stand-in kept in memory when the browser refuses it (the user is told). */
function browserStorage(): { storage: KeyValueStorage; problem?: string } {
  try {
    const storage = window.localStorage;
    storage.getItem("polyglot.probe");
    return { storage };
  } catch (error) {
    const memory = new Map<string, string>();
    const why = error instanceof Error ? error.message : String(error);
    return {
      storage: {
        getItem: (key) => memory.get(key) ?? null,
        setItem: (key, value) => void memory.set(key, value),
        removeItem: (key) => void memory.delete(key),
      },
      problem: `This browser does not let the page keep files (${why}): they will be gone after a reload. Use Download to keep a copy.`,
    };
  }
}

export async function startWorkspace(options: WorkspaceStartOptions): Promise<StartedWorkspace> {
  const { storage, problem } = browserStorage();
  const store = new WorkspaceStore(storage);
  const opening = await openWorkspace(location.hash, store);
  const workspace = options.create(opening.files);
  if (opening.active !== workspace.activeFile && workspace.files().some((file) => file.name === opening.active)) {
    workspace.select(opening.active);
  }

  const download = () => downloadWorkspace(workspace.files());
  element<HTMLButtonElement>("download").addEventListener("click", download);
  const sharing = new SharePanel(
    {
      button: element<HTMLButtonElement>("share"),
      panel: element("share-panel"),
      message: element("share-message"),
      link: element<HTMLInputElement>("share-link"),
    },
    () => workspace.files(),
    download,
    options.packagesFor,
  );

  const notice = new WorkspaceNotice(element("workspace-notice"));
  if (opening.ownKeptAside) {
    notice.show("A shared program, in a workspace of its own. Your saved files are kept.", "info", {
      label: "Open my saved files",
      // Without the fragment the page opens the saved workspace; this one is saved on pagehide.
      run: () => location.assign(`${location.pathname}${location.search}`),
    });
  }
  const fail = (message: string) => {
    notice.show(message, "error", { label: "Download", run: download });
    options.say(message, "error");
  };
  if (problem) fail(problem);

  const bringBack = {
    label: "Bring them back",
    run: () => {
      notice.hide();
      // Loading keeps what is open now in turn, so going back and forth loses nothing.
      const kept = store.takeReplaced();
      if (kept) workspace.load(kept.files);
    },
  };
  const saver = new WorkspaceSaver(workspace, {
    store,
    slot: opening.slot,
    openedWith: opening.openedWith,
    onFailure: fail,
    onKeptReplaced: () => notice.show("The files open before are kept.", "info", bringBack),
  });
  workspace.watch((change) => {
    // In the own workspace an edit makes a link in the address bar stale: a reload must open the saved files.
    if (change.kind === "edited" && saver.currentSlot.kind === "own" && hasSharedProgram(location.hash)) {
      history.replaceState(null, "", location.pathname + location.search);
    }
  });

  // Two tabs on the saved files: the last to save wins, so say when another tab saved, and offer its files
  // (loading them keeps this tab's files in the replaced list).
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== storage || event.key !== slotKey({ kind: "own" }) || saver.currentSlot.kind !== "own") return;
    notice.show("Another tab saved changes to these files. Saving here writes over them.", "info", {
      label: "Open that tab's files here",
      run: () => {
        notice.hide();
        try {
          const theirs = store.read({ kind: "own" });
          if (theirs) workspace.load(theirs.files);
        } catch (error) {
          notice.show(`That tab's files could not be read (${error instanceof Error ? error.message : String(error)}).`, "error");
        }
      },
    });
  });

  for (const message of opening.messages) options.say(message.text, message.kind);
  return { workspace, sharing, fromLink: opening.fromLink, linkPackages: opening.packages };
}

