// An idle runtime must not keep Node's process running (a script that forgot `bridge.close()`
// still ends), while a call in flight must (its answer is awaited). Node handles — a child
// process, its pipes, a worker thread, a MessagePort — are ref'd while calls are in flight
// and unref'd when the last one settles. In a browser nothing has ref(): this is a no-op there.

interface Refable {
  ref(): unknown;
  unref(): unknown;
}

function isRefable(handle: unknown): handle is Refable {
  return (
    typeof handle === "object" &&
    handle !== null &&
    typeof (handle as Partial<Refable>).ref === "function" &&
    typeof (handle as Partial<Refable>).unref === "function"
  );
}

/** ref() or unref() each handle that has them. */
export function setRef(handles: readonly unknown[], active: boolean): void {
  for (const handle of handles) {
    if (isRefable(handle)) {
      if (active) handle.ref();
      else handle.unref();
    }
  }
}

/** Counts calls in flight; keeps the handles ref'd from the first until the last settles. */
export class KeepAlive {
  private inFlight = 0;
  private ready = false;

  constructor(private readonly apply: (active: boolean) => void) {}

  /** The runtime has started: from now on, no calls in flight means idle. */
  started(): void {
    this.ready = true;
    if (this.inFlight === 0) this.apply(false);
  }

  /** Keep the process alive until `work` settles. */
  hold<T>(work: Promise<T>): Promise<T> {
    if (this.inFlight++ === 0) this.apply(true);
    const done = () => {
      if (--this.inFlight === 0 && this.ready) this.apply(false);
    };
    work.then(done, done);
    return work;
  }
}
