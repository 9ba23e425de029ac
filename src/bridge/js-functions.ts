// JS functions handed to Python, by ref id, kept alive until Python lets go.
//
// Every message that carries a function gives it a fresh id (the same
// function twice in ONE message shares an id). Python holds one JSFunction per
// id and reports it in `release_js` exactly once, so an id is never reused
// while a release for it may be in flight, and nothing leaks. The cost: the
// same JS function sent in two messages is two distinct objects in Python.
//
// Python may drop a function while returning it (`list([f])`: the list dies
// after it is encoded, and the release is sent just before the reply), so a
// released id still decodes for a little while.
type AnyFunction = (...args: never[]) => unknown;

/** Released ids stay decodable for between one and two of these. */
const GRACE_MS = 1000;

export class JsFunctionTable {
  private nextId = 1;
  private readonly byId = new Map<number, AnyFunction>();
  private retiring = new Map<number, AnyFunction>();
  private retired = new Map<number, AnyFunction>();
  private rotation: ReturnType<typeof setTimeout> | undefined;

  /** Register `fn` for one message and return its ref id. */
  add(fn: AnyFunction): number {
    const id = this.nextId++;
    this.byId.set(id, fn);
    return id;
  }

  get(id: number): AnyFunction | undefined {
    return this.byId.get(id) ?? this.retiring.get(id) ?? this.retired.get(id);
  }

  /** Python let go of these refs. */
  release(ids: readonly number[]): void {
    for (const id of ids) {
      const fn = this.byId.get(id);
      if (fn === undefined) continue;
      this.byId.delete(id);
      this.retiring.set(id, fn);
    }
    if (this.rotation === undefined && this.retiring.size > 0) this.scheduleRotation();
  }

  /** The runtime is gone, and with it every ref it held. */
  clear(): void {
    this.byId.clear();
    this.retiring.clear();
    this.retired.clear();
  }

  private rotate(): void {
    this.retired = this.retiring;
    this.retiring = new Map();
    this.rotation = undefined;
    if (this.retired.size > 0) this.scheduleRotation();
  }

  private scheduleRotation(): void {
    const timer = setTimeout(() => this.rotate(), GRACE_MS);
    // Housekeeping only: never keep a Node process alive for it.
    (timer as { unref?: () => void }).unref?.();
    this.rotation = timer;
  }

  get size(): number {
    return this.byId.size;
  }
}
