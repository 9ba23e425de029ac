// One entry in the Python object table, as seen from JS. Every proxy rooted at
// the entry (the object itself and attribute paths from it) holds the handle,
// so the entry is released only once none of them is reachable.

export class RefHandle {
  released = false;

  constructor(
    readonly id: number,
    /** Which start of the runtime issued the id; ids restart with the runtime. */
    readonly generation: number,
  ) {}
}
