// Help texts, one per command. `polyglot CMD --help` prints these.
export const usage = {
  main: `polyglot — a Lisp that compiles to JavaScript and calls Python

Usage:
  polyglot run FILE.lisp [--runtime pyodide|cpython] [--python PATH]
  polyglot run -e CODE   [--runtime pyodide|cpython] [--python PATH]
  polyglot compile FILE.lisp [-o OUT.mjs] [--map] [--runtime pyodide|cpython|none]
  polyglot repl [--runtime pyodide|cpython] [--python PATH]
  polyglot --version

Run 'polyglot COMMAND --help' for a command's options.
--python PATH alone implies --runtime cpython. Ctrl-C stops a running program; a second Ctrl-C ends it at once.`,
  run: `Usage: polyglot run FILE.lisp [options]
       polyglot run -e CODE [options]

Compile a program and run it. Python comes from the chosen runtime.

Options:
  -e, --eval CODE        run CODE instead of a file
  --runtime NAME         pyodide (default: embedded, needs only Node) or cpython
  --python PATH          the CPython interpreter (default: $POLYGLOT_PYTHON or python3);
                         implies --runtime cpython
  --packages DIR         Pyodide: a folder of *.whl (and pyodide-lock.json) that imports
                         install from (default: $POLYGLOT_PACKAGES; see docs/packages.md)
  -h, --help             show this help

Python's input() and Lisp's (read-line) read lines from stdin (the prompt goes to stdout);
at end of input read-line gives nil and input() raises EOFError.
Ctrl-C stops the program (interrupting Python); a second Ctrl-C ends it at once.
Exit codes: 0 success, 1 runtime error, 2 syntax or usage error.`,
  compile: `Usage: polyglot compile FILE.lisp [options]

Compile a program to an ES module that imports its prelude from "polyglot-lisp/prelude".
Run it with \`node OUT.mjs\` where polyglot-lisp is installed: its first lines attach Python
(from "polyglot-lisp/attach"), which starts on the program's first Python call.

Options:
  -o, --out OUT.mjs      write the JavaScript here (default: standard output)
  --map                  also write a source map (OUT.mjs.map, or inline without -o)
  --runtime NAME         the Python the module attaches: pyodide (default), cpython, or none
  --python PATH          the CPython interpreter the module uses (implies --runtime cpython)
  -h, --help             show this help`,
  repl: `Usage: polyglot repl [options]

Read Lisp forms (several lines each when brackets are open), run them, print each result.
Definitions and macros persist between entries. Ctrl-C ends the running entry, whether
it is a JS loop (such as (while true nil)) or waiting on Python, and keeps the session and
its definitions; at the prompt it clears the line. Tab completes Lisp names (the session's
definitions, the prelude, special forms) and Python attributes (after (def m ($py "math")),
m.sq Tab gives m.sqrt). input() and (read-line) in an entry read the lines typed after it.
Ctrl-D leaves.

Options:
  --runtime NAME         pyodide (default) or cpython
  --python PATH          the CPython interpreter (default: $POLYGLOT_PYTHON or python3)
  --packages DIR         Pyodide: a folder of wheels imports install from (default: $POLYGLOT_PACKAGES)
  -h, --help             show this help`,
} as const;
