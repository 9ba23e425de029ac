// The status line: Python's loading progress, then what the playground is doing.

export type StatusState = "loading" | "ready" | "running" | "stopping" | "failed";

export interface Status {
  state: StatusState;
  message: string;
  /** 0..1 while loading, when known. */
  progress?: number;
}

export class StatusView {
  private readonly label: HTMLElement;
  private readonly bar: HTMLProgressElement;

  constructor(private readonly element: HTMLElement) {
    this.label = element.querySelector<HTMLElement>("[data-status-label]") ?? element;
    const bar = element.querySelector<HTMLProgressElement>("progress");
    if (!bar) throw new Error("the status element needs a <progress>");
    this.bar = bar;
  }

  show(status: Status): void {
    this.element.dataset.state = status.state;
    this.label.textContent = status.message;
    const loading = status.state === "loading";
    this.bar.hidden = !loading;
    if (loading && status.progress !== undefined) {
      this.bar.value = Math.max(0, Math.min(1, status.progress));
    } else if (loading) {
      this.bar.removeAttribute("value");
    }
  }
}
