// The catalog's queries over a PythonBridge: ordinary `call`s of the runtime's
// polyglot_runtime.introspect functions, so no op of their own is needed.
import type { PythonBridge } from "../bridge/index.js";
import type { PythonDescription, PythonMember, PythonQuery } from "./python-catalog.js";

export const INTROSPECT_MODULE = "polyglot_runtime.introspect";

export function bridgeQuery(bridge: PythonBridge): PythonQuery {
  const introspect = bridge.module(INTROSPECT_MODULE);
  return {
    members: (module, path) => introspect.members(module, [...path]) as Promise<PythonMember[]>,
    sourceMembers: (source, filename, path) => introspect.source_members(source, filename, [...path]) as Promise<PythonMember[]>,
    describe: (module, path) => introspect.describe(module, [...path]) as Promise<PythonDescription>,
    sourceDescribe: (source, filename, path) => introspect.source_describe(source, filename, [...path]) as Promise<PythonDescription>,
    modules: () => introspect.modules() as Promise<string[]>,
  };
}
