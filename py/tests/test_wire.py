"""Wire values in both directions: the table in src/bridge/protocol.ts."""

import base64
import math
import struct

from .support import HostTestCase

NUMPY_STAND_INS = """
class float64(float):
    __module__ = "numpy"
    shape = ()
    def item(self):
        return float(self)

class int64:
    __module__ = "numpy"
    shape = ()
    def __init__(self, value):
        self.value = value
    def item(self):
        return self.value

class ndarray:
    __module__ = "numpy"
    shape = (3,)
    def item(self):
        raise ValueError("can only convert an array of size 1")
"""


class PythonToWireTest(HostTestCase):
    def value(self, expression):
        self.host.exec(self.module, f"value = {expression}")
        return self.host.ok("getattr", target={"module": self.module}, path=["value"])

    def test_json_scalars_travel_as_json(self):
        self.assertIsNone(self.value("None"))
        self.assertIs(self.value("True"), True)
        self.assertIs(self.value("False"), False)
        self.assertEqual(self.value("'héllo \\u2603'"), "héllo \u2603")
        self.assertEqual(self.value("1.5"), 1.5)

    def test_ints_up_to_max_safe_integer_are_numbers(self):
        self.assertEqual(self.value("2**53 - 1"), 2**53 - 1)
        self.assertEqual(self.value("-(2**53 - 1)"), -(2**53 - 1))
        self.assertEqual(self.value("0"), 0)

    def test_larger_ints_are_bigint_digits(self):
        self.assertEqual(self.value("2**53"), {"__bigint__": str(2**53)})
        self.assertEqual(self.value("-(2**64)"), {"__bigint__": str(-(2**64))})

    def test_ints_beyond_the_str_digit_limit_still_convert(self):
        digits = self.value("10**5000 + 7")["__bigint__"]
        self.assertEqual(len(digits), 5001)
        self.assertTrue(digits.startswith("1000") and digits.endswith("0007"))
        self.assertEqual(self.value("-(10**4001)")["__bigint__"], "-1" + "0" * 4001)

    def test_int_float_and_str_subclasses_travel_by_value(self):
        self.host.exec(
            "enums_for_wire",
            "import enum\n"
            "class Color(enum.IntEnum):\n    RED = 1\n"
            "class Perm(enum.IntFlag):\n    R = 4\n    W = 2\n"
            "class Mode(str, enum.Enum):\n    FAST = 'fast'\n"
            "class Meters(float):\n    pass\n"
            "class Big(int):\n    def __int__(self): return 0\n",
        )
        load = "__import__('enums_for_wire')"
        self.assertEqual(self.value(f"{load}.Color.RED"), 1)
        self.assertEqual(self.value(f"{load}.Perm.R | {load}.Perm.W"), 6)
        self.assertEqual(self.value(f"{load}.Mode.FAST"), "fast")
        self.assertEqual(self.value(f"{load}.Meters(2.5)"), 2.5)
        self.assertEqual(self.value(f"{load}.Meters('inf')"), {"__float__": "inf"})
        self.assertEqual(self.value(f"{load}.Big(2**60)"), {"__bigint__": str(2**60)}, "the value, not __int__'s answer")
        self.assertEqual(self.value(f"[{load}.Color.RED, {{{load}.Color.RED: {load}.Mode.FAST}}]"), [1, {"__map__": [[1, "fast"]]}])
        self.assertIs(self.value("True"), True, "bool stays bool")
        result = self.host.ok("call", target={"module": "enums_for_wire"}, path=["Color"], args=[1])
        self.assertEqual(result, 1, "a call's result too")

    def test_non_finite_floats_are_tagged(self):
        self.assertEqual(self.value("float('nan')"), {"__float__": "nan"})
        self.assertEqual(self.value("float('inf')"), {"__float__": "inf"})
        self.assertEqual(self.value("float('-inf')"), {"__float__": "-inf"})

    def test_bool_is_not_sent_as_int(self):
        self.assertEqual(self.value("[True, 1]"), [True, 1])
        self.assertIs(self.value("[True, 1]")[0], True)

    def test_lists_and_tuples_are_arrays(self):
        self.assertEqual(self.value("[1, 'a', None]"), [1, "a", None])
        self.assertEqual(self.value("(1, (2, 3))"), [1, [2, 3]])

    def test_dicts_with_str_keys_are_objects(self):
        self.assertEqual(self.value("{'a': 1, 'b': [2]}"), {"a": 1, "b": [2]})

    def test_dict_with_a_tag_key_is_escaped(self):
        self.assertEqual(self.value("{'__set__': 1, 'x': 2}"), {"__dict__": {"__set__": 1, "x": 2}})
        self.assertEqual(self.value("{'__pyref__': 3}"), {"__dict__": {"__pyref__": 3}})

    def test_dict_with_other_keys_is_a_map(self):
        self.assertEqual(self.value("{1: 'one', 'two': 2}"), {"__map__": [[1, "one"], ["two", 2]]})
        self.assertEqual(self.value("{(1, 2): None}"), {"__map__": [[[1, 2], None]]})

    def test_sets_and_frozensets(self):
        self.assertEqual(sorted(self.value("{3, 1, 2}")["__set__"]), [1, 2, 3])
        self.assertEqual(self.value("frozenset(['x'])"), {"__set__": ["x"]})

    def test_bytes_like_values_are_base64(self):
        self.assertEqual(self.value("b'hi'"), {"__bytes__": "aGk="})
        self.assertEqual(self.value("bytearray(b'\\x00\\xff')"), {"__bytes__": "AP8="})
        self.assertEqual(self.value("memoryview(b'abc')[1:]"), {"__bytes__": "YmM="})
        self.assertEqual(self.value("b''"), {"__bytes__": ""})

    def test_numpy_scalars_convert_like_their_number(self):
        self.host.exec("numpy_stand_in", NUMPY_STAND_INS)
        self.assertEqual(self.value("__import__('numpy_stand_in').float64(2.5)"), 2.5)
        self.assertEqual(self.value("__import__('numpy_stand_in').int64(2**60)"), {"__bigint__": str(2**60)})
        self.assertEqual(self.value("__import__('numpy_stand_in').float64('nan')"), {"__float__": "nan"})

    def test_numpy_arrays_are_refs(self):
        self.host.exec("numpy_stand_in", NUMPY_STAND_INS)
        ref = self.value("__import__('numpy_stand_in').ndarray()")
        self.assertEqual((ref["type"], ref["callable"]), ("ndarray", False))

    def test_everything_else_is_a_ref(self):
        self.host.exec(self.module, "class Thing:\n    pass\nclass MyList(list):\n    pass\nimport collections")
        cases = {
            "Thing()": ("Thing", False),
            "Thing": ("type", True),
            "echo": ("function", True),
            "collections": ("module", False),
            "iter([1])": ("list_iterator", False),
            "MyList([1])": ("MyList", False),
            "collections.OrderedDict(a=1)": ("OrderedDict", False),
            "True.__and__": ("method-wrapper", True),
        }
        for expression, (type_name, is_callable) in cases.items():
            with self.subTest(expression):
                ref = self.value(expression)
                self.assertIsInstance(ref["__pyref__"], int)
                self.assertEqual((ref["type"], ref["callable"]), (type_name, is_callable))

    def test_long_float_lists_are_f64(self):
        wire = self.value("[0.5, -0.0, float('nan'), float('inf'), 1e308] + [i / 4 for i in range(59)]")
        data = base64.b64decode(wire["__f64__"])
        floats = struct.unpack("<64d", data)  # little-endian, whatever the platform
        self.assertEqual(floats[:2], (0.5, -0.0))
        self.assertEqual(math.copysign(1, floats[1]), -1)
        self.assertTrue(math.isnan(floats[2]))
        self.assertEqual(floats[3:], (math.inf, 1e308) + tuple(i / 4 for i in range(59)))

    def test_short_or_mixed_float_lists_stay_json(self):
        self.assertEqual(self.value("[0.5] * 63"), [0.5] * 63)
        self.assertEqual(self.value("[0.5] * 63 + [1]"), [0.5] * 63 + [1])
        self.assertEqual(self.value("tuple([0.5] * 64)"), [0.5] * 64)  # only an exact list
        self.assertEqual(self.value("[[0.5] * 64]")[0], {"__f64__": base64.b64encode(struct.pack("<64d", *[0.5] * 64)).decode()})

    def test_iterator_items_and_callback_args_stay_arrays(self):
        self.host.exec(self.module, "floats = iter([0.5] * 70)")
        iterator = self.host.ok("getattr", target={"module": self.module}, path=["floats"])
        items = self.host.ok("next", target={"ref": iterator["__pyref__"]}, path=[], n=100)["items"]
        self.assertEqual(items, [0.5] * 70)
        seen = []
        self.host.functions[3] = lambda host, *args, **kwargs: seen.append((args, kwargs))
        self.host.exec(self.module, "def relay(f):\n    return f(*[0.5] * 70, many=[0.5] * 70)")
        self.host.call(self.module, "relay", {"__jsref__": 3})
        args, kwargs = seen[0]
        self.assertEqual(args, (0.5,) * 70)
        self.assertEqual(list(kwargs["many"]), ["__f64__"])  # a value inside kwargs may be packed

    def test_each_send_gets_a_new_id(self):
        self.host.exec(self.module, "thing = object()")
        first = self.host.ok("getattr", target={"module": self.module}, path=["thing"])
        second = self.host.ok("getattr", target={"module": self.module}, path=["thing"])
        self.assertNotEqual(first["__pyref__"], second["__pyref__"])
        self.assertEqual(self.stats()["objects"], 2)

    def test_refs_nest_inside_plain_data(self):
        result = self.value("{'items': [object(), 1]}")
        self.assertEqual(result["items"][0]["type"], "object")
        self.assertEqual(result["items"][1], 1)

    def test_a_value_that_contains_itself_is_an_error(self):
        self.host.exec(self.module, "loop = [object()]\nloop.append(loop)\nwide = []\nwide.extend([wide, wide])")
        for name in ("loop", "wide"):
            error = self.host.error("getattr", target={"module": self.module}, path=[name])
            self.assertEqual(error["type"], "BridgeError")
            self.assertIn("contains itself", error["message"])
        self.assertEqual(self.stats()["objects"], 0, "refs made before the failure are dropped")

    def test_deep_nesting_is_an_error(self):
        self.host.exec(self.module, "deep = []\nfor _ in range(500):\n    deep = [deep]")
        error = self.host.error("getattr", target={"module": self.module}, path=["deep"])
        self.assertEqual(error["mro"][:2], ["TooDeepError", "BridgeError"])
        self.assertIn("nested deeper than 100 levels", error["message"])
        self.host.exec(self.module, "ok = []\nfor _ in range(99):\n    ok = [ok]")  # 100 levels: the limit
        self.host.ok("getattr", target={"module": self.module}, path=["ok"])

    def test_a_call_result_too_deep_is_refused_and_freed_level_by_level(self):
        # Freeing a list nested 100,000 deep recurses in C: a fatal error under Pyodide.
        self.host.exec(self.module, "def nest(n):\n    x = []\n    for _ in range(n): x = [x]\n    return x\nkept = nest(300)")
        error = self.host.error("call", target={"module": self.module}, path=["nest"], args=[100_000])
        self.assertEqual(error["type"], "TooDeepError")
        self.assertIn("nested deeper than 100 levels", error["message"])
        self.assertEqual(self.host.ok("call", target={"module": "builtins"}, path=["len"], args=[[1, 2]]), 2)
        # A too-deep value user code still holds is refused but left intact.
        self.host.error("getattr", target={"module": self.module}, path=["kept"])
        self.host.exec(self.module, "depth = 0\nx = kept\nwhile x:\n    x = x[0]\n    depth += 1")
        self.assertEqual(self.host.ok("getattr", target={"module": self.module}, path=["depth"]), 300)

    def test_dismantle_takes_apart_only_what_nothing_else_holds(self):
        from polyglot_runtime.wire import dismantle

        shared = [[1], {"k": (2, [3])}]
        alone = [[4, [5]], {"a": {6}}]
        holder = [alone, shared]
        del alone
        dismantle(holder)
        self.assertEqual(holder, [])
        self.assertEqual(shared, [[1], {"k": (2, [3])}], "a value someone else holds is left as it is")

    def test_a_js_function_goes_back_as_its_jsref(self):
        self.assertEqual(self.echo({"__jsref__": 41}), {"__jsref__": 41})


