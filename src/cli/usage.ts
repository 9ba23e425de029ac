// Help texts, one per command. `polyglot CMD --help` prints these.
export const usage = {
  main: `polyglot — a Lisp that compiles to JavaScript and calls Python

Usage:
  polyglot run FILE.lisp [--runtime pyodide|cpython] [--python PATH]
  polyglot run -e CODE   [--runtime pyodide|cpython] [--python PATH]
  polyglot compile FILE.lisp [-o OUT.js] [--map]
  polyglot repl [--runtime pyodide|cpython] [--python PATH]

Run 'polyglot COMMAND --help' for a command's options.`,
  run: `Usage: polyglot run FILE.lisp [options]
       polyglot run -e CODE [options]

Compile a program and run it. Python comes from the chosen runtime.

Options:
  -e, --eval CODE        run CODE instead of a file
  --runtime NAME         pyodide (default: embedded, needs only Node) or cpython
  --python PATH          the CPython interpreter (default: $POLYGLOT_PYTHON or python3)
  -h, --help             show this help

Exit codes: 0 success, 1 runtime error, 2 syntax or usage error.`,
  compile: `Usage: polyglot compile FILE.lisp [options]

Compile a program to an ES module that imports its prelude from "polyglot/prelude".

Options:
  -o, --out OUT.js       write the JavaScript here (default: standard output)
  --map                  also write a source map (OUT.js.map, or inline without -o)
  -h, --help             show this help`,
  repl: `Usage: polyglot repl [options]

Read Lisp forms (several lines each when brackets are open), run them, print each result.
Definitions and macros persist between entries. Ctrl-C ends the running entry, whether
it is a JS loop (such as (while true nil)) or waiting on Python, and keeps the session and
its definitions; at the prompt it clears the line. Ctrl-D leaves.

Options:
  --runtime NAME         pyodide (default) or cpython
  --python PATH          the CPython interpreter (default: $POLYGLOT_PYTHON or python3)
  -h, --help             show this help`,
} as const;
