// Splits a stream of text chunks into lines. A line spread over many chunks
// is joined once, at its end, so long messages cost linear time.

export class LineSplitter {
  private parts: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let start = 0;
    let end = chunk.indexOf("\n");
    while (end !== -1) {
      let line = chunk.slice(start, end);
      if (this.parts.length > 0) {
        this.parts.push(line);
        line = this.parts.join("");
        this.parts = [];
      }
      if (line.length > 0 && line !== "\r") this.onLine(line);
      start = end + 1;
      end = chunk.indexOf("\n", start);
    }
    if (start < chunk.length) this.parts.push(start === 0 ? chunk : chunk.slice(start));
  }

  /** Text after the last newline (a message cut short). */
  get rest(): string {
    return this.parts.join("");
  }
}
