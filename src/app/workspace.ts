// The files being edited. One EditorView shows the selected file; every file
// keeps its own EditorState (text, undo history, selection), swapped in when
// its tab is selected, as CodeMirror intends for multi-document editors.
import type { EditorState, TransactionSpec, Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { lispEditorState, pythonEditorState } from "./editor.js";
import {
  fileLanguage,
  freshPythonFileName,
  isMainFile,
  mainFileName,
  normalizeFiles,
  pythonFileNameProblem,
  type ProjectFile,
} from "./files.js";
import { TabBar } from "./tabs.js";

export interface WorkspaceOptions {
  editorParent: HTMLElement;
  tabsParent: HTMLElement;
  run(): void;
  /** Extensions for the Lisp file only (live compilation, run errors). */
  lispExtensions: Extension[];
  /** Any file was edited, added, renamed or removed. */
  onChange?(): void;
}

/** What changed: text or files ("edited"), every file at once ("replaced", with what was there), or the open tab. */
export type WorkspaceChange = { kind: "edited" } | { kind: "replaced"; previous: ProjectFile[] } | { kind: "selected" };

export class Workspace {
  readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private active = mainFileName;
  private readonly tabs: TabBar;
  /** Told of every change worth saving: text, files, and which tab is open. */
  private readonly watchers: ((what: WorkspaceChange) => void)[] = [];

  constructor(
    private readonly options: WorkspaceOptions,
    files: readonly ProjectFile[],
  ) {
    this.tabs = new TabBar(options.tabsParent, {
      select: (name) => this.select(name),
      add: () => this.addPythonFile(),
      rename: (from, to) => this.rename(from, to),
      remove: (name) => this.remove(name),
    });
    for (const file of normalizeFiles(files)) this.states.set(file.name, this.createState(file));
    this.view = new EditorView({
      parent: options.editorParent,
      state: this.stored(mainFileName),
      dispatchTransactions: (transactions, view) => {
        view.update(transactions);
        if (transactions.some((tr) => tr.docChanged)) this.changed();
      },
    });
    this.renderTabs();
  }

  get activeFile(): string {
    return this.active;
  }

  /** Every file with its current text, the main file first. */
  files(): ProjectFile[] {
    return [...this.states.keys()].map((name) => ({ name, text: this.stateOf(name).doc.toString() }));
  }

  pythonFiles(): ProjectFile[] {
    return this.files().filter((file) => !isMainFile(file.name));
  }

  /** The main file's current state, whether or not it is on screen. */
  mainState(): EditorState {
    return this.stateOf(mainFileName);
  }

  /** Replace every file (an example, a share link) and show the main file. */
  load(files: readonly ProjectFile[]): void {
    const previous = this.files();
    this.states.clear();
    for (const file of normalizeFiles(files)) this.states.set(file.name, this.createState(file));
    this.active = mainFileName;
    this.view.setState(this.stored(mainFileName));
    this.renderTabs();
    this.changed({ kind: "replaced", previous });
  }

  /** Call `listener` after every edit, file added, renamed or removed, load, or tab switch. */
  watch(listener: (what: WorkspaceChange) => void): void {
    this.watchers.push(listener);
  }

  private changed(change: WorkspaceChange = { kind: "edited" }): void {
    this.options.onChange?.();
    this.notifyWatchers(change);
  }

  private notifyWatchers(what: WorkspaceChange): void {
    for (const listener of this.watchers) listener(what);
  }

  /** Apply a transaction to the main file, on screen or not. */
  updateMain(spec: TransactionSpec): void {
    if (this.active === mainFileName) {
      this.view.dispatch(spec);
    } else {
      this.states.set(mainFileName, this.stateOf(mainFileName).update(spec).state);
    }
  }

  select(name: string): void {
    if (!this.states.has(name)) return;
    if (name !== this.active) {
      this.states.set(this.active, this.view.state);
      this.active = name;
      this.view.setState(this.stored(name));
      this.notifyWatchers({ kind: "selected" });
    }
    this.renderTabs();
    this.view.focus();
  }

  focus(): void {
    this.view.focus();
  }

  addPythonFile(): void {
    const name = freshPythonFileName([...this.states.keys()]);
    this.states.set(name, this.createState({ name, text: `# Load with ($py "./${name}")\n` }));
    this.select(name);
    this.tabs.startRename(name);
    this.changed();
  }

  private rename(from: string, to: string): string | undefined {
    if (isMainFile(from) || !this.states.has(from)) return "This file cannot be renamed";
    const others = [...this.states.keys()].filter((name) => name !== from);
    const problem = pythonFileNameProblem(to, others);
    if (problem) return problem;
    if (this.active === from) this.states.set(from, this.view.state);
    // Rebuild the map to keep the tab order.
    const entries = [...this.states.entries()].map(([name, state]) => [name === from ? to : name, state] as const);
    this.states.clear();
    for (const [name, state] of entries) this.states.set(name, state);
    if (this.active === from) this.active = to;
    this.renderTabs();
    this.changed();
    return undefined;
  }

  private remove(name: string): void {
    if (isMainFile(name) || !this.states.has(name)) return;
    const text = this.stateOf(name).doc.toString().trim();
    if (text !== "" && !window.confirm(`Delete ${name}? Its text cannot be recovered.`)) return;
    this.states.delete(name);
    if (this.active === name) {
      this.active = mainFileName;
      this.view.setState(this.stored(mainFileName));
    }
    this.renderTabs();
    this.changed();
  }

  /** A file's current state: the view holds the selected file's latest one. */
  private stateOf(name: string): EditorState {
    return name === this.active ? this.view.state : this.stored(name);
  }

  /** The state kept for a file while it is not on screen. */
  private stored(name: string): EditorState {
    const state = this.states.get(name);
    if (!state) throw new Error(`no file named ${name}`);
    return state;
  }

  private createState(file: ProjectFile): EditorState {
    const editing = { run: () => this.options.run() };
    return fileLanguage(file.name) === "lisp"
      ? lispEditorState(file.text, { ...editing, extensions: this.options.lispExtensions })
      : pythonEditorState(file.text, editing);
  }

  private renderTabs(): void {
    this.tabs.render(
      [...this.states.keys()].map((name) => ({ name, fixed: isMainFile(name) })),
      this.active,
    );
  }
}
