"""Error replies: protocol mistakes are BridgeErrors, Python exceptions keep their type."""

import json

from .support import HostTestCase


class ProtocolErrorTest(HostTestCase):
    def raw(self, text):
        return json.loads(self.host.runtime.handle_json(text))

    def assertBridgeError(self, reply, request_id, fragment):
        self.assertEqual(reply["id"], request_id)
        self.assertIs(reply["ok"], False)
        self.assertEqual(reply["error"]["type"], "BridgeError")
        self.assertIn(fragment, reply["error"]["message"])
        self.assertIsInstance(reply["error"]["traceback"], str)

    def test_malformed_json_replies_with_id_null(self):
        for text in ["{", "nope", '{"id": 1,', "[1, 2", '{"id": 1} trailing']:
            with self.subTest(text):
                self.assertBridgeError(self.raw(text), None, "malformed JSON")

    def test_deeply_nested_json_is_malformed_not_a_crash(self):
        self.assertBridgeError(self.raw("[" * 100000), None, "malformed JSON")

    def test_a_message_must_be_an_object(self):
        for text in ["[1]", "3", '"ping"', "null"]:
            with self.subTest(text):
                self.assertBridgeError(self.raw(text), None, "must be a JSON object")

    def test_id_must_be_present_and_a_number_or_string(self):
        self.assertBridgeError(self.raw('{"op": "ping"}'), None, "missing field 'id'")
        self.assertBridgeError(self.raw('{"id": [1], "op": "ping"}'), None, "number or a string")
        self.assertBridgeError(self.raw('{"id": true, "op": "ping"}'), None, "number or a string")
        self.assertEqual(self.raw('{"id": "a-1", "op": "ping"}')["id"], "a-1")
        self.assertEqual(self.raw('{"id": 2.5, "op": "ping"}')["id"], 2.5)

    def test_unknown_and_missing_op(self):
        self.assertBridgeError(self.raw('{"id": 1, "op": "launch"}'), 1, "unknown op 'launch'")
        self.assertBridgeError(self.raw('{"id": 1, "op": 7}'), 1, "unknown op 7")
        self.assertBridgeError(self.raw('{"id": 1}'), 1, "missing field 'op'")

    def test_missing_and_ill_typed_fields(self):
        cases = [
            ({"op": "call", "target": {"module": "math"}, "path": ["gcd"]}, "missing field 'args'"),
            ({"op": "call", "target": {"module": "math"}, "path": "gcd", "args": []}, "'path' must be"),
            ({"op": "call", "target": "math", "path": [], "args": []}, "'target' must be"),
            ({"op": "call", "target": {}, "path": [], "args": []}, "target must be"),
            ({"op": "call", "target": {"ref": "1"}, "path": [], "args": []}, "target ref must be an integer"),
            ({"op": "call", "target": {"module": "math"}, "path": [1], "args": []}, "attribute names"),
            ({"op": "call", "target": {"module": "math"}, "path": ["gcd"], "args": [], "kwargs": [1]}, "'kwargs'"),
            ({"op": "getattr", "path": []}, "missing field 'target'"),
            ({"op": "setattr", "target": {"module": "math"}, "path": [], "value": 1}, "non-empty"),
            ({"op": "setattr", "target": {"module": "math"}, "path": ["x"]}, "missing field 'value'"),
            ({"op": "release", "refs": 3}, "'refs' must be"),
            ({"op": "next", "target": {"module": "math"}, "path": []}, "missing field 'n'"),
            ({"op": "next", "target": {"module": "math"}, "path": [], "n": -1}, "non-negative"),
            ({"op": "next", "target": {"module": "math"}, "path": [], "n": True}, "'n' must be"),
            ({"op": "import"}, "missing field 'module'"),
            ({"op": "exec", "module": "m", "source": 3}, "'source' must be"),
            ({"op": "exec", "module": "m", "source": "", "filename": 3}, "'filename' must be"),
            ({"op": "configure", "base_dir": 3}, "'base_dir' must be"),
        ]
        for request_id, (fields, fragment) in enumerate(cases, start=1):
            with self.subTest(fields):
                self.assertBridgeError(self.raw(json.dumps({"id": request_id, **fields})), request_id, fragment)

    def test_unknown_and_released_refs(self):
        self.assertBridgeError(self.raw('{"id": 1, "op": "repr", "target": {"ref": 99}, "path": []}'), 1, "unknown or released ref 99")
        ref = self.host.ok("getattr", target={"module": "math"}, path=[])["__pyref__"]
        self.host.ok("release", refs=[ref])
        request = {"id": 2, "op": "repr", "target": {"ref": ref}, "path": []}
        self.assertBridgeError(self.raw(json.dumps(request)), 2, f"unknown or released ref {ref}")

    def test_stray_replies_and_blank_lines_get_no_reply(self):
        self.assertEqual(self.host.runtime.handle_json('{"id": "py-9", "ok": true, "result": 1}'), "")
        self.assertEqual(self.host.runtime.handle_json("  \n"), "")
        self.assertEqual(self.host.ok("ping"), "pong")


