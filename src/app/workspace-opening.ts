// What the page opens with, and where its edits are saved.
//
// The decision for share links: a link opens in a workspace of its own, so it
// never overwrites the saved one (the user is told, and offered a way back).
// Edits to a shared program are saved under the link, so reopening it brings
// them back. A link whose files are exactly the saved workspace (the page was
// reloaded after Share) simply opens the saved workspace.
import { defaultExample } from "./examples.js";
import { mainFileName, sortOutFiles, type ProjectFile } from "./files.js";
import { SavedWorkspaceError, sameFiles, sharedSlotId, type SavedWorkspace, type WorkspaceSlot, type WorkspaceStore } from "./saved-workspace.js";
import { decodeLink, hasSharedProgram, ShareLinkError } from "./share.js";

export interface OpeningMessage {
  text: string;
  kind: "info" | "error";
}

export interface Opening {
  files: ProjectFile[];
  active: string;
  /** Where edits are saved. */
  slot: WorkspaceSlot;
  /** The files came from a share link: nothing of them has run yet. */
  fromLink: boolean;
  /** The saved workspace exists and is not what is shown: offer a way back to it. */
  ownKeptAside: boolean;
  /** The files as they opened, so a shared slot is only written once something changed. */
  openedWith: ProjectFile[];
  /** The packages a share link says its program needs (checked once Python is up). */
  packages: string[];
  messages: OpeningMessage[];
}

/** A name from a link, quoted so control and bidirectional characters show rather than act. */
function quoted(name: string): string {
  return JSON.stringify(name).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function readOwn(store: WorkspaceStore, messages: OpeningMessage[]): SavedWorkspace | undefined {
  try {
    return store.read({ kind: "own" });
  } catch (error) {
    if (!(error instanceof SavedWorkspaceError)) throw error;
    const backup = store.setAside({ kind: "own" });
    messages.push({
      kind: "error",
      text: `Your saved files could not be read (${error.message}). Their text is kept in localStorage under "${backup}"; the default example opens instead.`,
    });
    return undefined;
  }
}

function readShared(store: WorkspaceStore, slot: WorkspaceSlot, messages: OpeningMessage[]): SavedWorkspace | undefined {
  try {
    return store.read(slot);
  } catch (error) {
    if (!(error instanceof SavedWorkspaceError)) throw error;
    const backup = store.setAside(slot);
    messages.push({ kind: "error", text: `Your edits to this shared program could not be read (${error.message}); they are kept under "${backup}". The link's files open instead.` });
    return undefined;
  }
}

export async function openWorkspace(hash: string, store: WorkspaceStore): Promise<Opening> {
  const messages: OpeningMessage[] = [];
  const own = readOwn(store, messages);

  if (!hasSharedProgram(hash)) {
    const files = own?.files ?? defaultExample.files;
    return { files, active: own?.active ?? mainFileName, slot: { kind: "own" }, fromLink: false, ownKeptAside: false, openedWith: files, packages: [], messages };
  }

  const slot: WorkspaceSlot = { kind: "shared", id: await sharedSlotId(hash) };
  let linkFiles: ProjectFile[];
  let packages: string[] = [];
  let decoded = false;
  try {
    const link = await decodeLink(hash);
    const sorted = sortOutFiles(link.files);
    packages = link.packages;
    linkFiles = sorted.files;
    decoded = true;
    messages.push({ kind: "info", text: "Opened a shared program. Press Run to run it." });
    if (sorted.dropped.length > 0) {
      const list = sorted.dropped.map(({ name, why }) => `${quoted(name)} (${why})`).join(", ");
      messages.push({ kind: "error", text: `This link's files not opened: ${list}.` });
    }
  } catch (error) {
    const why = error instanceof ShareLinkError ? error.message : String(error);
    messages.push({ kind: "error", text: `This share link could not be opened (${why}). Showing the default example instead.` });
    linkFiles = defaultExample.files;
  }

  if (own && sameFiles(sortOutFiles(own.files).files, linkFiles)) {
    return { files: own.files, active: own.active, slot: { kind: "own" }, fromLink: decoded, ownKeptAside: false, openedWith: own.files, packages, messages };
  }
  const edited = readShared(store, slot, messages);
  if (edited) messages.push({ kind: "info", text: "Your earlier edits to this shared program are back." });
  if (own) messages.push({ kind: "info", text: "It opened in a workspace of its own: your saved files are kept." });
  return {
    files: edited?.files ?? linkFiles,
    active: edited?.active ?? mainFileName,
    slot,
    fromLink: decoded,
    ownKeptAside: own !== undefined,
    openedWith: linkFiles,
    packages,
    messages,
  };
}
