// Requests waiting for their reply, by id. Shared by the transports: each
// running runtime owns one table, and its exit closes the table, rejecting
// what is pending and whatever is added later.
import type { Reply, RequestId } from "../protocol/messages.js";

interface Waiter {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

export class PendingRequests {
  private readonly waiting = new Map<RequestId, Waiter>();
  private closedWith: Error | undefined;

  /** A promise for the reply to `id`. */
  add(id: RequestId): Promise<Reply> {
    if (this.closedWith !== undefined) return Promise.reject(this.closedWith);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
    });
  }

  /** Deliver a reply; false when nobody waits for its id (late, or unknown). */
  settle(reply: Reply): boolean {
    const waiter = this.waiting.get(reply.id);
    if (waiter === undefined) return false;
    this.waiting.delete(reply.id);
    waiter.resolve(reply);
    return true;
  }

  /** Reject one request (it could not be sent). */
  fail(id: RequestId, error: Error): void {
    const waiter = this.waiting.get(id);
    if (waiter === undefined) return;
    this.waiting.delete(id);
    waiter.reject(error);
  }

  /** Reject everything pending, and every later `add`, with `error`. */
  close(error: Error): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = error;
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiters) waiter.reject(error);
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The ids still waiting, oldest first. */
  ids(): RequestId[] {
    return [...this.waiting.keys()];
  }

  has(id: RequestId): boolean {
    return this.waiting.has(id);
  }
}
