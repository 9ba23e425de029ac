// The compiler's public API.
export { compile, type CompileOptions, type CompileResult, type RawSourceMap } from "./compile.js";
export { LispError, frameAt, shortLine, terminalSafe } from "./errors.js";
export { read } from "./reader.js";
export { createPrelude, attachPython, type Prelude, type PreludeContext } from "./prelude.js";
export { printed, readable } from "./printer.js";
export { locateError } from "./locate.js";
export { Sym, Keyword, List, MapForm, SetForm, type Form, type Loc } from "./forms.js";
export { lispNamesIn } from "./demangle.js";
export { ReplSession } from "./session.js";
