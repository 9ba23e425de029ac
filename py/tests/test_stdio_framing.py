"""The CPython runtime over stdio: ready line, framing, fd-level writes, SIGINT, EOF, callbacks."""

import base64
import json
import math
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest

from .stdio_process import RuntimeProcess


class StdioTestCase(unittest.TestCase):
    ARGS = ()

    def setUp(self):
        self.runtime = RuntimeProcess(*self.ARGS)
        self.addCleanup(self.runtime.close)
        self.ready = self.runtime.read_message()


class ReadyAndFramingTest(StdioTestCase):
    def test_the_first_line_is_ready(self):
        version = "%d.%d.%d" % sys.version_info[:3]
        self.assertEqual(self.ready, {"type": "ready", "protocol": 1, "python": version})

    def test_ping_and_a_call(self):
        self.assertEqual(self.runtime.ok("ping"), "pong")
        self.assertEqual(self.runtime.ok("call", target={"module": "math"}, path=["gcd"], args=[12, 18]), 6)

    def test_fd_level_writes_and_child_processes_cannot_break_framing(self):
        source = "\n".join(
            [
                "import os, subprocess, sys",
                "os.write(1, b'raw bytes on fd 1\\n')",
                "os.write(1, b'{\"id\": 1, \"ok\": true, \"result\": \"forged\"}\\n')",
                "subprocess.run([sys.executable, '-c', 'print(\"from a child\")'], check=True)",
                "print('from print')",
                "sys.__stdout__.write('via sys.__stdout__\\n'); sys.__stdout__.flush()",
            ]
        )
        notices = []
        reply = self.runtime.reply_to(self.runtime.request("exec", module="m", source=source), notices)
        self.assertEqual(reply["ok"], True, reply)
        self.assertEqual(notices, [{"type": "stdout", "data": "from print\n"}])
        self.assertEqual(self.runtime.ok("ping"), "pong")
        self.assertEqual(self.runtime.finish(), 0)
        stderr = self.runtime.stderr()
        for text in ["raw bytes on fd 1", "forged", "from a child", "via sys.__stdout__"]:
            self.assertIn(text, stderr)

    def test_input_cannot_read_requests(self):
        source = "try:\n    input()\n    got = 'a line'\nexcept EOFError:\n    got = 'eof'"
        request = self.runtime.request("exec", module="m", source=source)
        self.runtime.send({"id": "after", "op": "ping"})
        self.assertEqual(self.runtime.reply_to(request)["ok"], True)
        self.assertEqual(self.runtime.reply_to("after")["result"], "pong")
        self.assertEqual(self.runtime.ok("getattr", target={"module": "m"}, path=["got"]), "eof")

    def test_input_asks_the_host_over_the_protocol_once_configured(self):
        self.runtime.ok("configure", input=True)
        request = self.runtime.request("call", target={"module": "builtins"}, path=["input"], args=["Name? "])
        ask = self.runtime.read_message()
        self.assertEqual((ask["op"], ask["prompt"]), ("input", "Name? "))
        self.runtime.send({"id": ask["id"], "ok": True, "result": "Ada"})
        self.assertEqual(self.runtime.reply_to(request)["result"], "Ada")
        request = self.runtime.request("call", target={"module": "builtins"}, path=["input"], args=[])
        ask = self.runtime.read_message()
        self.runtime.send({"id": ask["id"], "ok": True, "result": None})
        self.assertEqual(self.runtime.reply_to(request)["error"]["type"], "EOFError")

    def test_sigint_while_input_waits_raises_keyboard_interrupt(self):
        self.runtime.ok("configure", input=True)
        request = self.runtime.request("call", target={"module": "builtins"}, path=["input"], args=[])
        self.assertEqual(self.runtime.read_message()["op"], "input")
        self.runtime.process.send_signal(signal.SIGINT)
        self.assertEqual(self.runtime.reply_to(request)["error"]["type"], "KeyboardInterrupt")
        self.assertEqual(self.runtime.ok("ping"), "pong")

    def test_output_comes_before_the_reply(self):
        notices = []
        request = self.runtime.request("call", target={"module": "builtins"}, path=["print"], args=["hi"], kwargs={"end": ""})
        reply = self.runtime.reply_to(request, notices)
        self.assertEqual(notices, [{"type": "stdout", "data": "hi"}])
        self.assertIsNone(reply["result"])

    def test_malformed_lines_and_invalid_utf8(self):
        self.runtime.write_line(b"\xff\xfe not json")
        reply = self.runtime.read_message()
        self.assertEqual((reply["id"], reply["error"]["type"]), (None, "BridgeError"))
        self.runtime.write_line(b"")
        self.runtime.write_line(b"   ")
        self.assertEqual(self.runtime.ok("ping"), "pong")

    def test_a_large_message(self):
        text = "x" * 2_000_000
        self.assertEqual(self.runtime.ok("call", target={"module": "builtins"}, path=["len"], args=[text]), 2_000_000)

    def test_a_burst_of_requests_is_answered_in_order_with_output_before_its_reply(self):
        lines = []
        for i in range(300):
            if i % 50 == 7:
                message = {"id": i, "op": "call", "target": {"module": "builtins"}, "path": ["print"], "args": [f"line {i}"]}
            else:
                message = {"id": i, "op": "call", "target": {"module": "math"}, "path": ["sqrt"], "args": [i]}
            lines.append(json.dumps(message))
        lines.insert(100, "not json")
        self.runtime.write_line("\n".join(lines))  # one write: the runtime reads them as one batch
        seen = [self.runtime.read_message() for _ in range(300 + 1 + 6)]
        replies = [m for m in seen if "ok" in m]
        self.assertEqual([m["id"] for m in replies if m["id"] is not None], list(range(300)))
        self.assertEqual(replies[100]["error"]["type"], "BridgeError")  # the malformed line, in its place
        for i in range(7, 300, 50):
            index = seen.index(next(m for m in replies if m["id"] == i))
            self.assertEqual(seen[index - 1], {"type": "stdout", "data": f"line {i}\n"})
        self.assertEqual(replies[5]["result"], math.sqrt(5))

    def test_floats_as_f64_both_ways(self):
        self.runtime.ok("exec", module="m", source="def halves(n):\n    return [i / 2 for i in range(n)]\ndef total(xs):\n    return sum(xs)")
        wire = self.runtime.ok("call", target={"module": "m"}, path=["halves"], args=[100_000])
        floats = struct.unpack("<100000d", base64.b64decode(wire["__f64__"]))
        self.assertEqual(floats[:3], (0.0, 0.5, 1.0))
        self.assertEqual(self.runtime.ok("call", target={"module": "m"}, path=["total"], args=[wire]), sum(floats))

    def test_system_exit_does_not_stop_the_runtime(self):
        reply = self.runtime.reply_to(self.runtime.request("exec", module="m", source="raise SystemExit(4)"))
        self.assertEqual(reply["error"]["type"], "SystemExit")
        self.runtime.reply_to(self.runtime.request("exec", module="__main__", source="main = None\nhandle_json = None"))
        self.assertEqual(self.runtime.ok("ping"), "pong")

    def test_end_of_input_exits_cleanly(self):
        self.assertEqual(self.runtime.finish(), 0)
        self.assertIsNone(self.runtime.read_line())


