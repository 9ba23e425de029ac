"""`input()` answered by the host: the playground asks in its output pane, the CLI reads its stdin.

The runtime's own stdin is the protocol (CPython) or nothing (Pyodide), so `input()` cannot
read a line there. Once the host says it answers (`configure` with `input: true`), the
builtin sends `{"id": "py-N", "op": "input", "prompt": …}` and waits as for a callback;
until then the original builtin runs (under CPython it reads /dev/null: EOFError).
"""

import builtins

from .errors import BridgeError


class HostInput:
    """Stands in for builtins.input while the runtime is attached."""

    def __init__(self, runtime):
        self._runtime = runtime
        #: Set by configure: the host answers `input` requests.
        self.enabled = False
        self._original = None

    def install(self):
        if self._original is None:
            self._original = builtins.input
            builtins.input = self

    def uninstall(self):
        if self._original is not None:
            if builtins.input is self:
                builtins.input = self._original
            self._original = None

    def __call__(self, prompt=""):
        if not self.enabled:
            return self._original(prompt)
        reply = self._runtime.ask_host({"op": "input", "prompt": str(prompt)})
        if reply.get("ok") is True:
            line = reply.get("result")
            if line is None:
                raise EOFError("EOF when reading a line")  # CPython's words
            if type(line) is not str:
                raise BridgeError(f"the host answered input() with {type(line).__name__}, not a string or null")
            return line
        error = reply.get("error")
        kind = error.get("type") if type(error) is dict else None
        if kind == "KeyboardInterrupt":
            raise KeyboardInterrupt  # the host cancelled the wait (Stop, Ctrl-C)
        message = error.get("message") if type(error) is dict else error
        raise EOFError(f"the host could not read a line: {message}")

    def __repr__(self):
        return "<built-in function input>"
