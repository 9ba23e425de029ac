// The Compiled JavaScript pane: the last program that compiled, and a note
// when the text on the left no longer does.
import type { EditorView } from "@codemirror/view";
import type { CheckResult } from "./diagnostics.js";
import { compiledView, replaceDocument } from "./editor.js";

export class CompiledPane {
  private readonly view: EditorView;
  private compiledOnce = false;

  constructor(
    host: HTMLElement,
    private readonly note: HTMLElement,
  ) {
    this.view = compiledView(host);
  }

  show(result: CheckResult): void {
    if (result.ok && result.code === undefined) {
      replaceDocument(this.view, "");
      this.note.textContent = result.note;
      this.note.dataset.state = "info";
      return;
    }
    if (result.ok) {
      replaceDocument(this.view, result.code);
      this.compiledOnce = true;
      this.note.textContent = "";
      delete this.note.dataset.state;
      return;
    }
    // Keep the last good output on screen; say that it is stale.
    const where = result.summary ?? `syntax error at ${result.range.line}:${result.range.column}`;
    this.note.textContent = this.compiledOnce ? `${where}: showing the last version that compiled` : where;
    this.note.dataset.state = "error";
  }
}
