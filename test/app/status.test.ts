// The status line's choice between Python's state and the run's summary.
import { describe, expect, it } from "vitest";
import { playgroundStatus } from "../../src/app/status.js";
import type { SessionState } from "../../src/app/python-session.js";

const ready: SessionState = { kind: "ready" };
const loading: SessionState = { kind: "loading", progress: 0.4, detail: "Downloading Python 40%…" };
const died: SessionState = { kind: "failed", message: "Python stopped (Pyodide suffered a fatal error). It restarts on the next run." };

describe("playgroundStatus", () => {
  it("shows Python's own state when no run has said anything", () => {
    expect(playgroundStatus(ready, false, undefined)).toEqual({ state: "ready", message: "Python ready" });
    expect(playgroundStatus(loading, false, undefined)).toEqual({ state: "loading", message: loading.detail, progress: 0.4 });
    expect(playgroundStatus(died, false, undefined)).toEqual({ state: "failed", message: died.message });
  });

  it("shows a run's progress and summary while Python is fine", () => {
    expect(playgroundStatus(ready, true, "Running…")).toEqual({ state: "running", message: "Running…" });
    expect(playgroundStatus(ready, false, "Finished in 0.10 s")).toEqual({ state: "ready", message: "Finished in 0.10 s" });
  });

  it("keeps a loading Python in sight while a run waits for it", () => {
    expect(playgroundStatus(loading, true, "Waiting for Python…")).toEqual({
      state: "loading",
      message: "Downloading Python 40%… The run starts when Python is ready.",
      progress: 0.4,
    });
  });

  it("does not hide a Python that died during the run behind the run's summary", () => {
    expect(playgroundStatus(died, false, "Finished in 0.03 s")).toEqual({
      state: "failed",
      message: `Finished in 0.03 s. ${died.message}`,
    });
    // While the run still goes, it is the run that the status follows.
    expect(playgroundStatus(died, true, "Running…")).toEqual({ state: "running", message: "Running…" });
  });
});
