"""A fake JS host that drives a Runtime in-process through attach() / handle_json()."""

import json
import unittest

import polyglot_runtime


class JSThrow(Exception):
    """Raised by a fake JS function to make the host answer with an error reply."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


class FakeHost:
    """Records everything the runtime sends and answers call_js like a JS host would.

    `functions` maps a jsref id to a Python callable standing in for the JS function;
    it receives (host, *wire_args, **wire_kwargs) and returns a wire value. It may call
    back into Python through `host.request(...)`, re-entrantly, as a Pyodide host can.
    `incoming` holds scripted messages that receive() hands out first. `lines` answers
    input requests in order: a str is the line, None end of input, a JSThrow an error reply.
    """

    def __init__(self, runtime=None):
        self.runtime = runtime or polyglot_runtime.Runtime()
        self.sent = []
        self.wire = []  # the texts given to send(), as sent
        self.functions = {}
        self.incoming = []
        self.lines = []
        self.receive_error = None
        self._pending_calls = []
        self._next_id = 1
        self.runtime.attach(self._send, self._receive)

    def close(self):
        self.runtime.detach()

    # -- the channel ------------------------------------------------------------

    def _send(self, text):
        self.assert_one_line(text)
        self.wire.append(text)
        message = json.loads(text)
        # During handle_batch one message may carry several: a JSON array of them, in order.
        for message in message if type(message) is list else [message]:
            self.sent.append(message)
            if message.get("op") in ("call_js", "input"):
                self._pending_calls.append(message)

    def _receive(self):
        if self.receive_error is not None:
            raise self.receive_error
        if self.incoming:
            return self.incoming.pop(0)
        call = self._pending_calls.pop()
        try:
            if call["op"] == "input":
                result = self._line()
            else:
                result = self.functions[call["fn"]](self, *call["args"], **call.get("kwargs", {}))
            reply = {"id": call["id"], "ok": True, "result": result}
        except JSThrow as exc:
            reply = {"id": call["id"], "ok": False, "error": {"type": exc.name, "message": str(exc), "traceback": "at js"}}
        return json.dumps(reply)

    def _line(self):
        line = self.lines.pop(0)
        if isinstance(line, JSThrow):
            raise line
        return line

    @staticmethod
    def assert_one_line(text):
        if "\n" in text:
            raise AssertionError(f"a message spans lines: {text!r}")

    # -- requests ---------------------------------------------------------------

    def request(self, op, **fields):
        """Send one request; return the reply as a dict."""
        request_id = self._next_id
        self._next_id += 1
        text = self.runtime.handle_json(json.dumps({"id": request_id, "op": op, **fields}))
        self.assert_one_line(text)
        reply = json.loads(text)
        if reply["id"] != request_id:
            raise AssertionError(f"reply id {reply['id']!r} for request {request_id}")
        return reply

    def ok(self, op, **fields):
        """Send one request that must succeed; return its result."""
        reply = self.request(op, **fields)
        if not reply["ok"]:
            raise AssertionError(f"{op} failed: {reply['error']['type']}: {reply['error']['message']}")
        return reply["result"]

    def error(self, op, **fields):
        """Send one request that must fail; return its error info."""
        reply = self.request(op, **fields)
        if reply["ok"]:
            raise AssertionError(f"{op} succeeded with {reply['result']!r}")
        return reply["error"]

    def exec(self, module, source):
        return self.ok("exec", module=module, source=source)

    def call(self, module, path, *args, **kwargs):
        fields = {"target": {"module": module}, "path": path.split(".") if path else [], "args": list(args)}
        if kwargs:
            fields["kwargs"] = kwargs
        return self.ok("call", **fields)

    def notices(self, kind=None):
        return [m for m in self.sent if "type" in m and (kind is None or m["type"] == kind)]

    def output(self, kind="stdout"):
        return "".join(m["data"] for m in self.notices(kind))


class HostTestCase(unittest.TestCase):
    """A test with a fresh Runtime behind a FakeHost, and a helper module `m`."""

    HELPERS = """
def echo(x):
    return x

def kind(x):
    return type(x).__name__

def show(x):
    return repr(x)
"""

    def setUp(self):
        self.host = FakeHost()
        self.addCleanup(self.host.close)
        self.module = f"m_{type(self).__name__}_{self._testMethodName}"
        self.host.exec(self.module, self.HELPERS)

    def echo(self, value):
        return self.host.call(self.module, "echo", value)

    def kind(self, value):
        return self.host.call(self.module, "kind", value)

    def show(self, value):
        return self.host.call(self.module, "show", value)

    def stats(self):
        return self.host.ok("stats")
