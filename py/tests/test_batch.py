"""handle_batch: several envelopes in one call, replies held but never behind later messages."""

import json
import time

from polyglot_runtime import dispatch

from .support import HostTestCase


class BatchTest(HostTestCase):
    HELPERS = HostTestCase.HELPERS + """
import time

def say(n):
    print(n)
    return n

def apply(f, *args):
    return f(*args)

def stop():
    raise KeyboardInterrupt

def slow(seconds):
    time.sleep(seconds)
    return seconds
"""

    def setUp(self):
        super().setUp()
        self.host.sent.clear()
        self.host.wire.clear()
        # Deterministic: no test but the hold test may see replies leave early on a slow machine.
        self.hold(60)

    def hold(self, seconds):
        saved = dispatch.HOLD_SECONDS
        dispatch.HOLD_SECONDS = seconds
        self.addCleanup(setattr, dispatch, "HOLD_SECONDS", saved)

    def request(self, request_id, path, *args):
        return {"id": request_id, "op": "call", "target": {"module": self.module}, "path": [path], "args": list(args)}

    def batch(self, *envelopes):
        """Run one batch; return the messages of the text it returned, as a list."""
        texts = [e if type(e) is str else json.dumps(e) for e in envelopes]
        text = self.host.runtime.handle_batch("\n".join(texts))
        self.host.assert_one_line(text)
        if not text:
            return []
        returned = json.loads(text)
        return returned if type(returned) is list else [returned]

    def results(self, replies):
        return [(r["id"], r["result"] if r["ok"] else r["error"]["type"]) for r in replies]

    def test_replies_come_back_in_order_as_one_array(self):
        text = self.host.runtime.handle_batch(
            "\n".join(json.dumps(self.request(n, "echo", n * 10)) for n in range(1, 4))
        )
        self.assertEqual(json.loads(text), [{"id": n, "ok": True, "result": n * 10} for n in range(1, 4)])
        self.assertEqual(self.host.wire, [], "replies wait for the end of a quick batch")

    def test_one_envelope_returns_what_handle_json_returns(self):
        envelope = json.dumps({"id": 1, "op": "ping"})
        self.assertEqual(self.host.runtime.handle_batch(envelope), self.host.runtime.handle_json(envelope))
        self.assertEqual(self.host.runtime.handle_batch(""), "")
        self.assertEqual(self.host.runtime._take_replies(), "", "nothing is held outside a batch")

    def test_output_goes_out_behind_the_replies_of_finished_envelopes(self):
        returned = self.batch(*(self.request(n, "say", n) for n in range(1, 4)))
        self.assertEqual(self.results(returned), [(3, 3)])
        order = [f"out:{m['data'].strip()}" if "type" in m else f"reply:{m['id']}" for m in self.host.sent]
        self.assertEqual(order, ["out:1", "reply:1", "out:2", "reply:2", "out:3"])
        # Each notice travels in one message with the replies held before it.
        self.assertEqual([type(json.loads(text)).__name__ for text in self.host.wire], ["dict", "list", "list"])

    def test_callbacks_and_nested_requests_inside_a_batch(self):
        def js(host, x):
            # Re-entrant, as a JS callback calling Python again: its reply comes back directly.
            return host.call(self.module, "echo", x + 1) * 2

        self.host.functions[5] = js
        nested = self.request("nested", "say", "inner")
        self.host.incoming.append(json.dumps(nested))  # served while Python waits for the callback
        ping = {"id": 1, "op": "ping"}
        returned = self.batch(ping, self.request(2, "apply", {"__jsref__": 5}, 1), {**ping, "id": 3})
        self.assertEqual(self.results(returned), [(2, 4), (3, "pong")])
        order = [m.get("op") or m.get("type") or f"reply:{m['id']}" for m in self.host.sent]
        # The callback's JSFunction is released once apply returns: before its reply, as always.
        self.assertEqual(order, ["reply:1", "call_js", "stdout", "reply:nested", "release_js"])

    def test_a_malformed_envelope_gets_its_error_and_the_rest_are_served(self):
        returned = self.batch("{bad", {"id": 2, "op": "ping"}, "[1]", {"id": 4, "op": "nope"}, {"id": 5, "op": "ping"})
        self.assertEqual(
            self.results(returned),
            [(None, "BridgeError"), (2, "pong"), (None, "BridgeError"), (4, "BridgeError"), (5, "pong")],
        )
        self.assertIn("malformed JSON", returned[0]["error"]["message"])

    def test_an_interrupt_aborts_only_the_envelope_it_hit(self):
        returned = self.batch(self.request(1, "echo", 1), self.request(2, "stop"), self.request(3, "echo", 3))
        self.assertEqual(self.results(returned), [(1, 1), (2, "KeyboardInterrupt"), (3, 3)])

    def test_an_interrupt_while_waiting_for_a_callback_aborts_only_that_envelope(self):
        self.host.receive_error = KeyboardInterrupt()
        returned = self.batch(self.request(1, "apply", {"__jsref__": 9}, 1), self.request(2, "echo", 2))
        self.assertEqual(self.results(returned), [(1, "KeyboardInterrupt"), (2, 2)])

    def test_between_runs_only_between_envelopes(self):
        calls = []
        self.host.runtime.attach(self.host._send, self.host._receive, between=lambda: calls.append(1))
        self.batch({"id": 1, "op": "ping"})
        self.assertEqual(calls, [])
        self.batch(*({"id": n, "op": "ping"} for n in range(3)))
        self.assertEqual(len(calls), 2)

    def test_an_interrupt_outside_any_op_still_answers_each_envelope_once(self):
        runtime = self.host.runtime
        calls = []

        def between():
            calls.append(len(calls))
            if len(calls) == 1:
                raise KeyboardInterrupt  # landed between two envelopes: meant for none of them

        runtime.attach(self.host._send, self.host._receive, between=between)
        handle_json = runtime.handle_json

        def interrupted_after_the_op(text):
            reply = handle_json(text)
            if '"id": 3' in text:
                raise KeyboardInterrupt  # the op finished; the interrupt hit before its reply left
            return reply

        runtime.handle_json = interrupted_after_the_op
        try:
            returned = self.batch(*(self.request(n, "echo", n) for n in range(1, 5)))
        finally:
            del runtime.handle_json
        self.assertEqual(self.results(returned), [(1, 1), (2, 2), (3, "KeyboardInterrupt"), (4, 4)])
        # Between envelopes only (not before the first or after the last), once more after the interrupt.
        self.assertEqual(len(calls), 4)

    def test_a_long_batch_sends_the_replies_it_holds_before_the_next_envelope(self):
        self.hold(0.01)
        started = time.perf_counter()
        returned = self.batch({"id": 1, "op": "ping"}, self.request(2, "slow", 0.05), {"id": 3, "op": "ping"})
        self.assertGreaterEqual(time.perf_counter() - started, 0.05)
        # Sent through send() before the last envelope started (in one message, unless the machine
        # was so slow that the first reply was already too old when the second envelope started).
        self.assertEqual(self.results(self.host.sent), [(1, "pong"), (2, 0.05)])
        self.assertEqual(self.results(returned), [(3, "pong")])

    def test_released_js_refs_go_out_behind_held_replies(self):
        source = "def keep(f):\n    global kept\n    kept = f\n\ndef drop():\n    global kept\n    kept = None\n"
        self.host.exec(self.module, source)
        self.host.sent.clear()
        keep, drop = self.request(1, "keep", {"__jsref__": 4}), self.request(2, "drop")
        returned = self.batch(keep, drop, {"id": 3, "op": "ping"})
        order = [m.get("type") or f"reply:{m['id']}" for m in self.host.sent + returned]
        self.assertEqual(order, ["reply:1", "release_js", "reply:2", "reply:3"])
