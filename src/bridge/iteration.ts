// `for await (const x of proxy)`: iter() once, then `next` in batches that
// start at one item and double up to MAX_BATCH, so a short loop over an
// endless iterator (itertools.count) takes little more than it uses.

export interface IterationHost {
  /** iter() of the iterable: a proxy of the iterator. */
  open(): Promise<unknown>;
  /** Up to `n` items from the iterator. */
  next(iterator: unknown, n: number): Promise<{ items: unknown[]; done: boolean }>;
  /** Done with the iterator: give its entry back. */
  close(iterator: unknown): void;
}

const MAX_BATCH = 256;

export class PythonAsyncIterator implements AsyncIterableIterator<unknown> {
  private iterator: unknown;
  private buffer: unknown[] = [];
  private index = 0;
  private exhausted = false;
  private batch = 1;
  /** Calls to next() run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: IterationHost) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<unknown>> {
    const result = this.queue.then(() => this.step());
    this.queue = result.catch(() => undefined);
    return result;
  }

  async return(value?: unknown): Promise<IteratorResult<unknown>> {
    await this.queue;
    this.buffer = [];
    this.finish();
    return { done: true, value };
  }

  private async step(): Promise<IteratorResult<unknown>> {
    if (this.index < this.buffer.length) return { done: false, value: this.buffer[this.index++] };
    if (this.exhausted) return { done: true, value: undefined };
    try {
      this.iterator ??= await this.host.open();
      const { items, done } = await this.host.next(this.iterator, this.batch);
      this.batch = Math.min(this.batch * 2, MAX_BATCH);
      this.buffer = items;
      this.index = 0;
      if (done) this.finish();
    } catch (error) {
      this.finish();
      throw error;
    }
    if (this.index < this.buffer.length) return { done: false, value: this.buffer[this.index++] };
    return { done: true, value: undefined };
  }

  private finish(): void {
    this.exhausted = true;
    if (this.iterator !== undefined) this.host.close(this.iterator);
    this.iterator = undefined;
  }
}
