// The workspace as kept in the browser's localStorage between visits.
//
// localStorage, not IndexedDB or OPFS: workers cannot reach it, so neither a
// program worker nor a macro can read or rewrite the saved files; and it is
// synchronous, so a save on `pagehide` finishes before the page goes.
//
// Two kinds of slot:
//  - "own": the user's workspace, what the page opens without a share link;
//  - "shared": a share link's program once edited, keyed by a digest of the
//    link, so opening a link never overwrites the own workspace and reopening
//    the link brings the edits back.
import { isProjectFileList, type ProjectFile } from "./files.js";

export type WorkspaceSlot = { kind: "own" } | { kind: "shared"; id: string };

export interface SavedWorkspace {
  files: ProjectFile[];
  /** The tab that was open. */
  active: string;
}

/** What the store needs from `window.localStorage`. */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const formatVersion = 1;
const ownKey = "polyglot.workspace.v1";
const sharedPrefix = "polyglot.shared.v1.";
/** Workspaces that an example replaced, newest last. */
const replacedKey = "polyglot.replaced.v1";
/** How many replaced workspaces are kept; the oldest goes first. */
export const replacedKept = 10;

export class SavedWorkspaceError extends Error {
  override readonly name = "SavedWorkspaceError";
}

export function slotKey(slot: WorkspaceSlot): string {
  return slot.kind === "own" ? ownKey : `${sharedPrefix}${slot.id}`;
}

function isSavedWorkspace(value: unknown): value is SavedWorkspace & { v: number } {
  if (typeof value !== "object" || value === null) return false;
  const { v, files, active } = value as { v?: unknown; files?: unknown; active?: unknown };
  return (
    v === formatVersion &&
    typeof active === "string" &&
    isProjectFileList(files)
  );
}

export class WorkspaceStore {
  constructor(private readonly storage: KeyValueStorage) {}

  /** The workspace kept in `slot`, or undefined when there is none. Throws SavedWorkspaceError when it cannot be read. */
  read(slot: WorkspaceSlot): SavedWorkspace | undefined {
    const raw = this.storage.getItem(slotKey(slot));
    if (raw === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SavedWorkspaceError("it is not valid JSON");
    }
    if (!isSavedWorkspace(parsed)) throw new SavedWorkspaceError("it is not a saved workspace of this version");
    return { files: parsed.files.map(({ name, text }) => ({ name, text })), active: parsed.active };
  }

  /** Save `workspace` in `slot`. Throws what the browser throws when storage is full or disabled. */
  write(slot: WorkspaceSlot, workspace: SavedWorkspace): void {
    const files = workspace.files.map(({ name, text }) => ({ name, text }));
    this.storage.setItem(slotKey(slot), JSON.stringify({ v: formatVersion, active: workspace.active, files }));
  }

  /** Keep files that were replaced (by an example), so they can be brought back. */
  keepReplaced(workspace: SavedWorkspace): void {
    const kept = [...this.replaced(), workspace].slice(-replacedKept);
    this.storage.setItem(replacedKey, JSON.stringify(kept.map(({ files, active }) => ({ v: formatVersion, active, files }))));
  }

  /** The files replaced most recently, removed from the list; undefined when there are none. */
  takeReplaced(): SavedWorkspace | undefined {
    const kept = this.replaced();
    const last = kept.pop();
    if (last) this.storage.setItem(replacedKey, JSON.stringify(kept.map(({ files, active }) => ({ v: formatVersion, active, files }))));
    return last;
  }

  /** The replaced workspaces; an unreadable list reads as empty rather than blocking the page. */
  private replaced(): SavedWorkspace[] {
    const raw = this.storage.getItem(replacedKey);
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every(isSavedWorkspace)) {
      // Keep the text for whoever wants to look; start a fresh list.
      this.storage.setItem(`${replacedKey}.unreadable`, raw);
      this.storage.removeItem(replacedKey);
      return [];
    }
    return parsed.map(({ files, active }) => ({ files: files.map(({ name, text }) => ({ name, text })), active }));
  }

  has(slot: WorkspaceSlot): boolean {
    return this.storage.getItem(slotKey(slot)) !== null;
  }

  /**
   * Move an unreadable slot's text to a key of its own, so that saving over the
   * slot does not destroy it. Returns that key.
   */
  setAside(slot: WorkspaceSlot): string {
    const key = slotKey(slot);
    const raw = this.storage.getItem(key);
    const backup = `${key}.unreadable`;
    if (raw !== null) {
      this.storage.setItem(backup, raw);
      this.storage.removeItem(key);
    }
    return backup;
  }
}

/** A short, stable name for a share link's slot: hex of the SHA-256 of its fragment. */
export async function sharedSlotId(fragment: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(fragment.replace(/^#/, "")));
  return [...new Uint8Array(digest).subarray(0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Whether two lists hold the same files with the same texts, in the same order. */
export function sameFiles(a: readonly ProjectFile[], b: readonly ProjectFile[]): boolean {
  return a.length === b.length && a.every((file, i) => file.name === b[i]?.name && file.text === b[i]?.text);
}
