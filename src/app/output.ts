// The output pane: a log of what the program wrote, as it wrote it.
// Everything is inserted as text nodes, never parsed as HTML, so a program
// that prints markup shows the markup.

export type OutputKind = "stdout" | "stderr" | "value" | "error" | "info";

export class OutputPane {
  private lastKind: OutputKind | undefined;
  private lastChunk: HTMLSpanElement | undefined;
  private endsWithNewline = true;

  constructor(private readonly element: HTMLElement) {}

  clear(): void {
    this.element.replaceChildren();
    this.lastKind = undefined;
    this.lastChunk = undefined;
    this.endsWithNewline = true;
  }

  /** Append `text` as it arrives; consecutive writes of one kind share a span. */
  append(text: string, kind: OutputKind): void {
    if (text === "") return;
    const stickToBottom = this.isScrolledToBottom();
    if (this.lastChunk && this.lastKind === kind) {
      this.lastChunk.append(document.createTextNode(text));
    } else {
      const chunk = document.createElement("span");
      chunk.className = `output-${kind}`;
      chunk.textContent = text;
      this.element.append(chunk);
      this.lastChunk = chunk;
      this.lastKind = kind;
    }
    this.endsWithNewline = text.endsWith("\n");
    if (stickToBottom) this.element.scrollTop = this.element.scrollHeight;
  }

  /** Append a whole line of its own, starting a new line first when needed. */
  appendLine(text: string, kind: OutputKind): void {
    this.append(`${this.endsWithNewline ? "" : "\n"}${text}\n`, kind);
  }

  get text(): string {
    return this.element.textContent ?? "";
  }

  private isScrolledToBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight < 24;
  }
}