class InterruptTest(StdioTestCase):
    def interrupt_when_started(self, source):
        """Run `source` (which prints "started" first), SIGINT it, and return the reply."""
        request = self.runtime.request("exec", module="m", source="print('started')\n" + source)
        self.assertEqual(self.runtime.read_message(), {"type": "stdout", "data": "started\n"})
        time.sleep(0.05)
        self.runtime.process.send_signal(signal.SIGINT)
        return self.runtime.reply_to(request)

    def test_sigint_interrupts_a_busy_call_and_the_runtime_goes_on(self):
        reply = self.interrupt_when_started("while True:\n    pass")
        self.assertEqual(reply["error"]["type"], "KeyboardInterrupt")
        self.assertEqual(self.runtime.ok("ping"), "pong")
        reply = self.interrupt_when_started("import time\ntime.sleep(30)")
        self.assertEqual(reply["error"]["type"], "KeyboardInterrupt")
        self.assertEqual(self.runtime.ok("ping"), "pong")

    def test_sigint_while_idle_is_ignored(self):
        for _ in range(3):
            self.runtime.process.send_signal(signal.SIGINT)
            time.sleep(0.05)
        self.runtime.expect_silence(0.2)
        self.assertEqual(self.runtime.ok("ping"), "pong")
        self.assertIsNone(self.runtime.process.poll())

    def test_sigint_while_waiting_for_a_callback(self):
        request = self.runtime.request("call", target={"module": "builtins"}, path=["sorted"], args=[[2, 1]], kwargs={"key": {"__jsref__": 1}})
        call = self.runtime.read_message()
        self.assertEqual(call["op"], "call_js")
        self.runtime.process.send_signal(signal.SIGINT)
        notices = []
        self.assertEqual(self.runtime.reply_to(request, notices)["error"]["type"], "KeyboardInterrupt")
        self.assertEqual(notices, [{"type": "release_js", "refs": [1]}])
        self.runtime.send({"id": call["id"], "ok": True, "result": 0})  # too late: ignored
        self.assertEqual(self.runtime.ok("ping"), "pong")


