// The output pane: a log of what the program wrote. Writes are queued and
// drawn once per animation frame, so a program printing 200,000 lines costs
// the page a few hundred DOM updates, not 200,000. The pane keeps the last
// MAX_LINES lines and says how many earlier ones it dropped; the whole text of
// the run stays in memory for Download. Everything is inserted as text nodes,
// never parsed as HTML, so a program that prints markup shows the markup.
// Pictures (`show`) take their place in the same queue, so they keep their
// order with the text around them; output-pictures.ts makes them safe.
import { describePicture } from "../pictures/describe.js";
import type { Picture } from "../pictures/picture.js";
// A program's input() or (read-line) asks here too: see ask().
import { InputCancelledError } from "../protocol/errors.js";
import { askField, type AskField } from "./output-ask.js";
import { afterNewline, countNewlines, visibleControls } from "./output-lines.js";
import { pictureElement } from "./output-pictures.js";

export type OutputKind = "stdout" | "stderr" | "value" | "error" | "info";

export const MAX_LINES = 10_000;

type Piece = { text: string; kind: OutputKind; picture?: undefined } | { picture: Picture };

/** A picture counts as one line when the pane trims its top. */
const PICTURE_CLASS = "output-picture";

export class OutputPane {
  /** Everything since the last clear, for Download. */
  private all: string[] = [];
  private queued: Piece[] = [];
  private frame: number | undefined;
  private endsWithNewline = true;
  /** Newlines in the pane now, and lines dropped from its top. */
  private shownLines = 0;
  private hiddenLines = 0;
  private readonly note: HTMLElement;
  /** What the pictures shown now hold (blob URLs), freed when they leave the pane. */
  private readonly pictures = new Map<Element, () => void>();
  /** The field asking for a line now, and the asks queued behind it. */
  private asking: AskField | undefined;
  private asks: Promise<unknown> = Promise.resolve();
  /** Bumped by cancelAsks(): asks queued before it are cancelled when their turn comes. */
  private askGeneration = 0;

  constructor(private readonly element: HTMLElement) {
    this.note = document.createElement("p");
    this.note.className = "output-hidden";
    this.note.setAttribute("role", "status");
    this.note.hidden = true;
    element.before(this.note);
  }

  clear(): void {
    this.cancelAsks();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.element.replaceChildren();
    for (const dispose of this.pictures.values()) dispose();
    this.pictures.clear();
    this.all = [];
    this.queued = [];
    this.endsWithNewline = true;
    this.shownLines = 0;
    this.hiddenLines = 0;
    this.showNote();
  }

