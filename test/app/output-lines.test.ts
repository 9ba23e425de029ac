// The output pane's text: printed bidi controls cannot reverse what follows them.
import { describe, expect, it } from "vitest";
import { afterNewline, countNewlines, visibleControls } from "../../src/app/output-lines.js";

describe("visibleControls", () => {
  it("shows every embedding, override, isolate and mark as its code point", () => {
    expect(visibleControls("abc\u202Efed")).toBe("abc⟨U+202E⟩fed");
    expect(visibleControls("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F")).toBe(
      "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩",
    );
  });

  it("leaves other text alone, right-to-left letters included", () => {
    expect(visibleControls("π שלום\tx\n")).toBe("π שלום\tx\n");
  });
});

describe("line counting", () => {
  it("counts newlines and finds the text after the n-th", () => {
    expect(countNewlines("a\nb\n\nc")).toBe(3);
    expect(afterNewline("a\nb\nc", 2)).toBe(4);
    expect(afterNewline("a\nb", 2)).toBe(-1);
  });
});
