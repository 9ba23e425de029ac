// Joins the lines written in one tick into a single write: 10,000 calls made
// together cost one syscall, not 10,000.

export class WriteCoalescer {
  private queue: string[] = [];
  private scheduled = false;

  constructor(private readonly write: (text: string) => void) {}

  /** Queue one line (without its newline). */
  line(text: string): void {
    this.queue.push(text);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const text = this.queue.length === 1 ? this.queue[0] + "\n" : this.queue.join("\n") + "\n";
    this.queue = [];
    this.write(text);
  }
}