class PythonErrorTest(HostTestCase):
    def test_a_python_exception_keeps_its_type_message_and_traceback(self):
        error = self.host.error("call", target={"module": "json"}, path=["loads"], args=["{bad"])
        self.assertEqual(error["type"], "JSONDecodeError")
        self.assertIn("Expecting property name", error["message"])
        self.assertTrue(error["traceback"].startswith("Traceback (most recent call last):"))
        self.assertIn("JSONDecodeError", error["traceback"])
        self.assertNotIn("polyglot_runtime", error["traceback"], "the runtime's own frames are left out")

    def test_an_error_names_its_mro_own_class_first(self):
        error = self.host.error("call", target={"module": "json"}, path=["loads"], args=["{bad"])
        self.assertEqual(error["mro"], ["JSONDecodeError", "ValueError", "Exception", "BaseException", "object"])
        error = self.host.error("call", target={"module": "builtins"}, path=["int"], args=["x"])
        self.assertEqual(error["mro"], ["ValueError", "Exception", "BaseException", "object"])

    def test_attribute_errors_and_calling_a_non_callable(self):
        error = self.host.error("getattr", target={"module": "math"}, path=["nope"])
        self.assertEqual(error["type"], "AttributeError")
        error = self.host.error("call", target={"module": "math"}, path=["pi"], args=[])
        self.assertEqual(error["type"], "TypeError")
        self.assertIn("not callable", error["message"])

    def test_system_exit_is_an_error_reply(self):
        error = self.host.error("call", target={"module": "sys"}, path=["exit"], args=[3])
        self.assertEqual((error["type"], error["message"]), ("SystemExit", "3"))
        self.assertEqual(self.host.ok("ping"), "pong")

    def test_keyboard_interrupt_raised_in_user_code(self):
        self.host.exec(self.module, "def stop():\n    raise KeyboardInterrupt")
        error = self.host.error("call", target={"module": self.module}, path=["stop"], args=[])
        self.assertEqual(error["type"], "KeyboardInterrupt")
        self.assertIs(self.host.runtime.interruptible, False)
        self.assertEqual(self.host.ok("ping"), "pong")

    def test_an_exception_whose_str_fails(self):
        self.host.exec(self.module, "class Odd(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\ndef fail():\n    raise Odd()")
        error = self.host.error("call", target={"module": self.module}, path=["fail"], args=[])
        self.assertEqual(error["type"], "Odd")
        self.assertEqual(error["message"], "<unprintable Odd>")

    def test_a_bad_argument_count(self):
        error = self.host.error("call", target={"module": "math"}, path=["gcd"], args=[1.5, "x"])
        self.assertEqual(error["type"], "TypeError")

    def test_a_result_that_cannot_be_sent_leaves_no_refs_behind(self):
        self.host.exec(self.module, "def loop():\n    x = [object(), object()]\n    x.append(x)\n    return x")
        self.host.error("call", target={"module": self.module}, path=["loop"], args=[])
        self.assertEqual(self.stats()["objects"], 0)
