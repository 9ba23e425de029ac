// Envelopes between the page and a program worker travel as JSON text. JSON writes -0 as 0, so a
// decoded -0 (Python's -0.0 arrives as one) is re-tagged the way the wire encoder tags it
// ({"__float__": "-0"}, src/protocol/messages.ts), and the worker's bridge decodes it back.

export function envelopeText(envelope: unknown): string {
  return JSON.stringify(envelope, (_key, value: unknown) => (value === 0 && Object.is(value, -0) ? { __float__: "-0" } : value));
}
