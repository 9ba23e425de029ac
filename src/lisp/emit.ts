// ESTree → JS text and its source map, with astring. One change to astring's
// layout: small flat objects stay on one line (`kw({sort_keys: true})`), which
// keeps the output shown in the playground readable.
import { GENERATOR, generate, type State } from "astring";
import { SourceMapGenerator, type RawSourceMap } from "source-map-js";
import type * as ES from "estree";

const MAX_INLINE_PROPERTIES = 4;

type ObjectWriter = (this: typeof GENERATOR, node: ES.ObjectExpression, state: State) => void;
const multiLineObject = GENERATOR.ObjectExpression as ObjectWriter;

const generator = {
  ...GENERATOR,
  ObjectExpression(this: typeof GENERATOR, node: ES.ObjectExpression, state: State) {
    if (node.properties.length === 0 || node.properties.length > MAX_INLINE_PROPERTIES || !node.properties.every(isFlatProperty)) {
      return multiLineObject.call(this, node, state);
    }
    state.write("{");
    node.properties.forEach((property, i) => {
      if (i > 0) state.write(", ");
      this.Property(property as ES.Property, state);
    });
    state.write("}");
  },
};

function isFlatProperty(property: ES.Property | ES.SpreadElement): boolean {
  return property.type === "Property" && isFlat(property.value as ES.Expression, 1);
}

/** Literals, names and short arrays of them: nothing that would itself span lines. */
function isFlat(node: ES.Expression, depth: number): boolean {
  switch (node.type) {
    case "Literal":
    case "Identifier":
    case "ThisExpression":
      return true;
    case "UnaryExpression":
      return isFlat(node.argument, depth);
    case "MemberExpression":
      return !node.computed && isFlat(node.object as ES.Expression, depth);
    case "ArrayExpression":
      return depth > 0 && node.elements.length <= 4 && node.elements.every((e) => e !== null && e.type !== "SpreadElement" && isFlat(e, depth - 1));
    default:
      return false;
  }
}

export function emit(program: ES.Program, source: string, filename: string): { code: string; map: RawSourceMap } {
  const sourceMap = new SourceMapGenerator({ file: filename });
  sourceMap.setSourceContent(filename, source);
  const code = generate(program, { sourceMap: sourceMap as never, generator: generator as never });
  return { code, map: sourceMap.toJSON() };
}

/** Plain JS text, no map (a macro's function). */
export function emitCode(program: ES.Program): string {
  return generate(program, { generator: generator as never });
}
