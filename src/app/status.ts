// The status line: Python's loading progress, then what the playground is doing.
import type { SessionState } from "./python-session.js";

export type StatusState = "loading" | "ready" | "running" | "stopping" | "failed";

export interface Status {
  state: StatusState;
  message: string;
  /** 0..1 while loading, when known. */
  progress?: number;
}

/**
 * What the status line shows, given Python's state, whether a run is going and
 * the run's own summary ("Running…", "Finished in 0.12 s"). A Python that died
 * (a fatal Pyodide error, os._exit) stays in sight after the run that killed it
 * ends, beside that run's summary, until a fresh Python starts.
 */
export function playgroundStatus(python: SessionState, running: boolean, runDetail: string | undefined): Status {
  if (running && python.kind === "loading") {
    // A run is waiting for Python: keep the progress in sight.
    return { state: "loading", message: `${python.detail} The run starts when Python is ready.`, progress: python.progress };
  }
  if (python.kind === "failed" && !running) {
    return { state: "failed", message: runDetail === undefined ? python.message : `${runDetail}. ${python.message}` };
  }
  if (runDetail !== undefined) return { state: running ? "running" : "ready", message: runDetail };
  if (python.kind === "loading") return { state: "loading", message: python.detail, progress: python.progress };
  if (python.kind === "ready") return { state: "ready", message: "Python ready" };
  return { state: "failed", message: python.message };
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
