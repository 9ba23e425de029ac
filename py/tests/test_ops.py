"""Every op of the protocol, driven in-process."""

import os
import sys
import tempfile

from .support import HostTestCase

COUNTER = '''
VERSION = "1.0"

def greet(name, punct="!"):
    return f"Hello, {name}{punct}"

class Counter:
    def __init__(self, start=0):
        self.value = start

    def increment(self, by=1):
        self.value += by
        return self.value
'''


class OpsTest(HostTestCase):
    def ref(self, module, path):
        return self.host.ok("getattr", target={"module": module}, path=path)["__pyref__"]

    def test_ping(self):
        self.assertEqual(self.host.ok("ping"), "pong")

    def test_stats_counts_table_entries(self):
        self.assertEqual(self.stats(), {"objects": 0, "js_refs": 0})
        self.ref("sys", [])
        self.assertEqual(self.stats()["objects"], 1)

    def test_import_by_name_returns_a_module_ref(self):
        result = self.host.ok("import", module="json")
        self.assertEqual((result["type"], result["callable"]), ("module", False))
        error = self.host.error("import", module="no_such_module_anywhere")
        self.assertEqual(error["type"], "ModuleNotFoundError")

    def test_call_walks_a_path_on_a_module_not_yet_imported(self):
        sys.modules.pop("colorsys", None)
        result = self.host.call("colorsys", "rgb_to_hsv", 1, 0, 0)
        self.assertEqual(result, [0.0, 1.0, 1])
        self.assertIn("colorsys", sys.modules)

    def test_call_with_args_and_kwargs(self):
        self.assertEqual(self.host.call("builtins", "sorted", [3, 1, 2], reverse=True), [3, 2, 1])
        self.assertEqual(self.host.call("json", "dumps", {"b": 1, "a": 2}, sort_keys=True), '{"a": 2, "b": 1}')
        self.assertEqual(self.host.call("math", "factorial", 25), {"__bigint__": "15511210043330985984000000"})

    def test_call_on_a_ref_and_its_methods(self):
        self.host.exec(self.module, COUNTER)
        counter = self.host.call(self.module, "Counter", 5)
        self.assertEqual(counter["type"], "Counter")
        target = {"ref": counter["__pyref__"]}
        self.assertEqual(self.host.ok("call", target=target, path=["increment"], args=[]), 6)
        self.assertEqual(self.host.ok("call", target=target, path=["increment"], args=[], kwargs={"by": 3}), 9)
        self.assertEqual(self.host.ok("getattr", target=target, path=["value"]), 9)

    def test_getattr_with_an_empty_path_is_the_target(self):
        result = self.host.ok("getattr", target={"module": "math"}, path=[])
        self.assertEqual(result["type"], "module")
        self.assertEqual(self.host.ok("getattr", target={"module": "math"}, path=["pi"]), 3.141592653589793)
        self.assertEqual(self.host.ok("getattr", target={"module": "os"}, path=["path", "sep"]), os.path.sep)

    def test_setattr(self):
        self.host.exec(self.module, COUNTER)
        counter = self.host.call(self.module, "Counter")
        target = {"ref": counter["__pyref__"]}
        self.assertIsNone(self.host.ok("setattr", target=target, path=["value"], value={"__set__": [1]}))
        self.assertEqual(self.host.ok("getattr", target=target, path=["value"]), {"__set__": [1]})
        self.host.ok("setattr", target={"module": self.module}, path=["Counter", "label"], value="c")
        self.assertEqual(self.host.ok("getattr", target=target, path=["label"]), "c")

    def test_repr_and_str(self):
        self.host.exec(self.module, "from fractions import Fraction\nhalf = Fraction(1, 2)")
        self.assertEqual(self.host.ok("repr", target={"module": self.module}, path=["half"]), "Fraction(1, 2)")
        self.assertEqual(self.host.ok("str", target={"module": self.module}, path=["half"]), "1/2")

    def test_release_counts_what_it_dropped_and_ignores_unknown_ids(self):
        first = self.ref("sys", [])
        second = self.ref("os", [])
        self.assertEqual(self.host.ok("release", refs=[first, second, first, 12345, "x", None]), 2)
        self.assertEqual(self.stats()["objects"], 0)
        self.assertEqual(self.host.ok("release", refs=[]), 0)

    def test_iter_and_next(self):
        iterator = self.host.ok("iter", target={"module": "builtins"}, path=["__doc__"])
        self.assertTrue(iterator["type"].endswith("iterator"), iterator["type"])
        self.host.exec(self.module, "def squares(n):\n    for i in range(n):\n        yield i * i")
        generator = self.host.call(self.module, "squares", 5)
        self.assertEqual(generator["type"], "generator")
        iterator = self.host.ok("iter", target={"ref": generator["__pyref__"]}, path=[])
        target = {"ref": iterator["__pyref__"]}
        self.assertEqual(self.host.ok("next", target=target, path=[], n=2), {"items": [0, 1], "done": False})
        self.assertEqual(self.host.ok("next", target=target, path=[], n=10), {"items": [4, 9, 16], "done": True})
        self.assertEqual(self.host.ok("next", target=target, path=[], n=1), {"items": [], "done": True})

    def test_next_on_an_infinite_iterator(self):
        counter = self.host.call("itertools", "count", 10)
        items = self.host.ok("next", target={"ref": counter["__pyref__"]}, path=[], n=3)
        self.assertEqual(items, {"items": [10, 11, 12], "done": False})

    def test_next_items_are_converted(self):
        iterator = self.host.call("builtins", "iter", [[1, {"__set__": [2]}], {"__bytes__": "aGk="}])
        result = self.host.ok("next", target={"ref": iterator["__pyref__"]}, path=[], n=5)
        self.assertEqual(result, {"items": [[1, {"__set__": [2]}], {"__bytes__": "aGk="}], "done": True})

    def test_exec_creates_a_module_in_sys_modules(self):
        name = self.module + "_fresh"
        self.addCleanup(sys.modules.pop, name, None)
        self.assertIsNone(self.host.exec(name, "x = 1\ndef f():\n    return x + 1"))
        self.assertIn(name, sys.modules)
        self.host.exec(name, "x = 41")
        self.assertEqual(self.host.call(name, "f"), 42)

    def test_exec_tracebacks_quote_the_source(self):
        error = self.host.error("exec", module=self.module, source="a = 1\nraise ValueError('boom')", filename="<cell 1>")
        self.assertEqual((error["type"], error["message"]), ("ValueError", "boom"))
        self.assertIn('File "<cell 1>", line 2', error["traceback"])
        self.assertIn("raise ValueError('boom')", error["traceback"])


