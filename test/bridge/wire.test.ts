// wire.ts and base64.ts without Python: encode/decode round trips and tag escaping.
import { describe, expect, test } from "vitest";
import { base64ToBytes, bytesToBase64 } from "../../src/bridge/base64.js";
import { BridgeError } from "../../src/bridge/errors.js";
import type { WireRef, WireValue } from "../../src/bridge/protocol.js";
import { DEFERRED, refIdsIn, WireDecoder, WireEncoder, type EncodeHooks } from "../../src/bridge/wire.js";

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
    expect(encode(10n ** 20n)).toEqual({ __bigint__: "100000000000000000000" });
    expect(encode(new Set([1, "x"]))).toEqual({ __set__: [1, "x"] });
    expect(encode(new Map<unknown, unknown>([[1, "a"], [[2], new Set()]]))).toEqual({ __map__: [[1, "a"], [[2], { __set__: [] }]] });
    expect(encode(new Uint8Array([0, 255]))).toEqual({ __bytes__: "AP8=" });
    expect(encode(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toEqual({ __bytes__: "AgM=" });
    expect(encode(new DataView(new Uint8Array([7]).buffer))).toEqual({ __bytes__: "Bw==" });
    expect(encode(new Uint8Array([8]).buffer)).toEqual({ __bytes__: "CA==" });
    expect(encode(new Int16Array([-1, 2]))).toEqual([-1, 2]);
  });

  test("a dict with a tag-like key is escaped with __dict__", () => {
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
      expect(Array.from(base64ToBytes(expected))).toEqual(Array.from(bytes));
    }
  });

  test("rejects characters outside the alphabet", () => {
    expect(() => base64ToBytes("ab$d")).toThrow(/invalid base64/);
  });
});
