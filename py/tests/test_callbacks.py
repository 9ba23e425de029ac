"""Python calling JS: call_js, nested requests to any depth, JSError, release_js."""

import gc
import json

from .support import HostTestCase, JSThrow


class CallbackTest(HostTestCase):
    HELPERS = HostTestCase.HELPERS + """
def apply(f, *args, **kwargs):
    return f(*args, **kwargs)

def twice(f, x):
    return f(f(x))

def keep(f):
    global kept
    kept = f

def drop():
    global kept
    kept = None

def catch(f):
    try:
        f()
    except Exception as exc:
        return [type(exc).__name__, str(exc), isinstance(exc, Exception)]
"""

    def call(self, path, *args, **kwargs):
        return self.host.call(self.module, path, *args, **kwargs)

    def test_call_js_message_and_result(self):
        self.host.functions[7] = lambda host, a, b, **kw: {"__set__": [a + b, kw.get("scale")]}
        result = self.call("apply", {"__jsref__": 7}, 2, 3, scale=10)
        self.assertEqual(sorted(result["__set__"]), [5, 10])
        call = next(m for m in self.host.sent if m.get("op") == "call_js")
        self.assertEqual(call, {"id": "py-1", "op": "call_js", "fn": 7, "args": [2, 3], "kwargs": {"scale": 10}})

    def test_call_js_without_kwargs_sends_no_kwargs_field(self):
        self.host.functions[1] = lambda host, x: x * 2
        self.assertEqual(self.call("twice", {"__jsref__": 1}, 5), 20)
        calls = [m for m in self.host.sent if m.get("op") == "call_js"]
        self.assertEqual([c["id"] for c in calls], ["py-1", "py-2"])
        self.assertNotIn("kwargs", calls[0])

    def test_arguments_and_results_are_converted(self):
        self.host.exec(self.module, "class Box:\n    pass\nbox = Box()\ndef check(f):\n    return f(box, b'x', {1, 2}) is box")
        self.host.functions[3] = lambda host, box, data, numbers: box
        self.assertIs(self.call("check", {"__jsref__": 3}), True)
        args = next(m for m in self.host.sent if m.get("op") == "call_js")["args"]
        self.assertEqual(args[0]["type"], "Box")
        self.assertEqual(args[1:], [{"__bytes__": "eA=="}, {"__set__": [1, 2]}])

    def test_a_js_error_raises_js_error_in_python(self):
        def broken(host):
            raise JSThrow("TypeError", "x is not a function")

        self.host.functions[2] = broken
        self.assertEqual(self.call("catch", {"__jsref__": 2}), ["JSError", "TypeError: x is not a function", True])
        error = self.host.error("call", target={"module": self.module}, path=["apply"], args=[{"__jsref__": 2}])
        self.assertEqual((error["type"], error["message"]), ("JSError", "TypeError: x is not a function"))

    def test_nested_calls_through_re_entrant_handle_json(self):
        # JS → Python → JS → Python → JS → Python, the JS side calling handle_json re-entrantly.
        def js_outer(host, n):
            return host.call(self.module, "apply", {"__jsref__": 11}, n + 1)

        def js_inner(host, n):
            return host.call(self.module, "echo", n * 10)

        self.host.functions.update({10: js_outer, 11: js_inner})
        self.assertEqual(self.call("apply", {"__jsref__": 10}, 1), 20)
        replies = [m for m in self.host.sent if "ok" in m]
        self.assertEqual(replies, [], "re-entrant replies go back as return values, not through send")

    def test_nested_requests_arriving_through_receive(self):
        # The host answers with a nested request first; the runtime serves it, then gets its reply.
        self.host.incoming = [
            json.dumps({"id": 50, "op": "call", "target": {"module": "math"}, "path": ["gcd"], "args": [12, 18]}),
            "not json",
            json.dumps({"id": "py-0", "ok": True, "result": "stale"}),
            json.dumps({"id": "py-1", "ok": True, "result": [1, 2]}),
        ]
        self.assertEqual(self.call("apply", {"__jsref__": 1}), [1, 2])
        nested = [m for m in self.host.sent if "ok" in m]
        self.assertEqual(nested[0], {"id": 50, "ok": True, "result": 6})
        self.assertEqual((nested[1]["id"], nested[1]["error"]["type"]), (None, "BridgeError"))
        self.assertEqual(len(nested), 2, "the stale reply is ignored")

    def test_deep_recursion_between_the_two_sides(self):
        self.host.exec(self.module, "def countdown(f, n):\n    return 0 if n == 0 else 1 + f(n - 1)")

        def js_countdown(host, n):
            return host.call(self.module, "countdown", {"__jsref__": 4}, n)

        self.host.functions[4] = js_countdown
        self.assertEqual(self.call("countdown", {"__jsref__": 4}, 25), 25)

    def test_receive_failure_raises_js_error_with_its_text(self):
        self.host.receive_error = RuntimeError("callbacks are not supported on this transport")
        self.assertEqual(
            self.call("catch", {"__jsref__": 1}),
            ["JSError", "callbacks are not supported on this transport", True],
        )

    def test_js_function_identity_and_repr(self):
        self.host.exec(self.module, "def same(a, b):\n    return a is b\n")
        self.assertIs(self.call("same", {"__jsref__": 8}, {"__jsref__": 8}), True)
        self.assertEqual(self.show({"__jsref__": 8}), "<JSFunction 8>")

    def test_release_js_when_python_lets_go(self):
        self.call("keep", {"__jsref__": 21})
        self.assertEqual(self.stats()["js_refs"], 1)
        self.call("drop")
        gc.collect()
        self.assertEqual(self.host.ok("stats"), {"objects": 0, "js_refs": 0})
        self.assertEqual(self.host.notices("release_js"), [{"type": "release_js", "refs": [21]}])

    def test_release_js_is_sent_before_the_next_message(self):
        self.host.exec(self.module, "def drop_then_call(g):\n    drop()\n    return g()")
        self.host.functions[31] = lambda host: 1
        self.call("keep", {"__jsref__": 30})
        self.host.sent.clear()
        self.call("drop_then_call", {"__jsref__": 31})
        self.assertEqual(self.host.sent[:2], [{"type": "release_js", "refs": [30]}, {"id": "py-1", "op": "call_js", "fn": 31, "args": []}])

    def test_a_jsref_sent_again_before_its_release_is_not_released(self):
        runtime = self.host.runtime
        function = runtime.codec.from_wire({"__jsref__": 40})
        del function
        gc.collect()
        self.assertEqual(runtime.js.released, [40], "queued, not yet sent")
        again = runtime.codec.from_wire({"__jsref__": 40})
        self.assertEqual(runtime.js.released, [], "the host still holds it, so it must not be released")
        self.assertEqual(self.stats()["js_refs"], 1)
        self.assertEqual(self.host.notices("release_js"), [])
        del again

    def test_an_outer_reply_that_comes_first_waits_for_the_inner_call(self):
        # Python waits on py-1; a nested request makes it wait on py-2; the host answers
        # py-1 before py-2. The early reply is kept until the outer wait resumes.
        nested = {"id": 60, "op": "call", "target": {"module": self.module}, "path": ["apply"], "args": [{"__jsref__": 2}]}
        self.host.incoming = [
            json.dumps(nested),
            json.dumps({"id": "py-1", "ok": True, "result": "outer"}),
            json.dumps({"id": "py-2", "ok": True, "result": "inner"}),
        ]
        self.assertEqual(self.call("apply", {"__jsref__": 1}), "outer")
        self.assertIn({"id": 60, "ok": True, "result": "inner"}, self.host.sent)
        self.assertEqual(self.host.runtime._waiting, {})

    def test_an_interrupt_that_arrives_while_a_message_is_handled_is_raised_after(self):
        def js(host):
            host.runtime.interrupt_pending = True  # as the SIGINT handler does in a quiet section
            return 1

        self.host.functions[1] = js
        error = self.host.error("call", target={"module": self.module}, path=["apply"], args=[{"__jsref__": 1}])
        self.assertEqual(error["type"], "KeyboardInterrupt")
        self.assertIs(self.host.runtime.interrupt_pending, False)
        self.assertEqual(self.host.ok("ping"), "pong")
