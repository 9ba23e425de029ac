// The Completer as CodeMirror extensions: a completion source and a hover
// tooltip. Both run off the typing path (CodeMirror calls them after input,
// asynchronously), and an answer that a newer request superseded is dropped.
import { autocompletion, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { Prec, type Extension } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap, type Tooltip } from "@codemirror/view";
import type { Completer, CompletionItem, HoverResult, ItemKind } from "../../completion/completer.js";
import { LatestOnly, STALE } from "../../completion/python-catalog.js";

/** CodeMirror's icon for each kind. */
const typeOf: Record<ItemKind, string> = {
  function: "function",
  class: "class",
  module: "namespace",
  value: "constant",
  variable: "variable",
  local: "variable",
  "special form": "keyword",
  macro: "keyword",
};

/** The characters of a Lisp name: while they are typed, the last answer is filtered, not asked again. */
const nameChars = /^[^\s()[\]{}"';`~@,.]*$/;

function toOption(item: CompletionItem): Completion {
  return {
    label: item.label,
    type: typeOf[item.kind],
    detail: item.detail,
    info: item.info,
    // Python names first when both could match (they are what was asked for after a dot).
    boost: item.kind === "local" ? 2 : 0,
  };
}

export function completionSource(completer: Completer): (context: CompletionContext) => Promise<CompletionResult | null> {
  const latest = new LatestOnly();
  return async (context) => {
    const text = context.state.doc.toString();
    const answer = await latest.run(completer.complete(text, context.pos, context.explicit));
    if (answer === STALE || context.aborted || !answer) return null;
    if (answer.items.length === 0 && answer.note) {
      // Nothing to pick, but a reason to show: an entry that inserts nothing new.
      const typed = context.state.sliceDoc(answer.from, context.pos);
      return { from: answer.from, options: [{ label: typed, displayLabel: answer.note, type: "text", apply: typed }], filter: false };
    }
    return { from: answer.from, options: answer.items.map(toOption), validFor: nameChars };
  };
}

function hoverDom(hover: HoverResult): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-polyglot-hover";
  const title = document.createElement("div");
  title.className = "cm-polyglot-hover-title";
  title.textContent = hover.title;
  dom.append(title);
  if (hover.signature) {
    const signature = document.createElement("code");
    signature.className = "cm-polyglot-hover-signature";
    signature.textContent = hover.signature;
    dom.append(signature);
  }
  if (hover.doc) {
    const doc = document.createElement("pre");
    doc.className = "cm-polyglot-hover-doc";
    doc.textContent = hover.doc;
    dom.append(doc);
  }
  return dom;
}

export function hoverSource(completer: Completer): Extension {
  const latest = new LatestOnly();
  return hoverTooltip(async (view, pos): Promise<Tooltip | null> => {
    const text = view.state.doc.toString();
    const hover = await latest.run(completer.hover(text, pos));
    // The text changed meanwhile: the answer is about words that may be gone.
    if (hover === STALE || !hover || view.state.doc.toString() !== text) return null;
    return { pos: hover.from, end: hover.to, above: true, create: () => ({ dom: hoverDom(hover) }) };
  });
}

const hoverTheme = EditorView.baseTheme({
  ".cm-polyglot-hover": { padding: "6px 9px", maxWidth: "60ch", fontSize: "13px" },
  ".cm-polyglot-hover-title": { fontWeight: "600" },
  ".cm-polyglot-hover-signature": { display: "block", margin: "3px 0", fontFamily: "var(--mono, monospace)" },
  ".cm-polyglot-hover-doc": { margin: "4px 0 0", whiteSpace: "pre-wrap", fontFamily: "inherit", maxHeight: "16em", overflow: "auto" },
});

/** Completion (Python and Lisp names) and hover for a Lisp editor. */
export function lispAssistance(completer: Completer): Extension {
  return [
    autocompletion({ override: [completionSource(completer)], icons: true }),
    Prec.high(keymap.of(completionKeymap)),
    hoverSource(completer),
    hoverTheme,
  ];
}