class FileModuleTest(HostTestCase):
    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = folder.name
        self.host.ok("configure", base_dir=self.folder)
        self.addCleanup(self.forget_folder)

    def forget_folder(self):
        if self.folder in sys.path:
            sys.path.remove(self.folder)
        for name, module in list(sys.modules.items()):
            if getattr(module, "__file__", None) and module.__file__.startswith(self.folder):
                del sys.modules[name]

    def write(self, name, text):
        with open(os.path.join(self.folder, name), "w") as file:
            file.write(text)

    def test_relative_file_module(self):
        self.write("tools_a.py", COUNTER)
        self.assertEqual(self.host.call("./tools_a.py", "greet", "Ada"), "Hello, Ada!")
        self.assertEqual(self.host.call("./tools_a.py", "greet", "Bob", punct="?"), "Hello, Bob?")
        self.assertEqual(self.host.ok("getattr", target={"module": "./tools_a.py"}, path=["VERSION"]), "1.0")
        imported = self.host.ok("import", module="tools_a.py")
        self.assertEqual(imported["type"], "module")

    def test_paths_resolve_against_base_dir(self):
        os.mkdir(os.path.join(self.folder, "sub"))
        self.write("sub/inner.py", "WHERE = 'inner'")
        self.assertEqual(self.host.ok("getattr", target={"module": "./sub/inner.py"}, path=["WHERE"]), "inner")
        self.host.ok("configure", base_dir=os.path.join(self.folder, "sub"))
        self.assertEqual(self.host.ok("getattr", target={"module": "../sub/inner.py"}, path=["WHERE"]), "inner")
        absolute = os.path.join(self.folder, "sub", "inner.py")
        self.assertEqual(self.host.ok("getattr", target={"module": absolute}, path=["WHERE"]), "inner")

    def test_a_file_module_is_cached_while_unchanged(self):
        self.write("cached.py", "TOKEN = object()")
        first = self.host.ok("repr", target={"module": "./cached.py"}, path=["TOKEN"])
        second = self.host.ok("repr", target={"module": "./cached.py"}, path=["TOKEN"])
        self.assertEqual(first, second, "the module ran once")

    def test_a_rewritten_file_is_reloaded_even_within_one_timestamp_tick(self):
        self.write("tools_b.py", "def f():\n    return 'one'")
        self.assertEqual(self.host.call("./tools_b.py", "f"), "one")
        path = os.path.join(self.folder, "tools_b.py")
        stat = os.stat(path)
        self.write("tools_b.py", "def f():\n    return 'two'")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
        self.assertEqual(self.host.call("./tools_b.py", "f"), "two")
        self.write("tools_b.py", "def f():\n    return 'three!'")
        self.assertEqual(self.host.call("./tools_b.py", "f"), "three!")

    def test_old_refs_keep_the_old_module(self):
        self.write("tools_c.py", COUNTER)
        counter = self.host.call("./tools_c.py", "Counter", 1)
        self.write("tools_c.py", COUNTER.replace("self.value += by", "self.value += 100 * by"))
        self.assertEqual(self.host.ok("call", target={"ref": counter["__pyref__"]}, path=["increment"], args=[]), 2)
        fresh = self.host.call("./tools_c.py", "Counter", 1)
        self.assertEqual(self.host.ok("call", target={"ref": fresh["__pyref__"]}, path=["increment"], args=[]), 101)

    def test_file_modules_can_import_their_neighbours(self):
        self.write("helper_d.py", "NAME = 'helper'")
        self.write("tools_d.py", "import helper_d\ndef name():\n    return helper_d.NAME")
        self.assertEqual(self.host.call("./tools_d.py", "name"), "helper")

    def test_a_file_named_like_a_stdlib_module_does_not_replace_it(self):
        self.write("json.py", "SHADOW = True")
        self.assertIs(self.host.ok("getattr", target={"module": "./json.py"}, path=["SHADOW"]), True)
        self.assertEqual(self.host.call("json", "dumps", [1]), "[1]")

    def test_missing_file_and_broken_file(self):
        error = self.host.error("import", module="./absent.py")
        self.assertEqual(error["type"], "ModuleNotFoundError")
        self.assertIn("absent.py", error["message"])
        self.write("broken.py", "def f(:\n")
        self.assertEqual(self.host.error("import", module="./broken.py")["type"], "SyntaxError")
        self.write("broken.py", "def f():\n    return 1\n")
        self.assertEqual(self.host.call("./broken.py", "f"), 1)

    def test_configure_with_null_base_dir_uses_the_working_directory(self):
        self.host.ok("configure", base_dir=None)
        self.assertEqual(self.host.runtime.resolve_path("./x.py"), os.path.join(os.getcwd(), "x.py"))


