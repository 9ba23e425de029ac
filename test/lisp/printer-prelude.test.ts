// The printer (spec "Printing") and the prelude functions on their own.
import { describe, expect, it } from "vitest";
import { PYTHON } from "../../src/protocol/markers.js";
import { createPrelude, printed, readable } from "../../src/lisp/index.js";
import { Keyword, List, Sym } from "../../src/lisp/forms.js";

describe("printer", () => {
  it("prints top-level values", () => {
    expect([printed("text"), printed(42), printed(-0.5), printed(12n), printed(null), printed(undefined), printed(true)]).toEqual([
      "text", "42", "-0.5", "12", "nil", "nil", "true",
    ]);
    expect([printed(NaN), printed(-Infinity)]).toEqual(["NaN", "-Infinity"]);
  });

  it("prints collections readably", () => {
    expect(readable([1, "a", null, [true]])).toBe('[1 "a" nil [true]]');
    expect(readable({ name: "Ada", "two words": 1, "a-b": 2, "1x": 3 })).toBe('{:name "Ada" "two words" 1 :a-b 2 "1x" 3}');
    expect(readable(new Set([1, 2]))).toBe("#{1 2}");
    expect(readable(new Map<unknown, unknown>([[1, "one"], ["k", [2]]]))).toBe('{1 "one" "k" [2]}');
    expect(readable(new Uint8Array([104, 105]))).toBe("#bytes[104 105]");
    expect(readable(Object.create(null))).toBe("{}");
  });

  it("escapes strings inside collections with the reader's escapes", () => {
    expect(readable(["tab\there", 'q"x', "back\\slash", "nl\n", "\u0001", "é😀"])).toBe(
      '["tab\\there" "q\\"x" "back\\\\slash" "nl\\n" "\\u0001" "é😀"]',
    );
  });

  it("prints functions, errors, Python proxies, forms and class instances", () => {
    function named() {}
    expect(printed(named)).toBe("#<fn named>");
    expect(printed(() => 1)).toBe("#<fn anonymous>");
    expect(printed(new RangeError("bad"))).toBe("#<RangeError bad>");
    const proxy = { [PYTHON]: { type: "Counter", path: [], callable: false } };
    expect(printed([proxy])).toBe("[#<py Counter>]");
    const callable = Object.assign(() => 1, { [PYTHON]: { type: "function", path: [], callable: true } });
    expect(printed(callable)).toBe("#<py function>");
    const form = new List();
    form.push(new Sym("f"), new Keyword("k"), "s");
    expect(printed(form)).toBe('(f :k "s")');
    expect(printed(new (class Point {})())).toBe("#<Point>");
  });

  it("survives cycles", () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(readable(a)).toBe("[1 #<cycle>]");
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(readable(o)).toBe("{:self #<cycle>}");
    const shared = [1];
    expect(readable([shared, shared])).toBe("[[1] [1]]");
  });
});

describe("prelude", () => {
  const written: string[] = [];
  const p = createPrelude({ write: (text) => written.push(text) });

  it("print writes one line per call, str concatenates", () => {
    p.print("a", 1, null, ["x"]);
    expect(written.pop()).toBe('a 1 nil ["x"]\n');
    p.print();
    expect(written.pop()).toBe("\n");
    expect(p.str("a", 1, null, true, [1])).toBe("a1niltrue[1]");
  });

  it("sequence functions take Clojure's argument order", () => {
    expect(p.range(3)).toEqual([0, 1, 2]);
    expect(p.range(2, 8, 3)).toEqual([2, 5]);
    expect(p.range(3, 0, -1)).toEqual([3, 2, 1]);
    expect(p.map((x: number) => x * 2, [1, 2])).toEqual([2, 4]);
    expect(p.map((a: number, b: number) => a + b, [1, 2, 3], [10, 20])).toEqual([11, 22]);
    expect(p.filter((x: number) => x > 1, new Set([1, 2, 3]))).toEqual([2, 3]);
    expect(p.reduce((a: number, b: number) => a + b, [1, 2, 3])).toBe(6);
    expect(p.reduce((a: number, b: number) => a + b, 10, [1, 2])).toBe(13);
    expect([p.first([]), p.first(null), p.first("ab")]).toEqual([null, null, "a"]);
    expect(p.rest([1])).toEqual([]);
    expect(p.nth(["a", "b"], 1)).toBe("b");
    expect(() => p.nth([], 3)).toThrow(RangeError);
    expect(p.apply(Math.max, 1, [5, 3])).toBe(5);
  });

  it("count works on strings, arrays, objects, Sets and Maps", () => {
    expect([p.count("héllo"), p.count([1, 2]), p.count({ a: 1 }), p.count(new Set([1])), p.count(new Map()), p.count(null)]).toEqual([
      5, 2, 1, 1, 0, 0,
    ]);
  });

  it("keys and vals", () => {
    expect([p.keys({ a: 1 }), p.vals({ a: 1 }), p.keys(new Map([[1, 2]]))]).toEqual([["a"], [1], [1]]);
  });

  it("$py asks the attached runtime, or says there is none", () => {
    expect(() => p.$py("math")).toThrow(/no Python runtime is attached/);
    const withPython = createPrelude({ write: () => {}, module: (name) => ({ name }) });
    expect(withPython.$py("math")).toEqual({ name: "math" });
  });

  it("the default instance's $py uses the runtime attached to it", async () => {
    const { $py, attachPython } = await import("../../src/lisp/prelude.js");
    expect(() => $py("math")).toThrow(/no Python runtime/);
    attachPython((name) => `module ${name}`);
    expect($py("math")).toBe("module math");
    attachPython(undefined);
  });

  it("operator functions are variadic and print with their Lisp names", () => {
    expect([p.$add(), p.$add(1, 2, 3), p.$subtract(5), p.$subtract(5, 1, 1), p.$divide(2), p.$lt(1, 2, 3), p.$not_eq(1, 1)]).toEqual([
      0, 6, -5, 3, 0.5, true, false,
    ]);
    expect(printed(p.$add)).toBe("#<fn +>");
    expect(printed(p.print)).toBe("#<fn print>");
  });
});
