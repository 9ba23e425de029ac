// What the playground opens with, and where its edits go: the saved files, a
// share link in a workspace of its own, or the default example.
import { describe, expect, it } from "vitest";
import { defaultExample } from "../../src/app/examples.js";
import { sortOutFiles } from "../../src/app/files.js";
import { slotKey, WorkspaceStore, type KeyValueStorage } from "../../src/app/saved-workspace.js";
import { encodeFiles } from "../../src/app/share.js";
import { openWorkspace } from "../../src/app/workspace-opening.js";

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

const ownFiles = [
  { name: "main.lisp", text: '(print "mine")\n' },
  { name: "mine.py", text: "x = 1\n" },
];

describe("sortOutFiles", () => {
  it("keeps the main file first and lists every file it leaves out, with the reason", () => {
    const { files, dropped } = sortOutFiles([
      { name: "a.py", text: "1" },
      { name: "main.lisp", text: "(main)" },
      { name: "../../etc/evil.py", text: "" },
      { name: "a.py", text: "2" },
      { name: "main.lisp", text: "(other)" },
      { name: "notes.txt", text: "" },
    ]);
    expect(files).toEqual([
      { name: "main.lisp", text: "(main)" },
      { name: "a.py", text: "1" },
    ]);
    expect(dropped).toEqual([
      { name: "../../etc/evil.py", why: "not a Python module name like helpers.py" },
      { name: "a.py", why: "a duplicate name" },
      { name: "main.lisp", why: "a second main.lisp" },
      { name: "notes.txt", why: "not a Python module name like helpers.py" },
    ]);
  });
});

describe("WorkspaceStore", () => {
  it("reads back what it wrote", () => {
    const store = new WorkspaceStore(memoryStorage());
    store.write({ kind: "own" }, { files: ownFiles, active: "mine.py" });
    expect(store.read({ kind: "own" })).toEqual({ files: ownFiles, active: "mine.py" });
    expect(store.read({ kind: "shared", id: "abc" })).toBeUndefined();
  });

  it("refuses a damaged entry with a reason, and sets it aside rather than losing it", () => {
    const storage = memoryStorage({ [slotKey({ kind: "own" })]: '{"v":1,"files":"oops"' });
    const store = new WorkspaceStore(storage);
    expect(() => store.read({ kind: "own" })).toThrow("not valid JSON");
    const backup = store.setAside({ kind: "own" });
    expect(storage.entries.get(backup)).toBe('{"v":1,"files":"oops"');
    expect(store.has({ kind: "own" })).toBe(false);
    storage.setItem(slotKey({ kind: "own" }), '{"v":2,"files":[],"active":"main.lisp"}');
    expect(() => store.read({ kind: "own" })).toThrow("not a saved workspace of this version");
  });
});

