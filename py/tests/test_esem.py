"""esem-bridge's protocol: messages with "action" get esem's typed replies."""

import json

from .support import HostTestCase

TOOLS = '''
VERSION = "1.0"

def add(a, b=2):
    return a + b

def fail(text):
    raise ValueError(text)

def info():
    return {"ok": True, "ports": [3000, 3001], "ratio": 0.5, "none": None, "pair": (1, 2), 7: "seven"}

class Counter:
    def __init__(self, start):
        self.value = start

    def add(self, amount):
        self.value += amount
        return self.value

    def _private(self):
        pass
'''


def typed(value):
    """Wrap a plain value the way esem's proxy.js serialize() does."""
    if value is None:
        return {"type": "null", "value": None}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, list):
        return {"type": "list", "value": [typed(v) for v in value]}
    return {"type": "dict", "value": {k: typed(v) for k, v in value.items()}}


class EsemTest(HostTestCase):
    def setUp(self):
        super().setUp()
        self.tools = "esem_tools_" + self._testMethodName
        self.host.exec(self.tools, TOOLS)
        self.next_id = 0

    def action(self, action, **fields):
        self.next_id += 1
        reply = json.loads(self.host.runtime.handle_json(json.dumps({"id": self.next_id, "action": action, **fields})))
        self.assertEqual(reply["id"], self.next_id)
        return reply

    def test_load_lists_exports_with_kind_and_params(self):
        reply = self.action("load", module=self.tools)
        self.assertEqual(reply["type"], "result")
        exports = reply["exports"]
        self.assertEqual(exports["add"], {"kind": "function", "params": ["a", "b"]})
        self.assertEqual(exports["Counter"], {"kind": "class", "params": ["start"]})
        self.assertEqual(exports["VERSION"], {"kind": "value"})
        self.assertNotIn("_private", exports)

    def test_call_with_typed_arguments(self):
        reply = self.action("call", module=self.tools, function="add", args=[typed(2), typed(3)])
        self.assertEqual(reply, {"type": "result", "id": self.next_id, "result": {"type": "int", "value": 5}})
        reply = self.action("call", module=self.tools, function="add", args=[typed([1])], kwargs={"b": typed([2])})
        self.assertEqual(reply["result"], typed([1, 2]))

    def test_values_come_back_typed(self):
        result = self.action("call", module=self.tools, function="info", args=[])["result"]
        self.assertEqual(result["type"], "dict")
        value = result["value"]
        self.assertEqual(value["ports"], typed([3000, 3001]))
        self.assertEqual(value["pair"], typed([1, 2]))
        self.assertEqual(value["ratio"], {"type": "float", "value": 0.5})
        self.assertEqual(value["none"], {"type": "null", "value": None})
        self.assertEqual(value["ok"], {"type": "bool", "value": True})
        self.assertEqual(value["7"], {"type": "str", "value": "seven"})

    def test_module_values_read_through_call(self):
        reply = self.action("call", module=self.tools, function="VERSION", args=[])
        self.assertEqual(reply["result"], {"type": "str", "value": "1.0"})

    def test_construct_method_call_get_attr_release(self):
        reply = self.action("construct", module=self.tools, **{"class": "Counter"}, args=[typed(5)])
        self.assertRegex(reply["ref_id"], r"^py_obj_\d+$")
        self.assertEqual(reply["methods"], {"add": {"kind": "method", "params": ["amount"]}})
        ref_id = reply["ref_id"]
        reply = self.action("method_call", ref_id=ref_id, method="add", args=[typed(3)])
        self.assertEqual(reply["result"], typed(8))
        self.assertEqual(self.action("get_attr", ref_id=ref_id, attr="value")["value"], typed(8))
        self.assertEqual(self.action("get_attr", module=self.tools, attr="VERSION")["value"], typed("1.0"))
        self.assertEqual(self.action("release", ref_id=ref_id), {"type": "result", "id": self.next_id})
        reply = self.action("method_call", ref_id=ref_id, method="add", args=[typed(1)])
        self.assertEqual(reply["type"], "error")
        self.assertIn("not found", reply["error"])

    def test_proxies_round_trip(self):
        counter = self.action("call", module=self.tools, function="Counter", args=[typed(1)])["result"]
        self.assertEqual(counter["type"], "proxy")
        reply = self.action("call", module="builtins", function="getattr", args=[counter, typed("value")])
        self.assertEqual(reply["result"], typed(1), "the proxy arrived as the very Counter")
        reply = self.action("call", module="builtins", function="id", args=[{"type": "proxy", "ref_id": "py_obj_999"}])
        self.assertEqual((reply["type"], reply["error_type"]), ("error", "BridgeError"))

    def test_errors_have_esem_fields(self):
        reply = self.action("call", module=self.tools, function="fail", args=[typed("Input cannot be empty")])
        self.assertEqual(reply["type"], "error")
        self.assertEqual(reply["error"], "Input cannot be empty")
        self.assertEqual(reply["error_type"], "ValueError")
        self.assertIn("Traceback", reply["traceback"])

    def test_unknown_action_and_bad_fields(self):
        self.assertIn("Unknown action", self.action("explode")["error"])
        self.assertEqual(self.action("call", module=3, function="x")["error_type"], "BridgeError")
        self.assertEqual(self.action("call", module=self.tools, function="add", args=3)["error_type"], "BridgeError")

    def test_non_finite_floats_stay_valid_json(self):
        reply = self.action("call", module="builtins", function="float", args=[typed("-inf")])
        self.assertEqual(reply["result"], {"type": "float", "value": "-Infinity"})

    def test_our_protocol_still_works_alongside(self):
        self.action("load", module=self.tools)
        self.assertEqual(self.host.ok("ping"), "pong")
