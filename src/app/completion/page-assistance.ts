// The playground's completion and hover: the page's Python (once ready) answers
// through polyglot_runtime.introspect; file modules are read from the tabs.
import type { Extension } from "@codemirror/state";
import type { PythonBridge } from "../../bridge/index.js";
import { bridgeQuery } from "../../completion/bridge-query.js";
import { Completer } from "../../completion/completer.js";
import { PythonCatalog, type PythonQuery } from "../../completion/python-catalog.js";
import type { ProjectFile } from "../files.js";
import type { SessionState } from "../python-session.js";
import { lispAssistance } from "./codemirror-sources.js";

export interface PageAssistanceOptions {
  /** The page's Python: `ready()` gives its bridge (a new promise after a restart). */
  session: { ready(): Promise<PythonBridge> };
  /** The session's last state: completion asks Python only once it is ready. */
  status(): SessionState;
  /** The runs: while one is running, its Python calls come first. */
  runs: { readonly running: boolean };
  /** The Python tabs with their current text. */
  pythonFiles(): readonly ProjectFile[];
}

function whyNotReady(state: SessionState): string | undefined {
  if (state.kind === "ready") return undefined;
  return state.kind === "loading" ? `Python is loading (${state.detail})` : state.message;
}

/** The tab a `$py` file path names: "./tools.py", "tools.py" and "./lib/x.py" by their last part too. */
export function fileText(files: readonly ProjectFile[], spec: string): string | undefined {
  const wanted = spec.replace(/^(\.\/)+/, "");
  return (files.find((file) => file.name === wanted) ?? files.find((file) => file.name === wanted.split("/").pop()))?.text;
}

/** Queries that wait for the bridge (already resolved once Python is ready). */
function whenReady(bridge: Promise<PythonBridge>): PythonQuery {
  const query = bridge.then(bridgeQuery);
  return {
    members: (module, path) => query.then((q) => q.members(module, path)),
    sourceMembers: (source, filename, path) => query.then((q) => q.sourceMembers(source, filename, path)),
    describe: (module, path) => query.then((q) => q.describe(module, path)),
    sourceDescribe: (source, filename, path) => query.then((q) => q.sourceDescribe(source, filename, path)),
    modules: () => query.then((q) => q.modules()),
  };
}

export function pageAssistance(options: PageAssistanceOptions): Extension {
  let asked: Promise<PythonBridge> | undefined;
  let query: PythonQuery | undefined;
  const catalog = new PythonCatalog({
    query: () => {
      const notReady = whyNotReady(options.status());
      if (notReady !== undefined) return notReady;
      const current = options.session.ready();
      if (current !== asked) {
        // A new interpreter: what the old one said is forgotten.
        asked = current;
        query = whenReady(current);
        catalog.clear();
      }
      return query!;
    },
    busyReason: () => (options.runs.running ? "a program is running" : undefined),
  });
  const completer = new Completer({ catalog, pythonFile: (spec) => fileText(options.pythonFiles(), spec) });
  return lispAssistance(completer);
}
