// The contract: Python's tables (`python3 -m polyglot_runtime --describe`) are the ones
// src/protocol/contract.ts exports, so neither side can drift alone.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { LIMITS, NOTICES, OPS, PICTURE_TYPES, PROTOCOL_VERSION, PYTHON_OPS, WIRE_TAGS } from "../../src/protocol/index.js";

interface PythonTables {
  protocol: number;
  ops: Record<string, string[]>;
  python_ops: string[];
  notices: string[];
  picture_types: string[];
  wire_tags: string[];
  limits: { max_depth: number; max_json_depth: number; f64_min_length: number; max_safe_integer: number };
}

const pyDir = fileURLToPath(new URL("../../py", import.meta.url));

function pythonTables(): PythonTables {
  const python = process.env.POLYGLOT_PYTHON ?? "python3";
  const text = execFileSync(python, ["-P", "-m", "polyglot_runtime", "--describe"], {
    env: { ...process.env, PYTHONPATH: pyDir },
    encoding: "utf8",
  });
  return JSON.parse(text) as PythonTables;
}

describe("the protocol contract", () => {
  const tables = pythonTables();

  test("the same protocol version", () => {
    expect(tables.protocol).toBe(PROTOCOL_VERSION);
  });

  test("the same ops, each with the same required fields", () => {
    expect(tables.ops).toEqual(Object.fromEntries(Object.entries(OPS).map(([op, fields]) => [op, [...fields]])));
    expect(tables.python_ops).toEqual([...PYTHON_OPS]);
    expect(tables.notices).toEqual([...NOTICES]);
  });

  test("the same picture types for display notices", () => {
    expect(tables.picture_types).toEqual([...PICTURE_TYPES]);
  });

  test("the same wire tags", () => {
    expect(tables.wire_tags).toEqual([...WIRE_TAGS].sort());
  });

  test("the same limits (the nesting depth above all)", () => {
    expect(tables.limits).toEqual({
      max_depth: LIMITS.maxDepth,
      max_json_depth: LIMITS.maxJsonDepth,
      f64_min_length: LIMITS.f64MinLength,
      max_safe_integer: LIMITS.maxSafeInteger,
    });
  });
});
