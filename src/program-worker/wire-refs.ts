// Find and renumber the refs inside a wire value, for the page's hub: JS
// function refs get page-wide ids (each program worker numbers its own from 1),
// and Python object refs are collected so a run's refs can be released when it ends.
import type { WireValue } from "../protocol/messages.js";

export interface RefVisitor {
  /** Maps a `__jsref__` id; the value is rewritten in place. */
  jsRef?(id: number): number;
  /** Sees every `__pyref__` id. */
  pyRef?(id: number): void;
}

/** Walk `value` (a decoded envelope or part of one), rewriting in place. */
export function visitRefs(value: unknown, visitor: RefVisitor): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) visitRefs(item, visitor);
    return;
  }
  const record = value as Record<string, WireValue>;
  const js = record.__jsref__;
  if (typeof js === "number" && visitor.jsRef) {
    record.__jsref__ = visitor.jsRef(js);
    return;
  }
  const py = record.__pyref__;
  if (typeof py === "number") {
    visitor.pyRef?.(py);
    return;
  }
  for (const key in record) visitRefs(record[key], visitor);
}

/** Cheap test on JSON text before walking it. */
export function mayHoldRefs(text: string): boolean {
  return text.includes("__jsref__") || text.includes("__pyref__");
}
