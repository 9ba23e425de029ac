"""Fuzz the stdio runtime: 10,000+ random and mutated envelopes, every one answered.

The RNG is seeded (POLYGLOT_FUZZ_SEED overrides it), so a failure reproduces.
"""

import collections
import json
import os
import random
import tempfile
import threading
import unittest

from .stdio_process import RuntimeProcess

SEED = int(os.environ.get("POLYGLOT_FUZZ_SEED", "20260521"))
MESSAGES = 10_500

# A module of harmless functions for the fuzzer to call: nothing here can hang, touch
# files or run away with memory, whatever the arguments. (Nothing in NAMES makes an
# infinite iterator either, which mean() or Counter() would then consume forever.)
FUZZ_MODULE = '''
class Thing:
    def __init__(self, *args, **kwargs):
        self.args = args

    def method(self, *args):
        return list(args)

def echo(*args, **kwargs):
    return args[0] if args else kwargs

def boom(*args, **kwargs):
    raise ValueError("boom")

def make(n=1, *args, **kwargs):
    return [Thing() for _ in range(min(int(n), 20))] if isinstance(n, int) else Thing()

def gen(n=3, *args, **kwargs):
    yield from range(min(int(n), 50))

def printer(*args, **kwargs):
    print(*args[:3])
    return len(args)

def call(f, *args, **kwargs):
    return f(*args)

value = {"a": [1, 2], 3: "x", "__set__": None}
'''

MODULES = ["fuzzmod", "math", "json", "statistics", "collections", "itertools", "./missing.py", "no_such_module", "", 3]
NAMES = [
    "echo", "boom", "make", "gen", "printer", "call", "value", "Thing", "method", "args",
    "sqrt", "gcd", "floor", "isnan", "pi", "dumps", "loads", "mean", "median", "Counter",
    "OrderedDict", "deque", "islice", "__class__", "__name__", "__doc__", "real", "nope", "",
]
FUZZ_NAMES = ["echo", "boom", "make", "gen", "printer", "call", "value", "Thing"]
KWARG_NAMES = ["x", "sort_keys", "indent", "n", "start", "key_name", "__set__"]
OPS = ["ping", "configure", "import", "getattr", "setattr", "call", "repr", "str", "release", "iter", "next", "exec", "stats", "launch", "", None, 7]
SOURCES = [
    "x = 1", "print('fuzz')", "raise ValueError('x')", "def (:", "import sys\nsys.stderr.write('e')",
    "y = [i for i in range(10)]", "print('no newline', end='')", "raise SystemExit(2)", "",
]
ESEM_ACTIONS = ["load", "call", "get_attr", "release", "method_call", "construct", "explode"]


