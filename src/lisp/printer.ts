// How values print: `printed` for a value on its own (print, str), `readable`
// for a value inside a collection, where strings keep their quotes.
import { pythonMeta } from "../protocol/markers.js";
import { Keyword, List, Sym } from "./forms.js";

/** The text `print` and `str` show for a value. */
export function printed(value: unknown): string {
  if (typeof value === "string") return value;
  return readable(value);
}

/** The text of a value inside a collection: strings quoted, like the reader would read them. */
export function readable(value: unknown): string {
  return show(value, new Set());
}

const KEYWORD_NAME = /^[^\s,()[\]{}"';`~:#@\\0-9][^\s,()[\]{}"';`~:\\]*$/;

function show(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return String(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return String(value);
    case "undefined":
      return "nil";
    case "symbol":
      return value.toString();
  }
  if (value === null || value === undefined) return "nil";
  const meta = pythonMeta(value);
  if (meta) return `#<py ${meta.type}>`;
  if (typeof value === "function") return `#<fn ${value.name || "anonymous"}>`;
  if (value instanceof Sym) return value.name;
  if (value instanceof Keyword) return `:${value.name}`;
  if (seen.has(value)) return "#<cycle>";
  seen.add(value);
  try {
    return showObject(value, seen);
  } finally {
    seen.delete(value);
  }
}

function showObject(value: object, seen: Set<object>): string {
  const items = (values: Iterable<unknown>) => Array.from(values, (item) => show(item, seen)).join(" ");
  if (value instanceof List) return `(${items(value)})`;
  if (Array.isArray(value)) return `[${items(value)}]`;
  if (value instanceof Set) return `#{${items(value)}}`;
  if (value instanceof Map) {
    return `{${Array.from(value, ([k, v]) => `${show(k, seen)} ${show(v, seen)}`).join(" ")}}`;
  }
  if (value instanceof Uint8Array) return `#bytes[${Array.from(value).join(" ")}]`;
  if (value instanceof Error) return `#<${value.name} ${value.message}>`;
  if (value instanceof Date) return `#<Date ${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()}>`;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const parts = Object.keys(value).map((key) => `${showKey(key)} ${show((value as Record<string, unknown>)[key], seen)}`);
    return `{${parts.join(" ")}}`;
  }
  const name = (proto?.constructor as { name?: string } | undefined)?.name;
  return `#<${name || "object"}>`;
}

function showKey(key: string): string {
  return KEYWORD_NAME.test(key) ? `:${key}` : quote(key);
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/["\\\u0000-\u001f\u007f]/g, (ch) => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${escaped}"`;
}