class SeedFieldNamesTest(HostTestCase):
    """Seed 000's client spells the fields its own way; they are aliases, answered in our format."""

    def test_the_seed_session(self):
        math = self.host.ok("import", path="math")
        self.assertEqual((math["type"], math["callable"]), ("module", False))
        sqrt = self.host.ok("getattr", obj={"__pyref__": math["__pyref__"]}, attr="sqrt")
        self.assertTrue(sqrt["callable"])
        self.assertEqual(self.host.ok("call", obj={"__pyref__": sqrt["__pyref__"]}, args=[16], kwargs={}), 4.0)
        self.assertEqual(self.host.ok("call", obj={"__pyref__": sqrt["__pyref__"]}, args=[9]), 3.0)
        self.assertIn("math", self.host.ok("repr", obj={"__pyref__": math["__pyref__"]}))
        self.assertEqual(self.host.ok("release", ref=sqrt["__pyref__"]), 1)
        self.assertIn("unknown or released ref", self.host.error("call", obj={"__pyref__": sqrt["__pyref__"]}, args=[4])["message"])

    def test_setattr_with_obj_and_attr(self):
        self.host.exec("seed_ns", "class Box: pass\nbox = Box()")
        module = self.host.ok("import", path="seed_ns")
        box = self.host.ok("getattr", obj={"__pyref__": module["__pyref__"]}, attr="box")
        self.assertIsNone(self.host.ok("setattr", obj={"__pyref__": box["__pyref__"]}, attr="size", value=5))
        self.assertEqual(self.host.ok("getattr", target={"ref": box["__pyref__"]}, path=["size"]), 5)

    def test_bad_seed_fields_say_what_is_wrong(self):
        self.assertIn("field 'obj' must be a ref", self.host.error("getattr", obj=3, attr="x")["message"])
        module = self.host.ok("import", path="math")
        self.assertIn("missing field 'attr'", self.host.error("getattr", obj={"__pyref__": module["__pyref__"]})["message"])
        self.assertIn("missing field 'module'", self.host.error("import", path=["not", "a", "name"])["message"])
