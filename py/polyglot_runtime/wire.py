"""JSON text in and out, and the wire codec: Python values ↔ JSON-able wire values.

The tags are listed in protocol.py; docs/protocol.md has the conversion table.
"""

import array
import binascii
import itertools
import json
import math
import re
import sys

from .errors import BridgeError, TooDeepError
from .protocol import F64_MIN_LENGTH, MAX_DEPTH, MAX_JSON_DEPTH, MAX_SAFE_INTEGER, WIRE_TAGS

#: The wire's float64 arrays are little-endian.
_SWAP_F64 = sys.byteorder != "little"
_INF = float("inf")
#: JS sends -0 as "-0" (JSON would write 0); Python's -0.0 needs no tag, as json writes "-0.0".
_FLOAT_TAGS = {"nan": float("nan"), "inf": _INF, "-inf": -_INF, "-0": -0.0}
# CPython refuses int <-> str conversions beyond this many digits; longer ones go in chunks.
_DIGIT_CHUNK = 4000

# Bound once: user code that rebinds json.dumps / json.loads cannot break the channel.
dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_parse_json = json.loads
# json.loads' own scanner, called directly: the wrappers around it cost more than a small request.
_scan_json = json.scanner.make_scanner(json.JSONDecoder())
_encode_str = json.encoder.encode_basestring_ascii

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKETS = re.compile(r"[\[\]{}]")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

JSON_SCALARS = frozenset([str, int, float, bool, type(None)])
_TEXT_SCALARS = frozenset([str, bool, type(None)])
_STR = frozenset([str])
_FLOAT = frozenset([float])
ID_TYPES = frozenset([int, str, float])


def loads(text):
    """json.loads, refusing nesting deeper than MAX_JSON_DEPTH (a ValueError, like bad JSON)."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _json_depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        value, end = _scan_json(text, 0)
    except Exception:  # noqa: BLE001 - json.loads gives the proper error (or copes with leading blanks)
        return _parse_json(text)
    if end != len(text) and text[end:].strip(" \t\n\r"):
        return _parse_json(text)  # raises "Extra data"
    return value


def _json_depth(text):
    brackets = _JSON_BRACKETS.findall(_JSON_STRING.sub("", text))
    return max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


# ---------------------------------------------------------------------------
# Big integers (no global int_max_str_digits change)
# ---------------------------------------------------------------------------


def int_to_decimal(number):
    try:
        return str(number)
    except ValueError:
        sign = "-" if number < 0 else ""
        number = abs(number)
        base = 10**_DIGIT_CHUNK
        chunks = []
        while number:
            number, chunk = divmod(number, base)
            chunks.append(chunk)
        head = str(chunks.pop())
        return sign + head + "".join(str(chunk).zfill(_DIGIT_CHUNK) for chunk in reversed(chunks))


def int_from_decimal(text):
    try:
        return int(text)
    except ValueError:
        digits = text.strip()
        sign = -1 if digits.startswith("-") else 1
        if digits[:1] in ("+", "-"):
            digits = digits[1:]
        if not (digits.isascii() and digits.isdigit()):
            raise
        number = 0
        for start in range(0, len(digits), _DIGIT_CHUNK):
            chunk = digits[start : start + _DIGIT_CHUNK]
            number = number * 10 ** len(chunk) + int(chunk)
        return sign * number


# ---------------------------------------------------------------------------
# Replies written without the encoder
# ---------------------------------------------------------------------------


def ok_text(request_id, result):
    """`dumps` of an ok reply, written directly when id and result are plain scalars (the usual case)."""
    kind = type(result)
    if kind is float and -_INF < result < _INF:
        text = float.__repr__(result)  # what json writes
    elif kind is int:  # to_wire has already sent big ints as __bigint__
        text = int.__repr__(result)
    elif kind is str:
        text = _encode_str(result)
    elif result is None:
        text = "null"
    elif kind is bool:
        text = "true" if result else "false"
    else:
        return dumps({"id": request_id, "ok": True, "result": result})
    kind = type(request_id)
    if kind is int:
        return f'{{"id":{int.__repr__(request_id)},"ok":true,"result":{text}}}'
    if kind is str:
        return f'{{"id":{_encode_str(request_id)},"ok":true,"result":{text}}}'
    return dumps({"id": request_id, "ok": True, "result": result})


def _sendable_as_is(items):
    """True when every item is a scalar that JSON carries exactly, so no copy is needed."""
    kinds = set(map(type, items))
    if kinds <= _TEXT_SCALARS:
        return True
    if not kinds <= JSON_SCALARS:
        return False
    only_one_kind = len(kinds) == 1
    if int in kinds:
        ints = items if only_one_kind else [item for item in items if type(item) is int]
        if min(ints) < -MAX_SAFE_INTEGER or max(ints) > MAX_SAFE_INTEGER:
            return False
    if float in kinds:
        floats = items if only_one_kind else [item for item in items if type(item) is float]
        if not all(map(math.isfinite, floats)):
            return False
    return True


def _floats_to_wire(values):
    """{"__f64__": base64 of the little-endian float64s} for a list of floats."""
    packed = array.array("d", values)
    if _SWAP_F64:
        packed.byteswap()
    return {"__f64__": binascii.b2a_base64(packed.tobytes(), newline=False).decode("ascii")}


def _floats_from_wire(payload):
    if type(payload) is not str:
        raise BridgeError("__f64__ must be a base64 string")
    try:
        data = binascii.a2b_base64(payload, strict_mode=True)
    except (binascii.Error, ValueError) as exc:
        raise BridgeError(f"__f64__ is not valid base64: {exc}") from None
    if len(data) % 8:
        raise BridgeError(f"__f64__ must hold a whole number of 8-byte floats, got {len(data)} bytes")
    packed = array.array("d")
    packed.frombytes(data)
    if _SWAP_F64:
        packed.byteswap()
    return packed.tolist()


def _all_floats(items):
    return type(items[0]) is float and set(map(type, items)) == _FLOAT


def _hashable(value):
    """An array used as a set member or map key becomes a tuple, as Python requires."""
    if type(value) is list:
        return tuple(_hashable(item) for item in value)
    return value


def _float_tag(value):
    return {"__float__": "nan" if value != value else ("inf" if value > 0 else "-inf")}


# ---------------------------------------------------------------------------
# Freeing a value too deep to send
# ---------------------------------------------------------------------------


def _sole_owner_count():
    """What sys.getrefcount says of a container held only by dismantle's `item` (measured, as it varies by version)."""
    stack = [[]]
    item = stack.pop()
    return sys.getrefcount(item)