class Fuzzer:
    """Builds random envelopes; each comes with the reply id it must get (or NO_REPLY)."""

    NO_REPLY = object()

    def __init__(self, rng, folder):
        self.rng = rng
        self.folder = folder
        self.refs = list(range(1, 300))  # table ids are handed out in order, so these are live ones
        self.next_id = 1

    # -- values ---------------------------------------------------------------------

    def scalar(self):
        rng = self.rng
        return rng.choice([
            None, True, False, 0, -1, 7, 2**53 - 1, 1.5, -0.0, 1e300, "", "text", "ünï\u2603", "\\", '"',
            rng.randint(-10**6, 10**6), rng.random(), "x" * rng.randint(0, 50),
        ])

    def tagged(self, depth):
        rng = self.rng
        options = [
            lambda: {"__pyref__": rng.choice(self.refs + [0, -1, 10**9, "1", None, 1.0])},
            lambda: {"__pyref__": rng.choice(self.refs), "type": "Thing", "callable": False},
            lambda: {"__jsref__": rng.choice([1, 2, 99, "f", None])},
            lambda: {"__bytes__": rng.choice(["aGk=", "", "***", "aGk", 5, None])},
            lambda: {"__bigint__": rng.choice(["123", "-" + "9" * 30, "9" * 5000, "1e5", "", 12, None])},
            lambda: {"__float__": rng.choice(["nan", "inf", "-inf", "NaN", 1, None])},
            lambda: {"__set__": self.array(depth + 1) if rng.random() < 0.8 else rng.choice([3, {}, None])},
            lambda: {"__map__": [[self.value(depth + 1), self.value(depth + 1)] for _ in range(rng.randint(0, 3))]},
            lambda: {"__map__": rng.choice([[[1]], [1, 2], "x", [[1, 2, 3]]])},
            lambda: {"__dict__": rng.choice([{"__set__": 1}, {}, [], 3])},
            lambda: {"__set__": [], "__map__": []},
        ]
        return rng.choice(options)()

    def array(self, depth):
        return [self.value(depth) for _ in range(self.rng.randint(0, 4))]

    def value(self, depth=0):
        rng = self.rng
        roll = rng.random()
        if depth > 4 or roll < 0.55:
            return self.scalar()
        if roll < 0.7:
            return self.array(depth + 1)
        if roll < 0.8:
            return {rng.choice(KWARG_NAMES + ["k", "ü"]): self.value(depth + 1) for _ in range(rng.randint(0, 3))}
        if roll < 0.97:
            return self.tagged(depth)
        return self.nested(rng.choice([50, 150, 400]))

    def nested(self, depth):
        value = self.scalar()
        for _ in range(depth):
            value = [value] if self.rng.random() < 0.5 else {"k": value}
        return value

    # -- envelopes ----------------------------------------------------------------

    def target(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            return {"module": "fuzzmod"}
        if roll < 0.7:
            return {"module": rng.choice(MODULES)}
        if roll < 0.95:
            return {"ref": rng.choice(self.refs + [0, 10**6, "2", None])}
        return rng.choice([{}, {"ref": 1, "module": "math"}, "math", [], None, {"path": []}])

    def path(self, target):
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return rng.choice(["echo", None, [1], {}])
        if roll < 0.6 and target == {"module": "fuzzmod"}:
            return [rng.choice(FUZZ_NAMES)]
        return [rng.choice(NAMES) for _ in range(rng.choice([0, 1, 1, 1, 2, 3]))]

    def request(self):
        rng = self.rng
        op = "call" if rng.random() < 0.3 else rng.choice(OPS)
        message = {"op": op}
        if rng.random() < 0.9 or op in ("getattr", "call", "iter", "next", "repr", "str", "setattr"):
            message["target"] = self.target()
            message["path"] = self.path(message["target"])
        if op in ("call", "launch") or rng.random() < 0.2:
            message["args"] = self.array(0) if rng.random() < 0.95 else self.value()
        if rng.random() < 0.3:
            message["kwargs"] = {rng.choice(KWARG_NAMES): self.value() for _ in range(rng.randint(0, 2))}
        if op == "setattr" or rng.random() < 0.1:
            message["value"] = self.value()
            message["target"] = rng.choice([{"module": "fuzzmod"}, {"ref": rng.choice(self.refs)}])
        if op == "next" or rng.random() < 0.1:
            message["n"] = rng.choice([0, 1, 5, 50, -1, "3", None, True, 2.5])
        if op == "release" or rng.random() < 0.05:
            message["refs"] = rng.sample(self.refs, min(len(self.refs), rng.randint(0, 3))) + rng.choice([[], [10**6], ["x"], [None]])
        if op == "import" or rng.random() < 0.05:
            message["module"] = rng.choice(MODULES)
        if op == "exec":
            message["module"] = rng.choice(["fuzz_exec", "__main__", "fuzzmod", 3])
            message["source"] = rng.choice(SOURCES + [None])
        if op == "configure":
            message["base_dir"] = rng.choice([self.folder, "/nonexistent", None, 3])
        return message

    def esem_request(self):
        rng = self.rng
        message = {"action": rng.choice(ESEM_ACTIONS), "module": rng.choice(["fuzzmod", "math", "./missing.py", 3])}
        message.update(rng.choice([
            {"function": rng.choice(NAMES), "args": [{"type": "int", "value": 3}]},
            {"attr": rng.choice(NAMES)},
            {"ref_id": rng.choice(["py_obj_1", "nope", 3])},
            {"class": "Thing", "args": [{"type": "list", "value": [{"type": "str", "value": "a"}]}]},
            {"function": "echo", "args": [{"type": "proxy", "ref_id": "missing"}]},
        ]))
        return message

    def with_id(self, message):
        rng = self.rng
        roll = rng.random()
        if roll < 0.85:
            request_id = self.next_id
            self.next_id += 1
        elif roll < 0.93:
            request_id = f"s-{self.next_id}"
            self.next_id += 1
        elif roll < 0.96:
            request_id = rng.choice([None, [1], {"a": 1}, True])
        else:
            return message  # no id at all
        return {"id": request_id, **message}

    def mutate(self, text):
        """Corrupt a valid envelope's text."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.3 and len(text) > 2:
            return text[: rng.randrange(1, len(text))]
        if roll < 0.6:
            position = rng.randrange(len(text))
            return text[:position] + rng.choice('{}[]",:\\ x0') + text[position + 1 :]
        if roll < 0.8:
            return text.replace('"', "'", 1)
        return text + rng.choice(["}", "]", " trailing", ",{}"])

    def garbage(self):
        rng = self.rng
        return rng.choice([
            lambda: "".join(chr(rng.randint(32, 0x2FF)) for _ in range(rng.randint(1, 40))),
            lambda: "[" * rng.randint(1001, 20000),
            lambda: "{" * 3000 + "}" * 3000,
            lambda: self.deep_text(rng.randint(1001, 5000)),
            lambda: rng.choice(["null", "3", '"ping"', "[]", "[1,2]", "true", "NaN"]),
            lambda: "\x00\x01\x02",
        ])()

    def deep_text(self, depth):
        """Valid JSON nested deeper than json.dumps (or the runtime) will go."""
        kinds = [self.rng.random() < 0.5 for _ in range(depth)]
        opening = "".join("[" if is_list else '{"k":' for is_list in kinds)
        closing = "".join("]" if is_list else "}" for is_list in reversed(kinds))
        return opening + "1" + closing

    def next_line(self):
        """One line to send, as bytes."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.7:
            text = json.dumps(self.with_id(self.request()))
        elif roll < 0.8:
            text = json.dumps(self.with_id(self.esem_request()))
        elif roll < 0.9:
            text = self.mutate(json.dumps(self.with_id(self.request())))
        elif roll < 0.98:
            text = self.garbage()
        else:
            return rng.choice([b"\xff\xfe{}", b'{"id": 1, "op": "\xc3"}', b"\xc3\x28"])
        return text.encode("utf-8", "surrogatepass")


def expected_reply_id(line):
    """The protocol's rules for which id the reply to `line` carries (NO_REPLY: none)."""
    text = line.decode("utf-8", "replace")
    if not text.strip():
        return Fuzzer.NO_REPLY
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if type(message) is not dict:
        return None
    request_id = message.get("id")
    valid_id = type(request_id) in (int, str, float)
    if message.get("op") is None:
        if "action" in message:
            return request_id if valid_id else None
        if "ok" in message:
            return Fuzzer.NO_REPLY
    return request_id if valid_id else None


def collect_refs(value, into):
    if isinstance(value, dict):
        if type(value.get("__pyref__")) is int:
            into.add(value["__pyref__"])
        for item in value.values():
            collect_refs(item, into)
    elif isinstance(value, list):
        for item in value:
            collect_refs(item, into)


class FuzzTest(unittest.TestCase):
    def setUp(self):
        self.runtime = RuntimeProcess()
        self.addCleanup(self.runtime.close)
        self.assertEqual(self.runtime.read_message()["type"], "ready")
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = folder.name

    def test_every_envelope_gets_a_well_formed_reply(self):
        runtime = self.runtime
        runtime.ok("exec", module="fuzzmod", source=FUZZ_MODULE)
        start = runtime.ok("stats")
        fuzzer = Fuzzer(random.Random(SEED), self.folder)
        lines = [fuzzer.next_line() for _ in range(MESSAGES)]
        expected = [expected_reply_id(line) for line in lines]
        self.assertGreaterEqual(sum(e is not Fuzzer.NO_REPLY for e in expected), 10_000)

        writer = threading.Thread(target=lambda: [runtime.write_line(line) for line in lines], daemon=True)
        writer.start()
        # Replies come in request order, except that requests arriving while Python waits
        # for a callback reply are served first (nested), so compare ids as a multiset.
        wanted = collections.Counter(want for want in expected if want is not Fuzzer.NO_REPLY)
        received = collections.Counter()
        seen_refs = set()
        for _ in range(sum(wanted.values())):
            reply = self.next_reply(seen_refs)
            self.assertWellFormed(reply)
            received[reply["id"]] += 1
            collect_refs(reply, seen_refs)
        writer.join()
        self.assertEqual(received, wanted)
        replies = sum(received.values())

        self.assertGreaterEqual(replies, 10_000)
        self.assertEqual(runtime.ok("ping"), "pong", "the runtime is still serving")
        runtime.ok("release", refs=sorted(seen_refs))
        self.assertEqual(runtime.ok("stats")["objects"], start["objects"], "every ref created was released")
        self.assertIsNone(runtime.process.poll())

    def next_reply(self, seen_refs):
        """The next reply, answering callbacks and skipping notices on the way."""
        while True:
            message = self.runtime.read_message(timeout=60)
            if message.get("op") == "call_js":
                collect_refs(message, seen_refs)  # its arguments are the host's to release
                self.runtime.send({"id": message["id"], "ok": False, "error": {"type": "Error", "message": "fuzz", "traceback": ""}})
                continue
            if "id" not in message:
                self.assertIn(message.get("type"), ("stdout", "stderr", "release_js"), message)
                continue
            return message

    def assertWellFormed(self, reply):
        context = repr(reply)
        if "type" in reply:  # esem
            self.assertIn(reply["type"], ("result", "error"), context)
            if reply["type"] == "error":
                for field in ("error", "traceback", "error_type"):
                    self.assertIsInstance(reply[field], str, context)
            return
        self.assertIsInstance(reply["ok"], bool, context)
        if reply["ok"]:
            self.assertIn("result", reply, context)
        else:
            error = reply["error"]
            self.assertEqual(sorted(error), ["message", "mro", "traceback", "type"], context)
            for field in ("type", "message", "traceback"):
                self.assertIsInstance(error[field], str, context)