class CallbackOverStdioTest(StdioTestCase):
    def test_sorted_with_a_js_key_and_a_nested_request(self):
        request = self.runtime.request("call", target={"module": "builtins"}, path=["sorted"], args=[["bb", "a", "ccc"]], kwargs={"key": {"__jsref__": 9}})
        nested_ids = []
        while True:
            message = self.runtime.read_message()
            if message.get("op") == "call_js":
                self.assertEqual(message["fn"], 9)
                # Before answering, call back into Python (JS → Python → JS → Python).
                nested = f"nested-{len(nested_ids)}"
                nested_ids.append(nested)
                self.runtime.send({"id": nested, "op": "call", "target": {"module": "builtins"}, "path": ["len"], "args": message["args"]})
                length = self.runtime.reply_to(nested)["result"]
                self.runtime.send({"id": message["id"], "ok": True, "result": -length})
            elif message.get("id") == request:
                break
            else:
                self.assertEqual(message, {"type": "release_js", "refs": [9]})
        self.assertEqual(message["result"], ["ccc", "bb", "a"])
        self.assertEqual(len(nested_ids), 3)

    def test_requests_after_a_callback_in_the_same_batch_are_served_nested(self):
        call = {"id": "outer", "op": "call", "target": {"module": "builtins"}, "path": ["sorted"], "args": [[2, 1]], "kwargs": {"key": {"__jsref__": 4}}}
        pings = [{"id": f"p{i}", "op": "ping"} for i in range(3)]
        self.runtime.write_line("\n".join(json.dumps(m) for m in [call, *pings]))
        answered = []
        while True:
            message = self.runtime.read_message()
            if message.get("op") == "call_js":
                self.runtime.send({"id": message["id"], "ok": True, "result": message["args"][0]})
            elif "ok" in message:
                answered.append(message["id"])
                if message["id"] == "outer":
                    self.assertEqual(message["result"], [1, 2])
                    break
        # The pings were already read when sorted() called back, so they are served while it waits.
        self.assertEqual(answered, ["p0", "p1", "p2", "outer"])
        self.assertEqual(self.runtime.ok("ping"), "pong")

    def test_a_js_error_reply(self):
        request = self.runtime.request("call", target={"module": "builtins"}, path=["map"], args=[{"__jsref__": 2}, [1]])
        iterator = self.runtime.reply_to(request)["result"]
        request = self.runtime.request("call", target={"module": "builtins"}, path=["list"], args=[iterator])
        call = self.runtime.read_message()
        self.runtime.send({"id": call["id"], "ok": False, "error": {"type": "TypeError", "message": "boom", "traceback": "at f"}})
        error = self.runtime.reply_to(request)["error"]
        self.assertEqual((error["type"], error["message"]), ("JSError", "TypeError: boom"))

    def test_end_of_input_while_waiting_for_a_callback_exits(self):
        self.runtime.request("call", target={"module": "builtins"}, path=["sorted"], args=[[2, 1]], kwargs={"key": {"__jsref__": 1}})
        self.assertEqual(self.runtime.read_message()["op"], "call_js")
        self.assertEqual(self.runtime.finish(), 0)


