// One line asked for in the output pane: the prompt, then a text field it
// labels. Enter sends the line; Ctrl-D in an empty field sends end of input;
// once settled the field turns into text, as a terminal shows what was typed.
import { InputCancelledError } from "../protocol/errors.js";

export interface AskField {
  element: HTMLElement;
  /** The line (null at end of input); rejects with InputCancelledError once cancel() is called. */
  answer: Promise<string | null>;
  /** What was typed, once settled ("" at end of input or when cancelled). */
  readonly typed: string;
  focus(): void;
  cancel(): void;
}

/** A field for `prompt` (already made safe to show: see visibleControls). */
export function askField(prompt: string): AskField {
  const element = document.createElement("label");
  element.className = "output-ask";
  const shown = document.createElement("span");
  shown.className = "output-stdout";
  shown.textContent = prompt;
  const input = document.createElement("input");
  input.type = "text";
  input.className = "output-field";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("aria-label", prompt.trim() || "Input for the program");
  element.append(shown, input);

  let typed = "";
  let settle!: (line: string | null) => void;
  let fail!: (error: Error) => void;
  const answer = new Promise<string | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let settled = false;
  /** Replace the field with the text of what happened. */
  const finish = (text: string): void => {
    settled = true;
    typed = text;
    const line = document.createElement("span");
    line.className = "output-answer";
    line.textContent = `${text}\n`;
    element.replaceWith(shown, line);
  };
  input.addEventListener("keydown", (event) => {
    if (settled || event.isComposing) return;
    if (event.key === "Enter") {
      event.preventDefault();
      const line = input.value;
      finish(line);
      settle(line);
    } else if (event.key === "d" && event.ctrlKey && input.value === "") {
      event.preventDefault();
      finish("");
      settle(null);
    }
  });
  return {
    element,
    answer,
    get typed() {
      return typed;
    },
    focus: () => input.focus({ preventScroll: true }),
    cancel: () => {
      if (settled) return;
      finish("");
      fail(new InputCancelledError("the run was stopped while it waited for a line"));
    },
  };
}
