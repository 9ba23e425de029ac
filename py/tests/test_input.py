"""input(): asked of the host once configure says it answers, else the original builtin."""

import builtins
import json

import polyglot_runtime

from .support import FakeHost, HostTestCase, JSThrow


class InputTest(HostTestCase):
    HELPERS = HostTestCase.HELPERS + """
def ask(*prompt):
    return input(*prompt)

def ask_until_eof():
    lines = []
    try:
        while True:
            lines.append(input())
    except EOFError as exc:
        return [lines, str(exc)]

def greet():
    print("before", end="")
    return "Hello, " + input("Name? ")
"""

    def setUp(self):
        super().setUp()
        self.host.ok("configure", input=True)

    def ask(self, *prompt):
        return self.host.call(self.module, "ask", *prompt)

    def input_requests(self):
        return [m for m in self.host.sent if m.get("op") == "input"]

    def test_the_line_the_host_answers_is_returned(self):
        self.host.lines = ["Ada"]
        self.assertEqual(self.ask("Name? "), "Ada")
        self.assertEqual(self.input_requests(), [{"id": "py-1", "op": "input", "prompt": "Name? "}])

    def test_the_prompt_is_str_of_the_argument_and_empty_by_default(self):
        self.host.lines = ["a", "b"]
        self.ask(42)
        self.ask()
        self.assertEqual([m["prompt"] for m in self.input_requests()], ["42", ""])

    def test_end_of_input_raises_eof_error_as_cpython_does(self):
        self.host.lines = ["one", "two", None]
        self.assertEqual(self.host.call(self.module, "ask_until_eof"), [["one", "two"], "EOF when reading a line"])

    def test_a_cancelled_wait_raises_keyboard_interrupt(self):
        self.host.lines = [JSThrow("KeyboardInterrupt", "the run was stopped")]
        error = self.host.error("call", target={"module": self.module}, path=["ask"], args=[])
        self.assertEqual(error["type"], "KeyboardInterrupt")

    def test_another_error_raises_eof_error_with_its_message(self):
        self.host.lines = [JSThrow("Error", "stdin is closed")]
        error = self.host.error("call", target={"module": self.module}, path=["ask"], args=[])
        self.assertEqual((error["type"], error["message"]), ("EOFError", "the host could not read a line: stdin is closed"))

    def test_a_result_that_is_not_a_string_is_a_bridge_error(self):
        self.host.lines = [3]
        self.assertEqual(self.host.error("call", target={"module": self.module}, path=["ask"], args=[])["type"], "BridgeError")

    def test_output_written_before_input_reaches_the_host_first(self):
        self.host.lines = ["Ada"]
        self.assertEqual(self.host.call(self.module, "greet"), "Hello, Ada")
        kinds = [m.get("type") or m.get("op") for m in self.host.sent]
        self.assertLess(kinds.index("stdout"), kinds.index("input"))
        self.assertEqual(self.host.output(), "before")

    def test_requests_that_arrive_while_input_waits_are_served(self):
        self.host.lines = ["late"]
        self.host.incoming = [json.dumps({"id": "nested", "op": "ping"})]
        self.assertEqual(self.ask(), "late")
        self.assertIn({"id": "nested", "ok": True, "result": "pong"}, self.host.sent)

    def test_configure_input_false_gives_the_original_builtin_back(self):
        self.host.ok("configure", input=False)
        self.assertFalse(self.host.runtime.input.enabled)

    def test_configure_checks_the_field_and_keeps_what_it_does_not_name(self):
        self.host.ok("configure", base_dir="/tmp")
        self.assertIn("'input' must be a boolean", self.host.error("configure", input="yes")["message"])
        self.host.ok("configure", input=True)
        self.assertEqual(self.host.runtime.base_dir, "/tmp")


class InputInstallTest(HostTestCase):
    def test_until_the_host_says_it_answers_the_original_builtin_runs(self):
        calls = []
        saved = builtins.input
        builtins.input = lambda prompt="": calls.append(prompt) or "from stdin"
        try:
            host = FakeHost(polyglot_runtime.Runtime())
            host.exec("m_input_original", "def ask():\n    return input('? ')")
            self.assertEqual(host.call("m_input_original", "ask"), "from stdin")
            self.assertEqual(calls, ["? "])
            self.assertEqual(host.notices(), [])
            host.close()
            self.assertIsNot(builtins.input, host.runtime.input)
        finally:
            builtins.input = saved

    def test_detach_restores_the_builtin(self):
        self.assertIs(builtins.input, self.host.runtime.input)
        self.host.close()
        self.assertIsNot(builtins.input, self.host.runtime.input)