  /** Append `text` as it arrives; it is drawn on the next animation frame. */
  append(text: string, kind: OutputKind): void {
    if (text === "") return;
    this.all.push(text);
    this.queued.push({ text, kind });
    this.endsWithNewline = text.endsWith("\n");
    if (this.frame === undefined) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** Show a picture after what is queued; Download output keeps its one-line description. */
  appendPicture(picture: Picture): void {
    this.all.push(`${this.endsWithNewline ? "" : "\n"}${describePicture(picture)}\n`);
    this.queued.push({ picture });
    this.endsWithNewline = true; // a picture is a block of its own
    if (this.frame === undefined) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** Append a whole line of its own, starting a new line first when needed. */
  appendLine(text: string, kind: OutputKind): void {
    this.append(`${this.endsWithNewline ? "" : "\n"}${text}\n`, kind);
  }

  /** A line with a button in it (e.g. "Restart Python"), after what is queued. */
  appendAction(text: string, label: string, action: () => void): void {
    this.appendLine(text, "info");
    this.draw();
    const button = document.createElement("button");
    button.type = "button";
    button.className = "output-action";
    button.textContent = label;
    button.addEventListener("click", action, { once: true });
    const holder = document.createElement("span");
    holder.className = "output-info";
    holder.append(button, document.createTextNode("\n"));
    this.element.append(holder);
    this.shownLines += 1;
    this.all.push(`[${label}]\n`);
  }

  /**
   * Ask for a line: a text field labelled by `prompt`, after what is written so far. Resolves
   * with the line (Enter), or null at end of input (Ctrl-D in an empty field); asks wait their turn.
   * Rejects with InputCancelledError when cancelAsks() (Stop) comes first.
   */
  ask(prompt: string): Promise<string | null> {
    const generation = this.askGeneration;
    const turn = this.asks.then(() => {
      if (generation !== this.askGeneration) throw new InputCancelledError("the run was stopped");
      return this.showAsk(prompt);
    });
    this.asks = turn.catch(() => undefined);
    return turn;
  }

  /** End every ask, shown or queued: each rejects with InputCancelledError. */
  cancelAsks(): void {
    this.askGeneration += 1;
    this.asking?.cancel();
  }

  private showAsk(prompt: string): Promise<string | null> {
    this.draw();
    const stickToBottom = this.isScrolledToBottom();
    const field = askField(visibleControls(prompt));
    this.asking = field;
    this.all.push(prompt);
    this.element.append(field.element);
    if (stickToBottom) this.element.scrollTop = this.element.scrollHeight;
    field.focus();
    return field.answer.finally(() => {
      // Now text, as a terminal shows it: the prompt and the line typed.
      this.asking = undefined;
      this.all.push(field.typed + "\n");
      this.shownLines += 1;
      this.endsWithNewline = true;
    });
  }

  /** The text shown now (the last MAX_LINES lines at most), with what is queued drawn first. */
  get text(): string {
    this.draw();
    return this.element.textContent ?? "";
  }

  /** The whole output since the last clear. */
  get fullText(): string {
    return this.all.join("");
  }

  /** Save the whole output as a .txt file. */
  download(filename = "output.txt"): void {
    const url = URL.createObjectURL(new Blob([this.fullText], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private draw(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    if (this.queued.length === 0) return;
    const stickToBottom = this.isScrolledToBottom();
    // One span per run of one kind in this frame; a picture ends a run.
    let kind: OutputKind = "stdout";
    let parts: string[] = [];
    const flush = () => {
      let text = parts.join("");
      // More lines than the pane keeps, in one frame: insert only the last MAX_LINES, rather than
      // laying out a huge node and trimming it at once (a fast printer fills a frame with 100,000).
      const lines = countNewlines(text);
      if (lines > MAX_LINES) {
        text = text.slice(afterNewline(text, lines - MAX_LINES));
        this.hiddenLines += lines - MAX_LINES;
      }
      const chunk = document.createElement("span");
      chunk.className = `output-${kind}`;
      chunk.textContent = visibleControls(text);
      this.element.append(chunk);
      this.shownLines += countNewlines(text);
      parts = [];
    };
    for (const piece of this.queued) {
      if (piece.picture) {
        if (parts.length > 0) flush();
        const shown = pictureElement(piece.picture);
        this.element.append(shown.element);
        this.pictures.set(shown.element, shown.dispose);
        this.shownLines += 1;
        // An image gets its height when it loads: stay at the bottom if we were there.
        if (stickToBottom) shown.element.addEventListener("load", () => (this.element.scrollTop = this.element.scrollHeight), { capture: true, once: true });
        continue;
      }
      if (piece.kind !== kind && parts.length > 0) flush();
      kind = piece.kind;
      parts.push(piece.text);
    }
    if (parts.length > 0) flush();
    this.queued = [];
    this.trim();
    this.showNote();
    if (stickToBottom) this.element.scrollTop = this.element.scrollHeight;
  }

  /** Drop lines from the top until at most MAX_LINES remain. */
  private trim(): void {
    let excess = this.shownLines - MAX_LINES;
    if (excess <= 0) return;
    while (excess > 0) {
      const first = this.element.firstElementChild as HTMLElement | null;
      if (!first || first === this.asking?.element) break;
      const text = first.textContent ?? "";
      const lines = first.classList.contains(PICTURE_CLASS) ? 1 : countNewlines(text);
      if (lines <= excess) {
        first.remove();
        this.pictures.get(first)?.();
        this.pictures.delete(first);
        excess -= lines;
        this.dropped(lines);
      } else {
        first.textContent = text.slice(afterNewline(text, excess));
        this.dropped(excess);
        excess = 0;
      }
    }
    this.showNote();
  }

  private dropped(lines: number): void {
    this.shownLines -= lines;
    this.hiddenLines += lines;
  }

  private showNote(): void {
    this.note.hidden = this.hiddenLines === 0;
    this.note.textContent =
      this.hiddenLines === 0
        ? ""
        : `${this.hiddenLines.toLocaleString("en")} earlier line${this.hiddenLines === 1 ? " is" : "s are"} not shown; Download output saves all of it.`;
  }

  private isScrolledToBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight < 24;
  }
}
