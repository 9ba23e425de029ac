// A minimal esem-bridge client: newline JSON, `action` requests, every value
// in a typed envelope ({type, value}), one envelope per list element. It
// serializes the way esem's proxy.js does, so it pays esem's real costs.
import { LineProcess } from "../lib/line-process.mjs";

export function serialize(value) {
  if (value === null || value === undefined) return { type: "null", value: null };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "number") return { type: Number.isInteger(value) ? "int" : "float", value };
  if (typeof value === "string") return { type: "str", value };
  // esem has no bytes type: a byte array travels as a list of ints.
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = serialize(value[i]);
    return { type: "list", value: items };
  }
  if (typeof value === "object" && value.__esem_ref_id) return { type: "proxy", ref_id: value.__esem_ref_id };
  const entries = {};
  for (const [key, item] of Object.entries(value)) entries[key] = serialize(item);
  return { type: "dict", value: entries };
}

export function deserialize(envelope) {
  switch (envelope.type) {
    case "null":
      return null;
    case "list": {
      const items = envelope.value;
      const out = new Array(items.length);
      for (let i = 0; i < items.length; i++) out[i] = deserialize(items[i]);
      return out;
    }
    case "dict": {
      const out = {};
      for (const [key, item] of Object.entries(envelope.value)) out[key] = deserialize(item);
      return out;
    }
    case "proxy":
      return { __esem_ref_id: envelope.ref_id };
    default:
      return envelope.value;
  }
}

/** Starts `command args` (a process that speaks esem) and waits for {"type":"ready"}. */
export async function startEsemClient(command, args, options) {
  const proc = new LineProcess(command, args, options);
  await proc.ready;
  const unwrap = (reply) => {
    if (reply.type === "error") throw new Error(`${reply.error_type}: ${reply.error}`);
    const envelope = reply.result ?? reply.value; // `call` answers in result, `get_attr` in value
    return envelope === undefined ? undefined : deserialize(envelope);
  };
  return {
    call(module, fn, args = []) {
      return proc.request({ action: "call", module, function: fn, args: args.map(serialize) }).then(unwrap);
    },
    load(module) {
      return proc.request({ action: "load", module }).then((reply) => {
        if (reply.type === "error") throw new Error(`${reply.error_type}: ${reply.error}`);
        return reply.exports;
      });
    },
    close: async () => proc.close(),
  };
}
