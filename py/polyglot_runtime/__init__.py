"""Polyglot's Python runtime: serves the bridge protocol of src/protocol/.

CPython runs it as a subprocess speaking newline-delimited JSON over stdio
(`python3 -m polyglot_runtime [--base DIR]`, with py/ on the path; see __main__.py).
Pyodide imports the package inside a worker; the JS host calls `attach(send, receive)`
and then `handle_json(text)` for every request, or `handle_batch(text)` for several.
docs/protocol.md describes the protocol in full.

Modules: protocol (the shared contract), errors, wire (JSON and the codec), objects
(the object table, JS functions), output, host_input (input() asked of the host),
files (module lookup), ops, dispatch (the core: channel, batching, interrupts,
callbacks), esem (esem-bridge's dialect).
Standard library only; runs on CPython 3.11+ and Pyodide (Python 3.14).
"""

from .dispatch import HOLD_SECONDS, Runtime as _CoreRuntime
from .errors import BridgeError, JSError
from .protocol import MAX_DEPTH, PROTOCOL_VERSION, WIRE_TAGS

__all__ = [
    "BridgeError",
    "HOLD_SECONDS",
    "JSError",
    "MAX_DEPTH",
    "PROTOCOL_VERSION",
    "Runtime",
    "WIRE_TAGS",
    "attach",
    "detach",
    "handle_batch",
    "handle_json",
]


def Runtime(esem_output=None):  # noqa: N802 - stands for the class it builds
    """A runtime that also answers esem-bridge's messages (their output goes to `esem_output` if given)."""
    runtime = _CoreRuntime()
    runtime.add_dialect(_is_esem_message, _esem_handler(esem_output))
    return runtime


def _is_esem_message(message):
    return "action" in message


def _esem_handler(output):
    """esem's adapter, imported on its first message: most sessions never speak esem."""
    adapter = None

    def handle(runtime, message):
        nonlocal adapter
        if adapter is None:
            from .esem import EsemAdapter  # noqa: PLC0415

            adapter = EsemAdapter(runtime, output)
        return adapter.handle(message)

    return handle


_runtime = Runtime()


def default_runtime():
    """The runtime the module-level host API below drives."""
    return _runtime


def attach(send, receive, between=None):
    """Connect the runtime to a host: `send(text)` delivers one message, `receive()` blocks for one."""
    _runtime.attach(send, receive, between=between)


def handle_json(text):
    """Handle one request envelope; return the reply envelope as JSON text."""
    return _runtime.handle_json(text)


def handle_batch(text):
    """Handle envelopes joined by "\n"; return their unsent replies as one message (see Runtime.handle_batch)."""
    return _runtime.handle_batch(text)


def detach():
    """Flush pending output and restore sys.stdout / sys.stderr."""
    _runtime.detach()