class BaseDirTest(unittest.TestCase):
    def test_base_option_sets_where_file_modules_are_found(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "tools.py"), "w") as file:
                file.write("def greet(name, punct='!'):\n    return f'Hello, {name}{punct}'\n")
            runtime = RuntimeProcess("--base", folder)
            self.addCleanup(runtime.close)
            self.assertEqual(runtime.read_message()["type"], "ready")
            greeting = runtime.ok("call", target={"module": "./tools.py"}, path=["greet"], args=["Bob"], kwargs={"punct": "?"})
            self.assertEqual(greeting, "Hello, Bob?")

    def test_a_bad_option_is_a_usage_error(self):
        runtime = RuntimeProcess("--bogus")
        self.addCleanup(runtime.close)
        self.assertNotEqual(runtime.finish(), 0)
        self.assertIn("usage", runtime.stderr())


class EsemOverStdioTest(unittest.TestCase):
    """What esem's bridge.js does: wait for {"type": "ready"}, then send actions."""

    def test_an_esem_session(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "tools.py"), "w") as file:
                file.write("def add(a, b):\n    print('adding')\n    return a + b\n")
            runtime = RuntimeProcess(cwd=folder)
            self.addCleanup(runtime.close)
            self.assertEqual(runtime.read_message()["type"], "ready")
            runtime.send({"id": 1, "action": "load", "module": "./tools.py"})
            self.assertEqual(runtime.read_message()["exports"], {"add": {"kind": "function", "params": ["a", "b"]}})
            args = [{"type": "int", "value": 2}, {"type": "int", "value": 3}]
            runtime.send({"id": 2, "action": "call", "module": "./tools.py", "function": "add", "args": args})
            self.assertEqual(runtime.read_message(), {"type": "result", "id": 2, "result": {"type": "int", "value": 5}})
            self.assertEqual(runtime.finish(), 0)
            self.assertIn("adding", runtime.stderr(), "esem's client shows Python's stderr; prints go there")


class StartingTest(unittest.TestCase):
    """How the package starts: its tables (--describe), and by folder path as seed 000 starts a runtime."""

    def run_runtime(self, args, stdin=b""):
        from .stdio_process import PY_DIR, runtime_env

        return subprocess.run(
            [sys.executable, *args], input=stdin, capture_output=True, env=runtime_env(), cwd=PY_DIR, timeout=20, check=False
        )

    def test_describe_prints_the_protocol_tables(self):
        done = self.run_runtime(["-P", "-m", "polyglot_runtime", "--describe"])
        self.assertEqual(done.returncode, 0, done.stderr)
        tables = json.loads(done.stdout)
        self.assertEqual(tables["protocol"], 1)
        self.assertEqual(tables["limits"]["max_depth"], 100)
        self.assertEqual(tables["ops"]["call"], ["target", "path", "args"])

    def test_every_op_in_the_table_has_a_handler(self):
        from polyglot_runtime import ops, protocol

        self.assertEqual(sorted(ops.HANDLERS), sorted(protocol.OPS))

    def test_the_folder_runs_by_path_too(self):
        from .stdio_process import PY_DIR

        folder = os.path.join(PY_DIR, "polyglot_runtime")
        requests = b'{"id":1,"op":"import","path":"math"}\n{"id":2,"op":"call","obj":{"__pyref__":1},"args":[]}\n'
        done = subprocess.run([sys.executable, "-u", folder], input=requests, capture_output=True, timeout=20, check=False)
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        self.assertEqual(lines[0]["type"], "ready")
        self.assertEqual(lines[1]["result"]["type"], "module")
        self.assertEqual(lines[2]["error"]["type"], "TypeError", "a module is not callable: a real reply from the runtime")
        self.assertEqual(done.returncode, 0, done.stderr)
