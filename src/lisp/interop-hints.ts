// Clojure's interop spellings, which read as valid Lisp here but would only
// fail at run time as an undefined global (`js$SLASHError$DOT`). Caught at
// compile time instead, each pointing at the Polyglot way.

export interface InteropHint {
  what: string;
  expected: string;
  suggestion: string;
}

/** A hint when a free symbol is spelled the Clojure way, else undefined. */
export function interopHint(name: string): InteropHint | undefined {
  const jsGlobal = name.startsWith("js/") && name.length > 3;
  const bare = jsGlobal ? name.slice(3) : name;
  if (bare.length > 1 && bare.endsWith(".") && !bare.endsWith("..")) {
    const cls = bare.slice(0, -1);
    return {
      what: `${name} is Clojure's constructor spelling`,
      expected: `(new ${cls} args…)`,
      suggestion: `(new ${cls} …)`,
    };
  }
  if (jsGlobal) {
    return {
      what: `${name} is Clojure's spelling of a JS global`,
      expected: `the global's plain name: ${bare}`,
      suggestion: bare.replace("/", "."),
    };
  }
  const slash = name.indexOf("/");
  if (slash > 0 && slash < name.length - 1 && /^[A-Z]/.test(name) && !name.includes(".")) {
    const dotted = `${name.slice(0, slash)}.${name.slice(slash + 1)}`;
    return { what: `${name} is Clojure's spelling of a static member`, expected: dotted, suggestion: dotted };
  }
  if (name.length > 1 && name.startsWith(".") && !name.startsWith("..")) {
    const member = name.slice(1);
    return {
      what: `${name} on its own is not a property access: a .name symbol only calls a method at the head of a list`,
      expected: `(${name} obj args…) or (. obj ${member})`,
      suggestion: `(. obj ${member}) for the property, (${name} obj …) to call it`,
    };
  }
  return undefined;
}
