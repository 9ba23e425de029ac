// Returns object-table entries to Python: when their handle is garbage
// collected (FinalizationRegistry) or released explicitly. Releases issued
// close together travel as ONE `release` request.
import type { RefHandle } from "./ref-handle.js";

/** id and generation packed in one number, so registering allocates nothing. */
const GENERATION_UNIT = 2 ** 32;

export class RefReleaser {
  private readonly registry: FinalizationRegistry<number>;
  private queue: number[] = [];
  private flushScheduled = false;

  constructor(
    /** Send one `release` request; called only while `generation()` still runs. */
    private readonly send: (ids: number[]) => void,
    /** The generation of the runtime running now, or -1 when none is. */
    private readonly generation: () => number,
  ) {
    this.registry = new FinalizationRegistry((packed) =>
      this.enqueue(packed % GENERATION_UNIT, Math.floor(packed / GENERATION_UNIT)),
    );
  }

  track(handle: RefHandle): void {
    this.registry.register(handle, handle.generation * GENERATION_UNIT + handle.id, handle);
  }

  /** Release now (explicit `release(proxy)` or `using`). Idempotent. */
  release(handle: RefHandle): void {
    if (handle.released) return;
    handle.released = true;
    this.registry.unregister(handle);
    this.enqueue(handle.id, handle.generation);
  }

  /** Release ids that were never wrapped in a handle, from the current runtime. */
  releaseIds(ids: readonly number[]): void {
    for (const id of ids) this.enqueue(id, this.generation());
  }

  /** The runtime is gone: its ids mean nothing to the next one. */
  reset(): void {
    this.queue = [];
  }

  private enqueue(id: number, generation: number): void {
    if (generation !== this.generation()) return;
    this.queue.push(id);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A timer, not a microtask: GC reports dead proxies over several callbacks.
    setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.flushScheduled = false;
    const ids = this.queue;
    if (ids.length === 0) return;
    this.queue = [];
    this.send(ids);
  }
}
