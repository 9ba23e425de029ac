export { runProgram, describeRuntimeError, InterruptedError, untilAborted } from "./run-program.js";
export type { RunOptions, RunResult, Compiled, OutputStream } from "./run-program.js";
export type { ProgramError, ProgramErrorKind } from "./program-error.js";
