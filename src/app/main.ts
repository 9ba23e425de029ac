// The playground page: wires the editor, Python, the runner and the panes.
// Python starts loading at once; the editor is usable before it is ready.
import "./styles.css";
import { CompiledPane } from "./compiled-pane.js";
import { currentRunError, liveCompile, recheckProgram, runErrorField, runErrorMark, setRunError } from "./diagnostics.js";
import type { Example } from "./examples.js";
import { ExamplesMenu } from "./examples-menu.js";
import { mainFileName, type ProjectFile } from "./files.js";
import { OutputPane } from "./output.js";
import { CompileClient } from "./compile-client.js";
import { pageAssistance } from "./completion/page-assistance.js";
import { PythonFileSync } from "./python-files.js";
import { describeInstalled, PythonSession, type PackageInstalled, type SessionState } from "./python-session.js";
import { AddedWheels } from "./added-wheels.js";
import { missingPackages, missingPackagesMessage, neededPackages } from "./link-packages.js";
import { PackagesPanel } from "./packages-panel.js";
import { IndexedDbWheelStore } from "./wheel-store.js";
import { RunController } from "./run-controller.js";
import type { SharePanel } from "./share-panel.js";
import { playgroundStatus, StatusView } from "./status.js";
import { Workspace } from "./workspace.js";
import { startWorkspace } from "./workspace-start.js";
import type { ProgramError } from "../runner/index.js";

/** Where the program's Python files live inside Pyodide. */
const pythonBaseDir = "/home/pyodide/playground";

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
}

const ui = {
  run: element<HTMLButtonElement>("run"),
  stop: element<HTMLButtonElement>("stop"),
  restart: element<HTMLButtonElement>("restart"),
  clearOutput: element<HTMLButtonElement>("clear-output"),
  downloadOutput: outputDownloadButton(element<HTMLButtonElement>("clear-output")),
};

/** "Download output", next to Clear (made here so index.html stays as it is). */
function outputDownloadButton(clear: HTMLButtonElement): HTMLButtonElement {
  const button = document.createElement("button");
  button.id = "download-output";
  button.type = "button";
  button.className = "quiet";
  button.title = "Save the whole output of the run as a .txt file";
  button.textContent = "Download output";
  clear.before(button);
  return button;
}

// ---- Status and Python: first, so loading shows from the first paint. ----

const status = new StatusView(element("status"));
let pythonState: SessionState = { kind: "loading", progress: 0, detail: "Starting Python…" };
let runDetail: string | undefined;
/** Wheels imports installed since the last run started, named in the status bar. */
let installed: PackageInstalled[] = [];

function showStatus(): void {
  const note = installed.length > 0 ? ` · ${describeInstalled(installed)}` : "";
  const shown = playgroundStatus(pythonState, runs.running, runDetail);
  // Wheels an import just installed, beside a ready or running status.
  status.show(shown.state === "ready" || shown.state === "running" ? { ...shown, message: shown.message + note } : shown);
}

// ---- Packages: the site's and the wheels added here (kept in IndexedDB, given to each new Python) ----

const packagesPanel = new PackagesPanel(
  {
    button: element<HTMLButtonElement>("packages"),
    panel: element("packages-panel"),
    message: element("packages-message"),
    list: element("packages-list"),
    add: element<HTMLButtonElement>("add-wheel"),
    picker: element<HTMLInputElement>("wheel-picker"),
  },
  { add: (files) => void shelf.add(files), remove: (name) => void shelf.remove(name) },
);
const shelf = new AddedWheels({ storage: new IndexedDbWheelStore(), onChange: (state) => packagesPanel.render(state) });

const session = new PythonSession({
  indexURL: new URL("pyodide/", new URL(import.meta.env.BASE_URL, document.baseURI)).href,
  baseDir: pythonBaseDir,
  onState: (state) => {
    pythonState = state;
    // A new interpreter's state replaces the last run's summary.
    if (!runs.running) runDetail = undefined;
    if (state.kind === "failed") shelf.pythonStopped();
    showStatus();
  },
  onPackage: (wheel) => {
    installed.push(wheel);
    showStatus();
    void shelf.refresh();
  },
  prepare: (host) => shelf.prepare(host),
});
const pythonFiles = new PythonFileSync(pythonBaseDir);

