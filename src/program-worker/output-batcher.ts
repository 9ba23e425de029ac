// Output leaves the program worker in batches, not a message per print: at
// most one message per FLUSH_MS, checked on every write, so a program that
// prints in a loop that never yields still streams (a timer alone would never fire).
const FLUSH_MS = 16;
const FLUSH_CHARS = 1 << 18;

export class OutputBatcher {
  private parts: string[] = [];
  private chars = 0;
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  write(text: string): void {
    if (text === "") return;
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= FLUSH_CHARS || this.now() - this.lastFlush >= FLUSH_MS) this.flush();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Send what is buffered now (before anything that must come after it). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = this.now();
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.chars = 0;
    this.send(text);
  }
}