describe("openWorkspace", () => {
  it("opens the default example the first time, and the saved files after that", async () => {
    const store = new WorkspaceStore(memoryStorage());
    const first = await openWorkspace("", store);
    expect(first.files).toEqual(defaultExample.files);
    expect(first.slot).toEqual({ kind: "own" });
    expect(first.messages).toEqual([]);

    store.write({ kind: "own" }, { files: ownFiles, active: "mine.py" });
    const again = await openWorkspace("", store);
    expect(again).toMatchObject({ files: ownFiles, active: "mine.py", slot: { kind: "own" }, fromLink: false, ownKeptAside: false });
  });

  it("opens a share link apart from the saved files, which stay as they were", async () => {
    const storage = memoryStorage();
    const store = new WorkspaceStore(storage);
    store.write({ kind: "own" }, { files: ownFiles, active: "main.lisp" });
    const before = new Map(storage.entries);
    const linkFiles = [{ name: "main.lisp", text: '(print "linked")\n' }];
    const opening = await openWorkspace(`#${await encodeFiles(linkFiles)}`, store);
    expect(opening.files).toEqual(linkFiles);
    expect(opening.slot.kind).toBe("shared");
    expect(opening).toMatchObject({ fromLink: true, ownKeptAside: true });
    expect(opening.messages.map((m) => m.text)).toEqual([
      "Opened a shared program. Press Run to run it.",
      "It opened in a workspace of its own: your saved files are kept.",
    ]);
    expect(storage.entries).toEqual(before);

    // Edits saved under the link come back when the link is opened again.
    const edited = [{ name: "main.lisp", text: '(print "linked, edited")\n' }];
    store.write(opening.slot, { files: edited, active: "main.lisp" });
    const reopened = await openWorkspace(`#${await encodeFiles(linkFiles)}`, store);
    expect(reopened.files).toEqual(edited);
    expect(reopened.openedWith).toEqual(linkFiles);
    expect(reopened.messages.map((m) => m.text)).toContain("Your earlier edits to this shared program are back.");
    expect(store.read({ kind: "own" })?.files).toEqual(ownFiles);
  });

  it("opens the saved workspace itself when a link holds exactly its files", async () => {
    const store = new WorkspaceStore(memoryStorage());
    store.write({ kind: "own" }, { files: ownFiles, active: "mine.py" });
    const opening = await openWorkspace(`#${await encodeFiles(ownFiles)}`, store);
    expect(opening).toMatchObject({ files: ownFiles, active: "mine.py", slot: { kind: "own" }, fromLink: true, ownKeptAside: false });
  });

  it("hands on the packages a link names, keeping only names a wheel could have", async () => {
    const store = new WorkspaceStore(memoryStorage());
    const files = [{ name: "main.lisp", text: '($py "greeter")\n' }];
    const opening = await openWorkspace(`#${await encodeFiles(files, ["greeter", "greet-core", "a\u202eb", "../x", ""])}`, store);
    expect(opening.packages).toEqual(["greeter", "greet-core"]);
    expect((await openWorkspace(`#${await encodeFiles(files)}`, store)).packages).toEqual([]);
    expect((await openWorkspace("", store)).packages).toEqual([]);
    // A link from before packages existed has no such field, and a link without packages does not grow one.
    expect((await encodeFiles(files)).length).toBe((await encodeFiles(files, [])).length);
  });

  it("lists the files a link could not open, with names made visible", async () => {
    const store = new WorkspaceStore(memoryStorage());
    const hash = `#${await encodeFiles([
      { name: "main.lisp", text: "1" },
      { name: "../x.py", text: "" },
      { name: "a\u202eb.py", text: "" },
    ])}`;
    const opening = await openWorkspace(hash, store);
    expect(opening.files.map((f) => f.name)).toEqual(["main.lisp"]);
    expect(opening.messages).toContainEqual({
      kind: "error",
      text: 'This link\'s files not opened: "../x.py" (not a Python module name like helpers.py), "a\\u202eb.py" (not a Python module name like helpers.py).',
    });
  });

  it("says when a link or the saved files cannot be read, and keeps the saved text", async () => {
    const storage = memoryStorage({ [slotKey({ kind: "own" })]: "not json" });
    const store = new WorkspaceStore(storage);
    const opening = await openWorkspace("#code=AAAA", store);
    expect(opening.files).toEqual(defaultExample.files);
    expect(opening.fromLink).toBe(false);
    const texts = opening.messages.map((m) => m.text);
    expect(texts[0]).toMatch(/^Your saved files could not be read \(it is not valid JSON\)/);
    expect(texts[1]).toMatch(/^This share link could not be opened \(.+\)\. Showing the default example instead\.$/);
    expect(storage.entries.get(`${slotKey({ kind: "own" })}.unreadable`)).toBe("not json");
  });
});

describe("replaced workspaces", () => {
  it("are kept newest last, at most ten, and taken back one at a time", () => {
    const store = new WorkspaceStore(memoryStorage());
    expect(store.takeReplaced()).toBeUndefined();
    for (let i = 0; i < 12; i++) store.keepReplaced({ files: [{ name: "main.lisp", text: `(${i})` }], active: "main.lisp" });
    const texts: string[] = [];
    for (let kept = store.takeReplaced(); kept; kept = store.takeReplaced()) texts.push(kept.files[0]?.text ?? "");
    expect(texts).toEqual(["(11)", "(10)", "(9)", "(8)", "(7)", "(6)", "(5)", "(4)", "(3)", "(2)"]);
  });

  it("set an unreadable list aside instead of failing", () => {
    const storage = memoryStorage({ "polyglot.replaced.v1": "[{" });
    const store = new WorkspaceStore(storage);
    expect(store.takeReplaced()).toBeUndefined();
    expect(storage.entries.get("polyglot.replaced.v1.unreadable")).toBe("[{");
  });
});
