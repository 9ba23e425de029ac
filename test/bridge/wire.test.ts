// wire.ts and base64.ts without Python: encode/decode round trips and tag escaping.
import { describe, expect, test } from "vitest";
import { base64ToBytes, bytesToBase64, encodeGroups } from "../../src/bridge/base64.js";
import { BridgeError } from "../../src/bridge/errors.js";
import type { WireRef, WireValue } from "../../src/protocol/messages.js";
import { DEFERRED, F64_MIN_LENGTH, refIdsIn, WireDecoder, WireEncoder, type EncodeHooks } from "../../src/bridge/wire.js";

type Fn = (...args: never[]) => unknown;

/** Hooks with a fake proxy registry: `proxies` maps a function to what it stands for. */
function encoderHooks(proxies = new Map<Fn, WireRef | typeof DEFERRED>()) {
  const functions: Fn[] = [];
  const hooks: EncodeHooks = {
    proxyToWire: (fn) => proxies.get(fn),
    functionToWire: (fn) => functions.push(fn),
  };
  return { hooks, functions };
}

function encode(value: unknown): WireValue {
  return new WireEncoder(encoderHooks().hooks).list([value])[0]!;
}

const decoder = new WireDecoder({
  proxyFor: (ref) => ({ proxyOf: ref.__pyref__ }),
  functionFor: (id) => `function #${id}`,
});

/** `{__f64__}` as Python would write it: base64 of little-endian float64s. */
function f64(values: number[]): { __f64__: string } {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((value, i) => view.setFloat64(i * 8, value, true));
  return { __f64__: btoa(String.fromCharCode(...new Uint8Array(view.buffer))) };
}

/** What Python would send back for the value: JSON text, parsed afresh. */
function roundTrip(value: unknown): unknown {
  return decoder.value(JSON.parse(JSON.stringify(encode(value))) as WireValue);
}

