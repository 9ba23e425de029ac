// Runtime error → Lisp position: take the first V8 stack frame that belongs
// to the compiled program and map it back through the source map.
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";

const consumers = new WeakMap<RawSourceMap, SourceMapConsumer>();
let headerLines: number | undefined;

/**
 * `new Function(params, body)` (and AsyncFunction) compiles
 * `function anonymous(params\n) {\nbody\n}`, so the body's first line is not
 * line 1 of the script V8 reports. Measure instead of assuming.
 */
function functionHeaderLines(): number {
  if (headerLines !== undefined) return headerLines;
  const url = "polyglot-measure-header";
  try {
    new Function("__prelude", `throw new Error("measure")\n//# sourceURL=${url}`)();
  } catch (error) {
    headerLines = (frameIn(error, url)?.line ?? 3) - 1;
  }
  return headerLines ?? 2;
}

function frameIn(error: unknown, sourceURL: string): { line: number; column: number } | undefined {
  const stack = error instanceof Error ? error.stack : typeof error === "object" && error !== null ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== "string") return undefined;
  const escaped = sourceURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/**
 * Where in the Lisp source `error` was thrown, 1-based, or undefined when no
 * stack frame belongs to `sourceURL`. `compiled` is the function-target output
 * that was run with `new AsyncFunction("__prelude", code + "\n//# sourceURL=" + sourceURL)`.
 */
export function locateError(
  error: unknown,
  compiled: { map: RawSourceMap },
  sourceURL: string,
  /** Lines before the compiled code in the script V8 ran; by default those of `new Function`. */
  headerLines?: number,
): { line: number; column: number } | undefined {
  const frame = frameIn(error, sourceURL);
  if (!frame) return undefined;
  let consumer = consumers.get(compiled.map);
  if (!consumer) {
    consumer = new SourceMapConsumer(compiled.map);
    consumers.set(compiled.map, consumer);
  }
  const line = frame.line - (headerLines ?? functionHeaderLines());
  const column = frame.column - 1;
  for (const bias of [SourceMapConsumer.GREATEST_LOWER_BOUND, SourceMapConsumer.LEAST_UPPER_BOUND]) {
    const found = consumer.originalPositionFor({ line, column, bias });
    if (found.line !== null && found.line !== undefined) return { line: found.line, column: (found.column ?? 0) + 1 };
  }
  // No mapping on that generated line: the nearest one before it.
  for (let earlier = line - 1; earlier >= 1; earlier--) {
    const found = consumer.originalPositionFor({ line: earlier, column: Number.MAX_SAFE_INTEGER, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
    if (found.line !== null && found.line !== undefined) return { line: found.line, column: (found.column ?? 0) + 1 };
  }
  return undefined;
}
