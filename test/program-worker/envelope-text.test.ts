// Envelopes to and from a program worker are JSON text: -0 must survive the trip.
import { expect, test } from "vitest";
import { envelopeText } from "../../src/program-worker/envelope-text.js";

test("a decoded -0 is tagged, other numbers are untouched", () => {
  const text = envelopeText({ id: 1, ok: true, value: [-0, 0, 1.5, -2] });
  expect(JSON.parse(text)).toEqual({ id: 1, ok: true, value: [{ __float__: "-0" }, 0, 1.5, -2] });
  expect(JSON.stringify({ value: -0 })).toBe('{"value":0}'); // why this exists
});
