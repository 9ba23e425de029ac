// Editor configurations: the shared look, the Lisp and Python editing
// extensions, and the read-only compiled-JavaScript view.
import { EditorState, Prec, type Extension } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { lintGutter, lintKeymap } from "@codemirror/lint";
import { python } from "@codemirror/lang-python";
import { javascript } from "@codemirror/lang-javascript";
import { tags } from "@lezer/highlight";
import { lisp } from "./lisp-language.js";

const highlightStyle = HighlightStyle.define([
  { tag: tags.comment, color: "#8a8f98", fontStyle: "italic" },
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: "#8839ef", fontWeight: "600" },
  { tag: [tags.string, tags.special(tags.string)], color: "#40a02b" },
  { tag: [tags.number, tags.bool, tags.null], color: "#d20f39" },
  { tag: tags.atom, color: "#df8e1d" },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.function(tags.variableName))], color: "#1e66f5", fontWeight: "600" },
  { tag: tags.function(tags.variableName), color: "#1e66f5" },
  { tag: tags.standard(tags.variableName), color: "#179299" },
  { tag: [tags.propertyName, tags.function(tags.propertyName)], color: "#0b6bcb" },
  { tag: [tags.className, tags.typeName], color: "#ca6702" },
  { tag: tags.meta, color: "#ea76cb" },
  { tag: tags.bracket, color: "#6c6f85" },
  { tag: tags.operator, color: "#04a5e5" },
  { tag: tags.invalid, color: "#d20f39", textDecoration: "underline wavy" },
]);

const editorTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", backgroundColor: "var(--editor-bg)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { padding: "10px 0" },
  ".cm-gutters": { backgroundColor: "var(--editor-bg)", border: "none", color: "#a0a4b0" },
  ".cm-activeLineGutter, .cm-activeLine": { backgroundColor: "rgba(30, 102, 245, 0.05)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "rgba(30, 102, 245, 0.18)", outline: "1px solid rgba(30, 102, 245, 0.4)" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "rgba(210, 15, 57, 0.2)" },
  "&.cm-focused": { outline: "none" },
});

/** What every editor shares: history, selection, gutters, brackets, look. */
function commonExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(highlightStyle),
    bracketMatching(),
    closeBrackets(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
    editorTheme,
  ];
}

/** Mod-Enter runs the program from any file, ahead of the default Enter bindings. */
function runKeymap(run: () => void): Extension {
  return Prec.highest(
    keymap.of([
      {
        key: "Mod-Enter",
        run: () => {
          run();
          return true;
        },
      },
    ]),
  );
}

export interface EditingOptions {
  run(): void;
  /** Extra extensions for this file, e.g. live compilation. */
  extensions?: Extension[];
}

export function lispEditorState(text: string, options: EditingOptions): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [runKeymap(options.run), commonExtensions(), lintGutter(), lisp(), options.extensions ?? []],
  });
}

export function pythonEditorState(text: string, options: EditingOptions): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [runKeymap(options.run), commonExtensions(), python(), options.extensions ?? []],
  });
}

/** A read-only view of the compiled JavaScript. */
export function compiledView(parent: HTMLElement): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        syntaxHighlighting(highlightStyle),
        javascript(),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        EditorView.contentAttributes.of({ "aria-label": "Compiled JavaScript code", tabindex: "0" }),
        EditorView.lineWrapping,
        editorTheme,
      ],
    }),
  });
}

export function replaceDocument(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