class WireToPythonTest(HostTestCase):
    def test_json_values(self):
        self.assertEqual(self.show([1, "a", None, True, 2.5, {"k": [1]}]), "[1, 'a', None, True, 2.5, {'k': [1]}]")
        self.assertEqual(self.kind([]), "list")
        self.assertEqual(self.kind({}), "dict")

    def test_tagged_collections(self):
        self.assertEqual(self.show({"__set__": [1, 2]}), "{1, 2}")
        self.assertEqual(self.show({"__map__": [[1, "one"], [[2, 3], "x"]]}), "{1: 'one', (2, 3): 'x'}")
        self.assertEqual(self.show({"__dict__": {"__set__": 1}}), "{'__set__': 1}")
        self.assertEqual(self.show({"__set__": [[1, 2]]}), "{(1, 2)}")

    def test_bytes_bigint_and_floats(self):
        self.assertEqual(self.show({"__bytes__": "aGk="}), "b'hi'")
        self.assertEqual(self.show({"__bigint__": "-123456789012345678901234567890"}), "-123456789012345678901234567890")
        self.assertEqual(self.host.call("math", "isnan", {"__float__": "nan"}), True)
        self.assertEqual(self.show([{"__float__": "inf"}, {"__float__": "-inf"}]), "[inf, -inf]")
        self.assertEqual(self.show({"__float__": "-0"}), "-0.0", "JS -0 arrives as the float -0.0")
        self.assertEqual(self.host.call("math", "copysign", 1, {"__float__": "-0"}), -1.0)

    def test_f64_is_a_list_of_floats(self):
        values = [1.0, 2.5, -0.0, float("inf"), 3.0] * 20
        wire = {"__f64__": base64.b64encode(struct.pack(f"<{len(values)}d", *values)).decode()}
        self.assertEqual(self.show(wire), repr(values))
        self.assertEqual(self.echo(wire), wire)  # and back: 100 floats travel as __f64__ again
        self.assertEqual(self.show({"__f64__": ""}), "[]")
        self.assertEqual(self.show({"__f64__": base64.b64encode(struct.pack("<d", math.nan)).decode()}), "[nan]")

    def test_bigint_beyond_the_str_digit_limit(self):
        digits = "9" * 6000
        self.assertEqual(self.host.call("math", "log10", {"__bigint__": digits}) > 5999, True)
        self.assertEqual(self.echo({"__bigint__": digits}), {"__bigint__": digits})

    def test_a_pyref_is_the_very_object(self):
        self.host.exec(self.module, "thing = object()\ndef same(x):\n    return x is thing")
        ref = self.host.ok("getattr", target={"module": self.module}, path=["thing"])
        self.assertIs(self.host.call(self.module, "same", {"__pyref__": ref["__pyref__"], "type": "object"}), True)

    def test_a_jsref_is_a_callable_js_function(self):
        self.assertEqual(self.kind({"__jsref__": 5}), "JSFunction")
        self.assertEqual(self.show({"__jsref__": 5}), "<JSFunction 5>")

    def test_round_trips(self):
        values = [
            [1, [2, [3]]],
            {"a": {"b": None}},
            {"__set__": ["x"]},
            {"__map__": [[1, 2]]},
            {"__dict__": {"__bytes__": "no"}},
            {"__bytes__": "AAEC"},
            {"__bigint__": str(2**70)},
            {"__float__": "-inf"},
        ]
        for value in values:
            with self.subTest(value):
                self.assertEqual(self.echo(value), value)

    def test_bad_tagged_values_are_bridge_errors(self):
        cases = {
            "unknown or released ref": {"__pyref__": 999},
            "__bytes__ is not valid base64": {"__bytes__": "***"},
            "__bigint__ is not an integer": {"__bigint__": "12x"},
            "__float__ must be": {"__float__": "NaN"},
            "exactly one tag": {"__set__": [], "__map__": []},
            "not hashable": {"__set__": [{"a": 1}]},
            "[key, value] pairs": {"__map__": [[1]]},
            "__jsref__ must be an integer": {"__jsref__": "f"},
            "must hold an array": {"__set__": 3},
            "__f64__ must be a base64 string": {"__f64__": 1},
            "__f64__ is not valid base64": {"__f64__": "***"},
            "whole number of 8-byte floats": {"__f64__": "AAAA"},
        }
        for message, value in cases.items():
            with self.subTest(message):
                error = self.host.error("call", target={"module": self.module}, path=["echo"], args=[value])
                self.assertEqual(error["type"], "BridgeError")
                self.assertIn(message, error["message"])

    def test_deeply_nested_arguments_are_an_error(self):
        value = []
        for _ in range(300):
            value = [value]
        error = self.host.error("call", target={"module": self.module}, path=["echo"], args=[value])
        self.assertEqual(error["type"], "BridgeError")
        self.assertIn("nested deeper", error["message"])