_SOLE_OWNER = _sole_owner_count()
_DISMANTLED = frozenset([list, tuple, dict, set, frozenset])


def dismantle(stack):
    """Free the containers in `stack` (a list the caller hands over) one level at a time.

    Freeing a list nested 100,000 deep recurses in C, and under Pyodide that overflows
    the WebAssembly stack: a fatal error. Only containers nothing else refers to are
    taken apart (their items move to `stack` first), so values user code still holds
    are left exactly as they are.
    """
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind not in _DISMANTLED or sys.getrefcount(item) > _SOLE_OWNER:
            continue
        if kind is dict:
            stack.extend(item.keys())
            stack.extend(item.values())
            item.clear()
        elif kind is list or kind is set:
            stack.extend(item)
            item.clear()
        else:
            stack.extend(item)  # a tuple or frozenset cannot be cleared: its items stay alive on the stack


# ---------------------------------------------------------------------------
# The codec
# ---------------------------------------------------------------------------


class Codec:
    """Encodes for the host and decodes from it, against one object table and JS function registry."""

    def __init__(self, objects, js_functions):
        self._objects = objects
        self._js = js_functions

    # -- Python → wire ---------------------------------------------------------

    def to_wire(self, value):
        """Encode a value for the host; on failure, drop the refs this encoding created."""
        kind = type(value)
        if kind is str or kind is bool or value is None:
            return value
        if kind is int and -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return value
        if kind is float and -_INF < value < _INF:
            return value
        mark = self._objects.mark()
        try:
            return self._encode(value, set())
        except BaseException:
            self._objects.drop_since(mark)
            raise

    def _encode(self, value, active):
        kind = type(value)
        if kind is str or kind is bool or value is None:
            return value
        if kind is int:
            if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
                return value
            return {"__bigint__": int_to_decimal(value)}
        if kind is float:
            if -_INF < value < _INF:
                return value
            return _float_tag(value)
        if kind is list or kind is tuple or kind is dict or kind is set or kind is frozenset:
            return self._encode_container(value, kind, active)
        if kind is bytes:
            return {"__bytes__": binascii.b2a_base64(value, newline=False).decode("ascii")}
        if kind is bytearray or kind is memoryview:
            data = value.tobytes() if kind is memoryview else bytes(value)
            return {"__bytes__": binascii.b2a_base64(data, newline=False).decode("ascii")}
        if kind is self._js.function_type:
            return {"__jsref__": value._id}
        if kind.__module__ == "numpy" and hasattr(value, "item") and getattr(value, "shape", None) == ():
            return self._encode(value.item(), active)
        # Subclasses of int, float and str (IntEnum, IntFlag, StrEnum…) travel by value, as
        # Pyodide's own to_js does; the base class's slot ignores any override of __int__ etc.
        if isinstance(value, int):  # bool is never subclassed, and exact bools are handled above
            return self._encode(int.__int__(value), active)
        if isinstance(value, float):
            return self._encode(float.__float__(value), active)
        if isinstance(value, str):
            return str.__str__(value)
        return self._objects.store(value)

    def _encode_container(self, value, kind, active):
        key = id(value)
        if key in active:
            raise BridgeError(f"cannot send a {kind.__name__} that contains itself")
        if len(active) >= MAX_DEPTH:
            raise TooDeepError(f"cannot send a value nested deeper than {MAX_DEPTH} levels")
        active.add(key)
        try:
            encode = self._encode
            if kind is list or kind is tuple:
                if kind is list and len(value) >= F64_MIN_LENGTH and _all_floats(value):
                    return _floats_to_wire(value)  # JSON floats are slow to write and to parse
                if _sendable_as_is(value):
                    return value  # json writes tuples as arrays too
                return [encode(item, active) for item in value]
            if kind is dict:
                return self._encode_dict(value, active)
            if _sendable_as_is(value):
                return {"__set__": list(value)}
            return {"__set__": [encode(item, active) for item in value]}
        finally:
            active.discard(key)

    def _encode_dict(self, value, active):
        encode = self._encode
        if set(map(type, value)) <= _STR or all(isinstance(key, str) for key in value):
            if _sendable_as_is(value.values()) and WIRE_TAGS.isdisjoint(value):
                return value
            plain = {key: encode(item, active) for key, item in value.items()}
            return plain if WIRE_TAGS.isdisjoint(plain) else {"__dict__": plain}
        return {"__map__": [[encode(key, active), encode(item, active)] for key, item in value.items()]}

    # -- wire → Python ---------------------------------------------------------

    def from_wire(self, value, depth=0):
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is bool or value is None:
            return value
        if depth >= MAX_DEPTH:
            raise BridgeError(f"value nested deeper than {MAX_DEPTH} levels")
        if kind is list:
            if JSON_SCALARS.issuperset(map(type, value)):
                return value  # freshly parsed: nothing to convert, nothing to copy
            return [self.from_wire(item, depth + 1) for item in value]
        if WIRE_TAGS.isdisjoint(value):
            if JSON_SCALARS.issuperset(map(type, value.values())):
                return value
            return {key: self.from_wire(item, depth + 1) for key, item in value.items()}
        return self._decode_tagged(value, depth)

    def _decode_tagged(self, value, depth):
        tags = [key for key in value if key in WIRE_TAGS]
        if len(tags) != 1:
            raise BridgeError(f"a tagged value has exactly one tag, got {sorted(tags)}")
        tag = tags[0]
        payload = value[tag]
        if tag == "__pyref__":
            return self._objects.get(payload)
        if tag == "__jsref__":
            if type(payload) is not int:
                raise BridgeError(f"__jsref__ must be an integer, got {payload!r}")
            return self._js.function(payload)
        if tag == "__bytes__":
            if type(payload) is not str:
                raise BridgeError("__bytes__ must be a base64 string")
            try:
                return binascii.a2b_base64(payload, strict_mode=True)
            except (binascii.Error, ValueError) as exc:
                raise BridgeError(f"__bytes__ is not valid base64: {exc}") from None
        if tag == "__bigint__":
            if type(payload) is not str:
                raise BridgeError("__bigint__ must be a string of decimal digits")
            try:
                return int_from_decimal(payload)
            except ValueError:
                raise BridgeError(f"__bigint__ is not an integer: {payload[:40]!r}") from None
        if tag == "__float__":
            if type(payload) is not str or payload not in _FLOAT_TAGS:
                raise BridgeError(f'__float__ must be "nan", "inf", "-inf" or "-0", got {payload!r}')
            return _FLOAT_TAGS[payload]
        if tag == "__f64__":
            return _floats_from_wire(payload)
        return self._decode_collection(tag, payload, depth)

    def _decode_collection(self, tag, payload, depth):
        decode = self.from_wire
        depth += 1
        if tag == "__dict__":
            if type(payload) is not dict:
                raise BridgeError("__dict__ must hold an object")
            return {key: decode(item, depth) for key, item in payload.items()}
        if type(payload) is not list:
            raise BridgeError(f"{tag} must hold an array")
        try:
            if tag == "__set__":
                return {_hashable(decode(item, depth)) for item in payload}
            if not all(type(entry) is list and len(entry) == 2 for entry in payload):
                raise BridgeError("__map__ entries must be [key, value] pairs")
            return {_hashable(decode(key, depth)): decode(item, depth) for key, item in payload}
        except TypeError as exc:
            raise BridgeError(f"{tag} key is not hashable: {exc}") from None
