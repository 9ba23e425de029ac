// What the output pane shows, as text: bidirectional controls made visible
// (so printed text cannot reverse what follows it), and line counting.

/** Embedding, override and isolate controls, and the LTR/RTL marks. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;

/** `text` with each bidi control shown as its code point, e.g. "⟨U+202E⟩". */
export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}

/** The index just past the `n`-th newline of `text` (n ≥ 1), or -1 when it has fewer. */
export function afterNewline(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf("\n", at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}
