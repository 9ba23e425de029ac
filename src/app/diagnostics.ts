// Problems shown in the Lisp editor:
//  - syntax errors, as lint diagnostics, recomputed as you type (liveCompile);
//  - the last run's error, as a marked line with the message beneath it,
//    kept in place while you edit until the next run (runErrorField).
import { StateEffect, StateField, type EditorState, type Extension, type Text } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";

import type { CheckResult, SourceRange } from "../compile-worker/messages.js";

export type { CheckResult, SourceRange };

/** Document offsets for a 1-based range, clamped to the document; an empty range covers the word there. */
export function rangeOffsets(doc: Text, range: SourceRange): { from: number; to: number } {
  const lineNumber = Math.min(Math.max(1, range.line), doc.lines);
  const line = doc.line(lineNumber);
  const from = Math.min(line.from + Math.max(0, range.column - 1), line.to);
  let to = from;
  if (range.endLine !== undefined && range.endColumn !== undefined) {
    const endLine = doc.line(Math.min(Math.max(lineNumber, range.endLine), doc.lines));
    to = Math.min(endLine.from + Math.max(0, range.endColumn - 1), endLine.to);
  }
  if (to <= from) {
    // No usable end: underline the token that starts here, at least one character.
    const rest = doc.sliceString(from, line.to);
    const token = /^(?:[^\s()[\]{}"]+|.)/.exec(rest);
    to = from + (token ? token[0].length : 0);
  }
  return { from, to: Math.max(from, to) };
}

// ---------------------------------------------------------------------------
// Live compilation
// ---------------------------------------------------------------------------

export interface LiveCompileOptions {
  /** Compile `source` (off the page: compile-client.ts); never rejects. Undefined: replaced by a newer check. */
  check(source: string): Promise<CheckResult | undefined>;
  /** Called after each check, e.g. to show the compiled code. */
  onChecked(result: CheckResult): void;
  /** Milliseconds of quiet typing before compiling. */
  delay?: number;
}

/** Dispatch to check the document again at once (e.g. when macros may now be expanded). */
export const recheckProgram = StateEffect.define<null>();

/** Compiles the document after each pause in typing and shows syntax errors as diagnostics. */
export function liveCompile(options: LiveCompileOptions): Extension {
  const delay = options.delay ?? 250;
  return ViewPlugin.fromClass(
    class {
      private timer: ReturnType<typeof setTimeout> | undefined;

      constructor(private readonly view: EditorView) {
        // Check at once when the editor (re)appears, so the panes agree with the text.
        this.schedule(0);
      }

      private destroyed = false;

      update(update: ViewUpdate): void {
        if (update.transactions.some((tr) => tr.effects.some((effect) => effect.is(recheckProgram)))) this.schedule(0);
        else if (update.docChanged) this.schedule(delay);
      }

      destroy(): void {
        this.destroyed = true;
        clearTimeout(this.timer);
      }

      private schedule(ms: number): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.check(), ms);
      }

      private async check(): Promise<void> {
        const { view } = this;
        const doc = view.state.doc;
        const result = await options.check(doc.toString());
        // Replaced, or the text changed while the worker compiled: a newer check is on its way.
        if (result === undefined || this.destroyed || view.state.doc !== doc) return;
        const diagnostics: Diagnostic[] = [];
        if (!result.ok) {
          const { from, to } = rangeOffsets(view.state.doc, result.range);
          diagnostics.push({ from, to, severity: "error", source: "syntax", message: result.message });
        }
        view.dispatch(setDiagnostics(view.state, diagnostics));
        options.onChecked(result);
      }
    },
  );
}

// ---------------------------------------------------------------------------
// The last run's error
// ---------------------------------------------------------------------------

export interface RunErrorMark {
  from: number;
  to: number;
  /** One line: "TypeError: Cannot read properties of null". */
  message: string;
}

export const setRunError = StateEffect.define<RunErrorMark | null>({
  map: (mark, mapping) => (mark ? { ...mark, from: mapping.mapPos(mark.from), to: mapping.mapPos(mark.to, 1) } : null),
});

class RunErrorMessage extends WidgetType {
  constructor(private readonly message: string) {
    super();
  }

  override eq(other: RunErrorMessage): boolean {
    return other.message === this.message;
  }

  toDOM(): HTMLElement {
    const element = document.createElement("div");
    element.className = "cm-runError-message";
    element.setAttribute("role", "note");
    element.textContent = this.message;
    return element;
  }
}

function runErrorDecorations(state: EditorState, mark: RunErrorMark | null): DecorationSet {
  if (!mark) return Decoration.none;
  const line = state.doc.lineAt(mark.from);
  const ranges = [
    Decoration.line({ class: "cm-runError-line" }).range(line.from),
    Decoration.widget({ widget: new RunErrorMessage(mark.message), block: true, side: 1 }).range(line.to),
  ];
  if (mark.to > mark.from) ranges.push(Decoration.mark({ class: "cm-runError-mark" }).range(mark.from, Math.min(mark.to, line.to)));
  return Decoration.set(ranges, true);
}

interface RunErrorState {
  mark: RunErrorMark | null;
  decorations: DecorationSet;
}

export const runErrorField = StateField.define<RunErrorState>({
  create: () => ({ mark: null, decorations: Decoration.none }),
  update(value, transaction) {
    let mark = value.mark;
    if (mark && transaction.docChanged) {
      mark = { ...mark, from: transaction.changes.mapPos(mark.from), to: transaction.changes.mapPos(mark.to, 1) };
    }
    for (const effect of transaction.effects) if (effect.is(setRunError)) mark = effect.value;
    if (mark === value.mark) return value;
    return { mark, decorations: runErrorDecorations(transaction.state, mark) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

/** The run-error mark for a program error at `range`, in `state`'s document. */
export function runErrorMark(state: EditorState, range: SourceRange, message: string): RunErrorMark {
  return { ...rangeOffsets(state.doc, range), message };
}

export function currentRunError(state: EditorState): RunErrorMark | null {
  return state.field(runErrorField, false)?.mark ?? null;
}
