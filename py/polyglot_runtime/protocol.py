"""The contract shared with src/protocol/: version, op names, wire tags and limits.

src/protocol/contract.ts declares the same tables; `python3 -m polyglot_runtime --describe`
prints these as JSON and test/protocol/contract.test.ts compares the two.
"""

PROTOCOL_VERSION = 1

#: Every op a host may send, with the fields each requires.
OPS = {
    "ping": (),
    "configure": (),
    "import": ("module",),
    "getattr": ("target", "path"),
    "setattr": ("target", "path", "value"),
    "call": ("target", "path", "args"),
    "repr": ("target", "path"),
    "str": ("target", "path"),
    "release": ("refs",),
    "iter": ("target", "path"),
    "next": ("target", "path", "n"),
    "exec": ("module", "source"),
    "stats": (),
}

#: Ops Python sends to the host: a callback, and input() (once configure said `input: true`).
PYTHON_OPS = ("call_js", "input")

#: Notices: Python → host, no reply expected.
NOTICES = ("ready", "stdout", "stderr", "release_js", "display")

#: What a "display" notice may carry (pictures.py sniffs the image types from content).
PICTURE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "text/html")

#: Every tag key of the wire format; a plain dict with one of these keys travels as {"__dict__": …}.
WIRE_TAGS = frozenset(
    ["__pyref__", "__jsref__", "__bytes__", "__bigint__", "__float__", "__f64__", "__set__", "__map__", "__dict__"]
)

#: A list of at least this many floats travels as {"__f64__": base64}; shorter ones stay readable JSON.
F64_MIN_LENGTH = 64

MAX_SAFE_INTEGER = 2**53 - 1

#: Containers nested deeper than this are refused, on both sides (it also bounds the codecs' recursion).
MAX_DEPTH = 100

#: JSON nested deeper than this is refused before parsing: under Pyodide the C parser
#: overflows the WebAssembly stack (a fatal error) long before it raises RecursionError.
MAX_JSON_DEPTH = 1000


def describe():
    """The tables above as plain JSON data (for --describe)."""
    return {
        "protocol": PROTOCOL_VERSION,
        "ops": {name: list(fields) for name, fields in OPS.items()},
        "python_ops": list(PYTHON_OPS),
        "notices": list(NOTICES),
        "picture_types": list(PICTURE_TYPES),
        "wire_tags": sorted(WIRE_TAGS),
        "limits": {
            "max_depth": MAX_DEPTH,
            "max_json_depth": MAX_JSON_DEPTH,
            "f64_min_length": F64_MIN_LENGTH,
            "max_safe_integer": MAX_SAFE_INTEGER,
        },
    }
