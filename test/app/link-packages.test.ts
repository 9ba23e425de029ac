// What a share link names: the packages whose modules the files import (and their
// dependencies), and on opening, which of those the playground lacks.
import { describe, expect, it } from "vitest";
import { mentionedModules, missingPackages, missingPackagesMessage, neededPackages } from "../../src/app/link-packages.js";

const available = [
  { name: "greeter", imports: ["greeter"], depends: ["greet-core"] },
  { name: "greet-core", imports: ["greet_core"], depends: [] },
  { name: "numpy", imports: ["numpy"], depends: [] },
  { name: "python-dateutil", imports: ["dateutil"], depends: ["six"] },
];

describe("mentionedModules", () => {
  it("reads Lisp strings and Python imports, not Lisp quotes or comments' words", () => {
    const modules = mentionedModules([
      { name: "main.lisp", text: `(py.import "numpy.linalg" :as la)\n(def g ($py "greeter"))\n(print 'dateutil "./tools.py")\n` },
      { name: "tools.py", text: "import os, json as j\nfrom dateutil.parser import parse\n  import greet_core\nx = __import__('six')\n# import nothing_here\n" },
    ]);
    expect([...modules].sort()).toEqual(["dateutil", "greet_core", "greeter", "json", "numpy", "os", "six"]);
  });
});

describe("neededPackages", () => {
  it("names the providers of what the files import, with their dependencies, sorted", () => {
    expect(neededPackages([{ name: "main.lisp", text: '(def g ($py "greeter"))' }], available)).toEqual(["greet-core", "greeter"]);
    expect(neededPackages([{ name: "t.py", text: "from dateutil import tz\n" }], available)).toEqual(["python-dateutil", "six"]);
    expect(neededPackages([{ name: "main.lisp", text: '(print "hello")' }], available)).toEqual([]);
  });
});

describe("missingPackages", () => {
  it("compares normalised names and says what to do", () => {
    expect(missingPackages(["Greet_Core", "shouter", "greeter"], available)).toEqual(["shouter"]);
    expect(missingPackagesMessage(["shouter"])).toBe(
      "This program needs a package this playground does not have: shouter. Add its wheel with Packages (see docs/packages.md), or ask whoever hosts the playground to serve it.",
    );
    expect(missingPackagesMessage(["a", "b"])).toContain("needs packages this playground does not have: a, b. Add their wheels");
  });
});