describe("WireEncoder", () => {
  test("plain JSON values pass through", () => {
    expect(encode([1, "a", true, null, { k: [2.5] }])).toEqual([1, "a", true, null, { k: [2.5] }]);
    expect(encode(undefined)).toBeNull();
  });

  test("tagged values", () => {
    expect(encode(NaN)).toEqual({ __float__: "nan" });
    expect(encode(-Infinity)).toEqual({ __float__: "-inf" });
    // JSON.stringify(-0) is "0": the sign needs the tag.
    expect(encode(-0)).toEqual({ __float__: "-0" });
    expect(encode(0)).toBe(0);
    expect(Object.is(decoder.value({ __float__: "-0" }), -0)).toBe(true);
    expect(Object.is(decoder.value(JSON.parse("-0.0") as WireValue), -0)).toBe(true);
    expect(encode(10n ** 20n)).toEqual({ __bigint__: "100000000000000000000" });
    expect(encode(new Set([1, "x"]))).toEqual({ __set__: [1, "x"] });
    expect(encode(new Map<unknown, unknown>([[1, "a"], [[2], new Set()]]))).toEqual({ __map__: [[1, "a"], [[2], { __set__: [] }]] });
    expect(encode(new Uint8Array([0, 255]))).toEqual({ __bytes__: "AP8=" });
    expect(encode(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toEqual({ __bytes__: "AgM=" });
    expect(encode(new DataView(new Uint8Array([7]).buffer))).toEqual({ __bytes__: "Bw==" });
    expect(encode(new Uint8Array([8]).buffer)).toEqual({ __bytes__: "CA==" });
    expect(encode(new Int16Array([-1, 2]))).toEqual([-1, 2]);
  });

  test("long arrays of numbers with a non-integer travel as __f64__", () => {
    const floats = Array.from({ length: F64_MIN_LENGTH }, (_, i) => i / 2);
    expect(encode(floats)).toEqual(f64(floats));
    const special = [NaN, Infinity, -Infinity, -0, 5e-324, ...floats];
    expect(encode(special)).toEqual(f64(special));
    expect(encode([...Array(63).fill(1), NaN])).toEqual(f64([...Array(63).fill(1), NaN]));
    expect(encode({ k: floats })).toEqual({ k: f64(floats) });
  });

  test("short, all-integer or mixed arrays stay JSON", () => {
    const short = Array.from({ length: F64_MIN_LENGTH - 1 }, (_, i) => i / 2);
    expect(encode(short)).toEqual(short);
    const ints = Array.from({ length: 100 }, (_, i) => i);
    expect(encode(ints)).toEqual(ints);
    const mixed = [...short, 0.5, "x"];
    expect(encode(mixed)).toEqual(mixed);
    const sparse = new Array<number>(F64_MIN_LENGTH).fill(0.5);
    delete sparse[3];
    expect(encode(sparse)).toEqual([0.5, 0.5, 0.5, null, ...Array(F64_MIN_LENGTH - 4).fill(0.5)]);
    // Top-level call arguments and Sets stay arrays.
    expect(new WireEncoder(encoderHooks().hooks).list(Array(F64_MIN_LENGTH).fill(0.5))).toEqual(Array(F64_MIN_LENGTH).fill(0.5));
    expect(encode(new Set(short.concat(99.5)))).toEqual({ __set__: short.concat(99.5) });
  });

  test("a Float64Array of 64 or more elements is __f64__, even when integral", () => {
    const ints = Array.from({ length: F64_MIN_LENGTH }, (_, i) => i);
    expect(encode(new Float64Array(ints))).toEqual(f64(ints));
    expect(encode(new Float64Array(ints).subarray(1))).toEqual([...ints.slice(1)]);
    expect(encode(new Float64Array([1.5, 2]))).toEqual([1.5, 2]);
    const offset = new Float64Array(ints.length + 1).fill(0.25).subarray(1); // a view at byte offset 8
    expect(encode(offset)).toEqual(f64(Array(F64_MIN_LENGTH).fill(0.25)));
  });

  test("a dict with a tag-like key is escaped with __dict__", () => {
    expect(encode({ __f64__: "" })).toEqual({ __dict__: { __f64__: "" } });
    expect(encode({ __set__: 1, b: 2 })).toEqual({ __dict__: { __set__: 1, b: 2 } });
    expect(encode({ __other__: 1 })).toEqual({ __other__: 1 });
    const withProto = encode(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, WireValue>;
    expect(Object.keys(withProto)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
  });

  test("JS functions become refs, one per function per message", () => {
    const { hooks, functions } = encoderHooks();
    const f = () => 1;
    const g = () => 2;
    expect(new WireEncoder(hooks).list([f, [f, g]])).toEqual([{ __jsref__: 1 }, [{ __jsref__: 1 }, { __jsref__: 2 }]]);
    expect(functions).toEqual([f, g]);
  });

  test("proxies become their ref; lazy ones leave a slot to fill", () => {
    const resolved = () => 0;
    const lazy = () => 0;
    const ref: WireRef = { __pyref__: 4, type: "Counter", callable: false };
    const encoder = new WireEncoder(encoderHooks(new Map<Fn, WireRef | typeof DEFERRED>([[resolved, ref], [lazy, DEFERRED]])).hooks);
    const args = encoder.list([resolved, { value: lazy }]);
    expect(args).toEqual([ref, { value: null }]);
    expect(encoder.deferred).toHaveLength(1);
    const slot = encoder.deferred![0]!;
    expect(slot.proxy).toBe(lazy);
    (slot.holder as Record<string, WireValue>)[slot.key] = 3.14;
    expect(args).toEqual([ref, { value: 3.14 }]);
  });

  test("refuses what Python cannot take", () => {
    expect(() => encode(new Date(0))).toThrow(BridgeError);
    expect(() => encode(Symbol("s"))).toThrow(/symbol/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => encode(cyclic)).toThrow(/cyclic/);
  });

  test("kwargs records keep keys as they are", () => {
    expect(new WireEncoder(encoderHooks().hooks).record({ sort_keys: true, key: null })).toEqual({ sort_keys: true, key: null });
  });
});

describe("WireDecoder", () => {
  test("round trips every value kind", () => {
    const values: unknown[] = [
      null, true, "s", 1.5, NaN, Infinity, -Infinity, 2n ** 64n, [1, [2, [3]]],
      { a: { b: [1] } }, new Set([1, 2]), new Map<unknown, unknown>([[1, { x: 1 }], ["k", new Set(["v"])]]),
      new Uint8Array([0, 1, 2, 253, 254, 255]), { __pyref__: 1, __map__: [] },
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(value);
  });

  test("__f64__ becomes a plain Array of numbers", () => {
    const values = [0.5, -0, NaN, Infinity, -Infinity, 1e308, 5e-324, 3];
    const decoded = decoder.value(f64(values)) as number[];
    expect(Array.isArray(decoded)).toBe(true);
    expect(decoded).toEqual(values);
    expect(Object.is(decoded[1], -0)).toBe(true);
    expect(decoder.value({ __f64__: "" })).toEqual([]);
    expect(decoder.value([{ k: f64([1.5]) }])).toEqual([{ k: [1.5] }]);
    expect(() => decoder.value({ __f64__: "AAAA" })).toThrow(BridgeError);
    const floats = Array.from({ length: 1000 }, (_, i) => i / 3 - 100);
    expect(roundTrip(floats)).toEqual(floats);
  });

  test("refs and jsrefs go through the hooks", () => {
    expect(decoder.value([{ __pyref__: 3, type: "T", callable: false }, { __jsref__: 9 }])).toEqual([{ proxyOf: 3 }, "function #9"]);
    expect(decoder.value({ type: "T", callable: true, __pyref__: 5 })).toEqual({ proxyOf: 5 });
  });

  test("__dict__ content is data, even when it looks tagged", () => {
    expect(decoder.value({ __dict__: { __bytes__: "AAE=", n: { __bigint__: "12" } } })).toEqual({ __bytes__: "AAE=", n: 12n });
  });

  test("a '__proto__' key from Python stays an own key", () => {
    const value = decoder.value(JSON.parse('{"__proto__": [1]}') as WireValue) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });

  test("refIdsIn finds every ref", () => {
    const wire = [{ __pyref__: 1, type: "a", callable: false }, { k: [{ __pyref__: 2, type: "b", callable: true }] }, 3] as WireValue;
    expect(refIdsIn(wire, [])).toEqual([1, 2]);
  });
});

describe("base64", () => {
  test("matches the platform's encoding for every length and byte", () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      const expected = btoa(String.fromCharCode(...bytes));
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(encodeGroups(bytes)).toBe(expected); // the portable encoder browsers use
      expect(Array.from(base64ToBytes(expected))).toEqual(Array.from(bytes));
    }
  });

  test("encodes a view of a larger buffer from its own offset", () => {
    const whole = Uint8Array.from({ length: 32 }, (_, i) => i);
    const view = whole.subarray(5, 17);
    expect(bytesToBase64(view)).toBe(btoa(String.fromCharCode(...view)));
  });

  test("rejects characters outside the alphabet", () => {
    expect(() => base64ToBytes("ab$d")).toThrow(/invalid base64/);
    expect(() => base64ToBytes("abé=")).toThrow(/invalid base64/);
    expect(() => base64ToBytes("ab=d")).toThrow(/invalid base64/);
  });

  test("tolerates line breaks, missing padding and the URL-safe alphabet", () => {
    expect(Array.from(base64ToBytes("AAEC\nAwQF"))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(base64ToBytes("AP8"))).toEqual([0, 255]);
    expect(Array.from(base64ToBytes("-_-_"))).toEqual(Array.from(base64ToBytes("+/+/")));
  });

  test("large inputs round trip", () => {
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    const text = bytesToBase64(bytes);
    expect(encodeGroups(bytes)).toBe(text);
    expect(text.slice(0, 8)).toBe(btoa(String.fromCharCode(...bytes.subarray(0, 6))));
    const back = base64ToBytes(text);
    expect(back.length).toBe(bytes.length);
    expect(back.every((byte, i) => byte === bytes[i])).toBe(true); // toEqual is slow on a MiB
  });
});
