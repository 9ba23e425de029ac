"""polyglot_runtime.introspect, driven through the `call` op as the editor and the REPL drive it."""

import sys

from .support import HostTestCase

TOOLS = '''
"""Helpers for the playground."""
import sys
print("tools loaded")
sys.stderr.write("warned\\n")
RUNS = []
RUNS.append(1)

def shout(text, times=1):
    """Upper-case text, repeated.

    Longer explanation.
    """
    return text.upper() * times

class Box:
    """Holds one thing."""
    def open(self):
        return 1

_hidden = 2
'''

INTROSPECT = "polyglot_runtime.introspect"


class IntrospectTest(HostTestCase):
    def query(self, function, *args):
        return self.host.call(INTROSPECT, function, *args)

    def by_name(self, members):
        return {member["name"]: member for member in members}

    def test_module_members_have_kind_signature_and_first_doc_line(self):
        members = self.by_name(self.query("members", "statistics", []))
        self.assertEqual(members["mean"]["kind"], "function")
        self.assertEqual(members["mean"]["signature"], "(data)")
        self.assertTrue(members["mean"]["doc"].startswith("Return the sample arithmetic mean"))
        self.assertIn("median", members)
        self.assertEqual(members["StatisticsError"]["kind"], "class")
        self.assertFalse([name for name in members if name.startswith("_")])

    def test_values_and_modules_are_marked_and_values_get_no_doc(self):
        members = self.by_name(self.query("members", "os", []))
        self.assertEqual(members["path"]["kind"], "module")
        self.assertEqual(members["sep"]["kind"], "value")
        self.assertIsNone(members["sep"]["doc"])
        self.assertIsNone(members["sep"]["signature"])

    def test_nested_path(self):
        members = self.by_name(self.query("members", "os", ["path"]))
        self.assertEqual(members["join"]["kind"], "function")
        self.assertIn("a", members["join"]["signature"])

    def test_describe_gives_the_whole_docstring(self):
        info = self.query("describe", "statistics", ["mean"])
        self.assertEqual((info["name"], info["kind"], info["signature"]), ("statistics.mean", "function", "(data)"))
        self.assertIn("\n", info["doc"])

    def test_a_missing_module_or_attribute_is_an_error_that_names_it(self):
        error = self.host.error("call", target={"module": INTROSPECT}, path=["members"], args=["no_such_mod_xyz", []])
        self.assertEqual(error["type"], "ModuleNotFoundError")
        self.assertIn("no_such_mod_xyz", error["message"])
        error = self.host.error("call", target={"module": INTROSPECT}, path=["members"], args=["os", ["nope"]])
        self.assertEqual(error["type"], "AttributeError")

    def test_source_module_is_listed_without_output_or_a_trace_in_sys_modules(self):
        before = set(sys.modules)
        members = self.by_name(self.query("source_members", TOOLS, "/home/tools.py", []))
        self.assertEqual(members["shout"]["signature"], "(text, times=1)")
        self.assertEqual(members["shout"]["doc"], "Upper-case text, repeated.")
        self.assertEqual(members["Box"]["kind"], "class")
        self.assertNotIn("_hidden", members)
        self.assertEqual(self.host.output("stdout"), "")
        self.assertEqual(self.host.output("stderr"), "")
        self.assertEqual(set(sys.modules) - before, set())
        box = self.by_name(self.query("source_members", TOOLS, "/home/tools.py", ["Box"]))
        self.assertEqual(box["open"]["signature"], "(self)")

    def test_source_module_does_not_touch_the_programs_loaded_module(self):
        self.host.exec("tools_program_copy", "RUNS = []\nRUNS.append('program')\n")
        self.query("source_members", "RUNS = None\n", "tools_program_copy.py", [])
        self.assertEqual(self.host.call("tools_program_copy", "RUNS.copy"), ["program"])

    def test_source_describe(self):
        info = self.query("source_describe", TOOLS, "/home/tools.py", ["shout"])
        self.assertEqual(info["doc"], "Upper-case text, repeated.\n\nLonger explanation.")

    def test_a_syntax_error_in_source_is_reported(self):
        error = self.host.error("call", target={"module": INTROSPECT}, path=["source_members"], args=["def (:\n", "t.py", []])
        self.assertEqual(error["type"], "SyntaxError")

    def test_importable_modules_include_builtins_and_stdlib(self):
        names = self.query("modules")
        self.assertIn("statistics", names)
        self.assertIn("sys", names)
        self.assertIn("polyglot_runtime", names)
        self.assertEqual(names, sorted(names))
        self.assertFalse([name for name in names if name.startswith("_")])