// ---- Output and compiled JavaScript ----

const output = new OutputPane(element("output"));
const compiled = new CompiledPane(element("compiled"), element("compiled-state"));

// ---- Editing ----

const runs = new RunController({
  output,
  session,
  files: pythonFiles,
  onRunning: (running, detail) => {
    if (running && ui.run.disabled === false) installed = [];
    ui.run.disabled = running;
    ui.stop.disabled = !running;
    runDetail = detail;
    showStatus();
  },
  onError: (error) => markRunError(error),
  restartPython: () => restartPython(),
});

function restartPython(): void {
  runs.stop();
  runs.forgetStoppedRun();
  shelf.pythonStopped();
  installed = [];
  session.restart();
  output.appendLine("Restarting Python: its state is cleared.", "info");
}

let workspace: Workspace;

function markRunError(error: ProgramError | null): void {
  if (!workspace) return;
  if (error === null || error.line === undefined) {
    if (currentRunError(workspace.mainState())) workspace.updateMain({ effects: setRunError.of(null) });
    return;
  }
  // A syntax error is already a diagnostic under the text.
  if (error.kind === "syntax") return;
  const mark = runErrorMark(
    workspace.mainState(),
    { line: error.line, column: error.column ?? 1 },
    `${error.line}:${error.column ?? 1}: ${error.type}: ${error.message}`,
  );
  workspace.updateMain({ effects: setRunError.of(mark) });
}

// Live diagnostics compile in a worker (macros are user code). A shared program's macros wait
// for the first Run: until then the worker only reads it (issue 9, §1b).
const compiler = new CompileClient();
let expandMacros = false;

function allowMacros(): void {
  if (expandMacros) return;
  expandMacros = true;
  workspace.updateMain({ effects: recheckProgram.of(null) });
}

function run(): void {
  allowMacros();
  void runs.run({ filename: mainFileName, source: workspace.mainState().doc.toString(), pythonFiles: workspace.pythonFiles() });
}

function createWorkspace(files: readonly ProjectFile[]): Workspace {
  return new Workspace(
    {
      editorParent: element("editor"),
      tabsParent: element("tabs"),
      run,
      lispExtensions: [
        liveCompile({ check: (source) => compiler.check(source, mainFileName, expandMacros ? "full" : "read"), onChecked: (result) => compiled.show(result) }),
        runErrorField,
        pageAssistance({ session, status: () => pythonState, runs, pythonFiles: () => workspace.pythonFiles() }),
      ],
      // The open link no longer matches the files.
      onChange: () => sharing?.hide(),
    },
    files,
  );
}

// ---- Examples ----

function openExample(example: Example): void {
  workspace.load(example.files);
  allowMacros();
  output.clear();
  // The URL no longer describes what is on screen.
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  workspace.focus();
}

// ---- Start ----

showStatus();
session.start();

let sharing: SharePanel | undefined;
// Saved files, a share link (in a workspace of its own) or the default example; saved as edited.
const started = await startWorkspace({
  create: createWorkspace,
  say: (text, kind) => output.appendLine(text, kind),
  packagesFor: (files) => neededPackages(files, shelf.available()),
});
workspace = started.workspace;
sharing = started.sharing;
if (!started.fromLink) allowMacros();
if (started.linkPackages.length > 0) void sayMissingPackages(started.linkPackages);

/** Once Python (with the added wheels) is up: name the link's packages this playground lacks. */
async function sayMissingPackages(needed: readonly string[]): Promise<void> {
  await session.connect().catch(() => undefined);
  const missing = missingPackages(needed, shelf.available());
  if (missing.length === 0) return;
  const text = missingPackagesMessage(missing);
  output.appendLine(text, "error");
  shelf.say(text, "error");
}
new ExamplesMenu(element<HTMLSelectElement>("examples"), openExample);

ui.run.addEventListener("click", run);
ui.stop.addEventListener("click", () => runs.stop());
ui.restart.addEventListener("click", restartPython);
// For tests and the curious: the object table's size, from the page's own bridge.
(globalThis as { polyglotPlayground?: unknown }).polyglotPlayground = {
  pythonStats: async () => (await session.connect()).bridge.stats(),
};
ui.clearOutput.addEventListener("click", () => output.clear());
ui.downloadOutput.addEventListener("click", () => output.download());
workspace.focus();
