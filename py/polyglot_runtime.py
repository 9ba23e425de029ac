"""Polyglot's Python runtime: serves the bridge protocol of src/bridge/protocol.ts.

CPython runs this file as a subprocess speaking newline-delimited JSON over
stdio (`python3 -u py/polyglot_runtime.py [--base DIR]`). Pyodide imports it
inside a worker and the JS host calls `attach(send, receive)` and then
`handle_json(text)` for every request, or `handle_batch(text)` for several. Both are thin layers over one
dispatcher, `Runtime`. docs/protocol.md describes the protocol in full.

Standard library only; runs on CPython 3.11+ and Pyodide (Python 3.14).
"""

import array
import binascii
import codecs
import collections
import io
import itertools
import json
import linecache
import math
import os
import re
import sys
import threading
import time
import traceback
import types
import weakref

PROTOCOL_VERSION = 1

#: Every tag key of the wire format; a plain dict with one of these keys travels as {"__dict__": …}.
WIRE_TAGS = frozenset(
    ["__pyref__", "__jsref__", "__bytes__", "__bigint__", "__float__", "__f64__", "__set__", "__map__", "__dict__"]
)
#: A list of at least this many floats travels as {"__f64__": base64}; shorter ones stay readable JSON.
F64_MIN_LENGTH = 64
#: The wire's float64 arrays are little-endian.
_SWAP_F64 = sys.byteorder != "little"

MAX_SAFE_INTEGER = 2**53 - 1
#: Containers nested deeper than this are refused (it also bounds the recursion of the codecs).
MAX_DEPTH = 100
#: Buffered user output is sent at a newline, or once it grows past this many characters.
OUTPUT_CHUNK = 8192
#: In handle_batch, replies held longer than this (seconds) are sent before the next envelope starts.
HOLD_SECONDS = 0.002
#: A file module written this recently may be rewritten within one timestamp tick, so its
#: content is compared too until then (Pyodide's in-memory FS has millisecond timestamps).
FRESH_FILE_NS = 2_000_000_000

_INF = float("inf")
_FLOAT_TAGS = {"nan": float("nan"), "inf": _INF, "-inf": -_INF}
_MISSING = object()
# CPython refuses int <-> str conversions beyond this many digits; longer ones go in chunks.
_DIGIT_CHUNK = 4000

# Bound once: user code that rebinds json.dumps / json.loads cannot break the channel.
_dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_parse_json = json.loads
# json.loads' own scanner, called directly: the wrappers around it cost more than a small request.
_scan_json = json.scanner.make_scanner(json.JSONDecoder())
_encode_str = json.encoder.encode_basestring_ascii

#: JSON nested deeper than this is refused before parsing: under Pyodide the C parser
#: overflows the WebAssembly stack (a fatal error) long before it raises RecursionError.
MAX_JSON_DEPTH = 1000
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKETS = re.compile(r"[\[\]{}]")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _loads(text):
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


class BridgeError(Exception):
    """The request itself is wrong: malformed JSON, unknown op, bad field, unknown ref."""


class JSError(Exception):
    """A JS function called from Python threw; the text is "Name: message"."""

    def __init__(self, message, js_type="", js_stack=""):
        super().__init__(message)
        self.js_type = js_type
        self.js_stack = js_stack


class _HostGone(BaseException):
    """The host closed the channel while Python waited for a callback reply: stop serving."""


# ---------------------------------------------------------------------------
# Big integers (no global int_max_str_digits change)
# ---------------------------------------------------------------------------


def _int_to_decimal(number):
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


def _int_from_decimal(text):
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
# JS functions seen from Python
# ---------------------------------------------------------------------------


class JSFunction:
    """A JS function handed to Python; calling it calls back into JS synchronously."""

    __slots__ = ("_runtime", "_id", "__weakref__")

    def __init__(self, runtime, js_id):
        self._runtime = runtime
        self._id = js_id

    def __call__(self, *args, **kwargs):
        return self._runtime.call_js(self._id, args, kwargs)

    def __repr__(self):
        return f"<JSFunction {self._id}>"

    def __del__(self):
        # Never write from a finalizer: queue the id; it is sent before the next message.
        try:
            self._runtime.js_released.append(self._id)
        except Exception:
            pass


# ---------------------------------------------------------------------------
# User output → notices
# ---------------------------------------------------------------------------


class _OutputStream:
    """sys.stdout / sys.stderr replacement that turns writes into output notices."""

    def __init__(self, runtime, kind):
        self._runtime = runtime
        self._kind = kind
        self.encoding = "utf-8"
        self.errors = "strict"
        self.newlines = None
        self.buffer = _BinaryOutput(self)

    def write(self, text):
        if type(text) is not str:
            if not isinstance(text, str):
                raise TypeError(f"write() argument must be str, not {type(text).__name__}")
            text = str(text)
        if text:
            self._runtime.buffer_output(self._kind, text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._runtime.flush_output()

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation(f"{self._kind} is sent to the JS host; it has no file descriptor")

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    @property
    def closed(self):
        return False

    @property
    def name(self):
        return f"<{self._kind}>"


class _BinaryOutput:
    """`sys.stdout.buffer`: bytes are decoded as UTF-8 (split characters are kept for the next write)."""

    def __init__(self, text_stream):
        self._text = text_stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def write(self, data):
        self._text.write(self._decoder.decode(bytes(data)))
        return len(data)

    def flush(self):
        self._text.flush()

    def writable(self):
        return True


# ---------------------------------------------------------------------------
# File modules ("./tools.py")
# ---------------------------------------------------------------------------


def _is_file_module(name):
    return name.endswith(".py") or (name[:1] in "./" and name.startswith(("./", "../", "/")))


class _LoadedFile:
    """A module loaded from a file, with what is needed to notice that the file changed."""

    __slots__ = ("module", "mtime_ns", "size", "source")

    def __init__(self, module, stat, source):
        self.module = module
        self.mtime_ns = stat.st_mtime_ns
        self.size = stat.st_size
        # Kept only while the file is fresh enough to be rewritten within one timestamp tick.
        self.source = source

    def is_stale(self, path, stat, now_ns):
        if stat.st_mtime_ns != self.mtime_ns or stat.st_size != self.size:
            return True
        if self.source is None:
            return False
        with open(path, "rb") as file:
            changed = file.read() != self.source
        if now_ns - self.mtime_ns > FRESH_FILE_NS:
            self.source = None
        return changed


class _FileModules:
    """Loads file modules by resolved path and reloads them when the file changes."""

    def __init__(self):
        self._loaded = {}
        self._counter = 0

    def get(self, path):
        try:
            stat = os.stat(path)
        except OSError:
            raise ModuleNotFoundError(f"No Python file at {path!r}", path=path) from None
        entry = self._loaded.get(path)
        if entry is not None and not entry.is_stale(path, stat, time.time_ns()):
            return entry.module
        return self._load(path, stat)

    def _load(self, path, stat):
        with open(path, "rb") as file:
            source = file.read()
        name = self._module_name(path)
        module = types.ModuleType(name)
        module.__file__ = path
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)  # as `python3 tools.py` would, so sibling imports work
        linecache.cache.pop(path, None)  # tracebacks must show the new source
        previous = sys.modules.get(name)
        sys.modules[name] = module
        try:
            exec(compile(source, path, "exec"), module.__dict__)
        except BaseException:
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
            self._loaded.pop(path, None)
            raise
        fresh = time.time_ns() - stat.st_mtime_ns <= FRESH_FILE_NS
        self._loaded[path] = _LoadedFile(module, stat, source if fresh else None)
        return module

    def _module_name(self, path):
        stem = os.path.splitext(os.path.basename(path))[0]
        current = sys.modules.get(stem)
        if stem.isidentifier() and (current is None or getattr(current, "__file__", None) == path):
            return stem
        self._counter += 1
        safe = "".join(c if c.isalnum() else "_" for c in stem)
        return f"polyglot_file_{safe}_{self._counter}"


# ---------------------------------------------------------------------------
# The runtime
# ---------------------------------------------------------------------------


def _user_traceback(exc):
    """Python's formatted traceback, without the runtime's own frames at the top."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == _THIS_FILE:
        tb = tb.tb_next
    if isinstance(exc, BridgeError):
        tb = None
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _error_info(exc):
    return {"type": type(exc).__name__, "message": _exception_text(exc), "traceback": _safe_traceback(exc)}


def _exception_text(exc):
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not cost the reply
        return f"<unprintable {type(exc).__name__}>"


def _safe_traceback(exc):
    try:
        return _user_traceback(exc)
    except Exception:  # noqa: BLE001
        return f"{type(exc).__name__}: {_exception_text(exc)}\n"


_JSON_SCALARS = frozenset([str, int, float, bool, type(None)])
_TEXT_SCALARS = frozenset([str, bool, type(None)])
_STR = frozenset([str])
_FLOAT = frozenset([float])
_ID_TYPES = frozenset([int, str, float])


def _ok_text(request_id, result):
    """`_dumps` of an ok reply, written directly when id and result are plain scalars (the usual case)."""
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
        return _dumps({"id": request_id, "ok": True, "result": result})
    kind = type(request_id)
    if kind is int:
        return f'{{"id":{int.__repr__(request_id)},"ok":true,"result":{text}}}'
    if kind is str:
        return f'{{"id":{_encode_str(request_id)},"ok":true,"result":{text}}}'
    return _dumps({"id": request_id, "ok": True, "result": result})


def _sendable_as_is(items):
    """True when every item is a scalar that JSON carries exactly, so no copy is needed."""
    kinds = set(map(type, items))
    if kinds <= _TEXT_SCALARS:
        return True
    if not kinds <= _JSON_SCALARS:
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


def _is_stray_reply(message):
    """A reply (it has `ok`, no op, no action) rather than a request."""
    return "ok" in message and message.get("op") is None and "action" not in message


class Runtime:
    """One Python side of the bridge: object table, codecs, ops, callbacks, output."""

    def __init__(self):
        self.objects = {}
        self._next_ref = 1
        self.js_functions = weakref.WeakValueDictionary()
        self.js_released = []
        self._next_call = 1
        self._waiting = {}  # callback id -> its reply once in (None until then)
        self.base_dir = None
        # SIGINT (CPython) raises KeyboardInterrupt only while `interruptible`; one that
        # arrives while a message is being written, during a call, waits in `interrupt_pending`.
        self.interruptible = False
        self.interrupt_pending = False
        self.calls = 0
        self._files = _FileModules()
        self._output = []  # [(kind, text)] in write order
        self._output_size = 0
        self._lock = threading.RLock()
        self._send = None
        self._receive = None
        self._flush = None
        self._between = None
        #: Replies of the batch being handled that are not sent yet (see handle_batch).
        self._held = None
        self._saved_streams = None
        self._esem = None
        #: When set (CPython), user output in esem mode goes to this text stream instead of notices.
        self.esem_output = None
        self.esem_mode = False
        self._ops = {
            "ping": self._op_ping,
            "configure": self._op_configure,
            "import": self._op_import,
            "getattr": self._op_getattr,
            "setattr": self._op_setattr,
            "call": self._op_call,
            "repr": self._op_repr,
            "str": self._op_str,
            "release": self._op_release,
            "iter": self._op_iter,
            "next": self._op_next,
            "exec": self._op_exec,
            "stats": self._op_stats,
        }

    # -- host channel --------------------------------------------------------

    def attach(self, send, receive, flush=None, between=None):
        """Connect to a host and route sys.stdout / sys.stderr to it as notices.

        `between()`, if given, is called between two envelopes of a batch (the Pyodide
        host clears an interrupt there that came too late for the envelope it was meant for).
        """
        self._send = send
        self._receive = receive
        self._flush = flush
        self._between = between
        if self._saved_streams is None:
            self._saved_streams = (sys.stdout, sys.stderr)
        sys.stdout = _OutputStream(self, "stdout")
        sys.stderr = _OutputStream(self, "stderr")

    def detach(self):
        """Send what is pending and give sys.stdout / sys.stderr back."""
        if self._send is not None:
            self.flush_output()
        if self._saved_streams is not None:
            sys.stdout, sys.stderr = self._saved_streams
            self._saved_streams = None
        self._send = self._receive = self._flush = self._between = None

    def emit(self, text):
        """Send one message, after any pending output and released JS refs."""
        with self._lock:
            saved = self._quiet()
            try:
                self._send_pending()
                self._send(text)
            finally:
                self._unquiet(saved)

    def _quiet(self):
        """Enter a section that a SIGINT must not cut short (a message half written)."""
        saved = self.interruptible
        self.interruptible = False
        return saved

    def _unquiet(self, saved):
        """Leave a quiet section; deliver an interrupt that arrived meanwhile."""
        self.interruptible = saved
        if saved and self.interrupt_pending:
            self.interrupt_pending = False
            self.interruptible = False
            raise KeyboardInterrupt

    def run_op(self, handler, message):
        """Run one op's handler: interruptible, and counted so SIGINTs can wait for it."""
        saved = self.interruptible
        self.calls += 1
        self.interruptible = True
        try:
            return handler(message)
        finally:
            self.interruptible = saved
            self.calls -= 1
            if not self.calls:
                self.interrupt_pending = False  # the call it was meant for is over

    def _send_pending(self):
        if self._output:
            self._send_output()
        if self.js_released:
            refs, self.js_released = self.js_released, []
            self._send(_dumps({"type": "release_js", "refs": refs}))

    def _send_output(self):
        chunks, self._output, self._output_size = self._output, [], 0
        kind, parts = chunks[0][0], []
        for chunk_kind, text in chunks:
            if chunk_kind != kind:
                self._send_notice(kind, "".join(parts))
                kind, parts = chunk_kind, []
            parts.append(text)
        self._send_notice(kind, "".join(parts))

    def _send_notice(self, kind, data):
        if self.esem_mode and self.esem_output is not None:
            self.esem_output.write(data)
            self.esem_output.flush()
        else:
            self._send(_dumps({"type": kind, "data": data}))

    def buffer_output(self, kind, text):
        if self._send is None:
            return
        with self._lock:
            self._output.append((kind, text))
            self._output_size += len(text)
            if "\n" in text or self._output_size > OUTPUT_CHUNK:
                self.flush_output()

    def push(self):
        """Send pending output and push everything written so far to the host."""
        if self._send is None:
            return
        with self._lock:
            saved = self._quiet()
            try:
                self._send_pending()
                if self._flush is not None:
                    self._flush()
            finally:
                self._unquiet(saved)

    def flush_output(self):
        """Send buffered output now (line buffering) and push it to the host."""
        if self._output or self.js_released:
            self.push()

    def _send_pending_quietly(self):
        """Queue pending notices ahead of a reply; the caller flushes once for both."""
        if self._send is None or not (self._output or self.js_released):
            return
        with self._lock:
            saved = self._quiet()
            try:
                self._send_pending()
            finally:
                self.interruptible = saved  # a pending interrupt waits for the next message

    # -- entry points --------------------------------------------------------

    def handle_json(self, text):
        """Handle one message; return the reply as JSON text ("" when none is due)."""
        try:
            message = _loads(text)
        except (ValueError, RecursionError) as exc:
            if not text.strip():
                return ""
            return self._error_text(None, BridgeError(f"malformed JSON: {exc}"))
        except Exception as exc:  # noqa: BLE001 - e.g. text that is not a str
            return self._error_text(None, BridgeError(f"unreadable message: {exc}"))
        return self.handle_message(message)

    def handle_batch(self, text):
        """Handle envelopes joined by "\n" in order, each as handle_json would.

        Returns the replies not sent yet as one message text, for the host to forward as
        is: "" (none), one reply, or a JSON array of replies. Replies are held while the
        batch runs, so it costs one crossing each way; but anything the runtime sends
        meanwhile (output, call_js, release_js) goes out in one message behind the replies
        held so far, and replies held for HOLD_SECONDS are sent before the next envelope.
        """
        host_send, outer_held = self._send, self._held
        self._held = held = []
        if host_send is not None:
            self._send = lambda message: host_send(self._take_replies(message))
        try:
            self._serve_batch(text.split("\n"), held, host_send)
            return self._take_replies()
        finally:
            self._send, self._held = host_send, outer_held

    def _serve_batch(self, envelopes, held, send):
        between = self._between
        since = 0.0
        index = 0
        while index < len(envelopes):
            try:
                while index < len(envelopes):
                    if index and between is not None:
                        between()
                    if held and send is not None and time.perf_counter() - since > HOLD_SECONDS:
                        send(self._take_replies())  # a long batch: finished replies do not wait for the rest
                    # Taken only now, right before its `try`: an interrupt above cannot lose it.
                    envelope = envelopes[index]
                    index += 1
                    try:
                        reply = self.handle_json(envelope) if envelope else ""
                    except _HostGone:
                        raise
                    except BaseException as exc:  # noqa: BLE001 - e.g. an interrupt just after the op: still its reply
                        reply = self._failure_text(envelope, exc)
                    if reply:
                        held.append(reply)
                        if len(held) == 1:
                            since = time.perf_counter()
            except KeyboardInterrupt:
                pass  # it landed between two envelopes, after the op it was meant for: drop it

    def _take_replies(self, message=""):
        """The replies held so far, followed by `message`, as one message text; none are held after."""
        held = self._held
        if not held:
            return message
        if message:
            held.append(message)
        text = held[0] if len(held) == 1 else "[" + ",".join(held) + "]"
        del held[:]
        return text

    def _failure_text(self, text, exc):
        """The error reply for an envelope whose handling raised outside its op."""
        try:
            message = _loads(text)
            request_id = message.get("id") if type(message) is dict else None
        except Exception:  # noqa: BLE001 - not JSON: the reply cannot name the request
            request_id = None
        return self._error_text(request_id if type(request_id) in _ID_TYPES else None, exc)

    def handle_message(self, message):
        if type(message) is dict:
            # The usual request: a known op and a valid id. Anything else takes the checks below.
            op = message.get("op")
            handler = self._ops.get(op) if type(op) is str else None
            request_id = message.get("id")
            if handler is not None and type(request_id) in _ID_TYPES:
                try:
                    result = self.run_op(handler, message)
                except _HostGone:
                    raise
                except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are replies too
                    error = _error_info(exc)
                else:
                    self._send_pending_quietly()
                    return _ok_text(request_id, result)
                # Out of the except block: the traceback's objects are freed, so the refs
                # they held (JSFunctions) are released ahead of the reply.
                return self._reply_text({"id": request_id, "ok": False, "error": error})
        return self._check_message(message)

    def _check_message(self, message):
        """A message that is not a plain request: an esem action, a stray reply or a mistake."""
        if type(message) is not dict:
            return self._error_text(None, BridgeError("a message must be a JSON object"))
        op = message.get("op")
        if op is None:
            if "action" in message:
                return self._esem_adapter().handle(message)
            if "ok" in message:
                return ""  # a late reply to an abandoned callback: nothing to answer
        request_id = message.get("id", _MISSING)
        if request_id is _MISSING:
            return self._error_text(None, BridgeError("missing field 'id'"))
        if type(request_id) not in _ID_TYPES:
            return self._error_text(None, BridgeError("field 'id' must be a number or a string"))
        # The id is valid, so the op is what handle_message could not find.
        problem = "missing field 'op'" if op is None else f"unknown op {op!r}"
        return self._error_text(request_id, BridgeError(problem))

    def _reply_text(self, reply):
        self._send_pending_quietly()
        return _dumps(reply)

    def _error_text(self, request_id, exc):
        return self._reply_text({"id": request_id, "ok": False, "error": _error_info(exc)})

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
        first_ref = self._next_ref
        try:
            return self._encode(value, set())
        except BaseException:
            for ref in range(first_ref, self._next_ref):
                self.objects.pop(ref, None)
            raise

    def _encode(self, value, active):
        kind = type(value)
        if kind is str or kind is bool or value is None:
            return value
        if kind is int:
            if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
                return value
            return {"__bigint__": _int_to_decimal(value)}
        if kind is float:
            if -_INF < value < _INF:
                return value
            return {"__float__": "nan" if value != value else ("inf" if value > 0 else "-inf")}
        if kind is list or kind is tuple or kind is dict or kind is set or kind is frozenset:
            return self._encode_container(value, kind, active)
        if kind is bytes:
            return {"__bytes__": binascii.b2a_base64(value, newline=False).decode("ascii")}
        if kind is bytearray or kind is memoryview:
            data = value.tobytes() if kind is memoryview else bytes(value)
            return {"__bytes__": binascii.b2a_base64(data, newline=False).decode("ascii")}
        if kind is JSFunction:
            return {"__jsref__": value._id}
        if kind.__module__ == "numpy" and hasattr(value, "item") and getattr(value, "shape", None) == ():
            return self._encode(value.item(), active)
        return self.store(value)

    def _encode_container(self, value, kind, active):
        key = id(value)
        if key in active:
            raise BridgeError(f"cannot send a {kind.__name__} that contains itself")
        if len(active) >= MAX_DEPTH:
            raise BridgeError(f"cannot send a value nested deeper than {MAX_DEPTH} levels")
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

    def store(self, value):
        """Put an object in the table under a new id and return its wire ref."""
        ref = self._next_ref
        self._next_ref = ref + 1
        self.objects[ref] = value
        return {"__pyref__": ref, "type": type(value).__name__, "callable": callable(value)}

    # -- wire → Python ---------------------------------------------------------

    def from_wire(self, value, depth=0):
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is bool or value is None:
            return value
        if depth >= MAX_DEPTH:
            raise BridgeError(f"value nested deeper than {MAX_DEPTH} levels")
        if kind is list:
            if _JSON_SCALARS.issuperset(map(type, value)):
                return value  # freshly parsed: nothing to convert, nothing to copy
            return [self.from_wire(item, depth + 1) for item in value]
        if WIRE_TAGS.isdisjoint(value):
            if _JSON_SCALARS.issuperset(map(type, value.values())):
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
            if type(payload) is not int or payload not in self.objects:
                raise BridgeError(f"unknown or released ref {payload!r}")
            return self.objects[payload]
        if tag == "__jsref__":
            if type(payload) is not int:
                raise BridgeError(f"__jsref__ must be an integer, got {payload!r}")
            return self.js_function(payload)
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
                return _int_from_decimal(payload)
            except ValueError:
                raise BridgeError(f"__bigint__ is not an integer: {payload[:40]!r}") from None
        if tag == "__float__":
            if type(payload) is not str or payload not in _FLOAT_TAGS:
                raise BridgeError(f'__float__ must be "nan", "inf" or "-inf", got {payload!r}')
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

    def js_function(self, js_id):
        function = self.js_functions.get(js_id)
        if function is None:
            function = JSFunction(self, js_id)
            self.js_functions[js_id] = function
            if js_id in self.js_released:  # the host has not been told yet, so it still holds it
                self.js_released.remove(js_id)
        return function

    # -- callbacks -----------------------------------------------------------

    def call_js(self, fn_id, args, kwargs):
        """Call JS function `fn_id` and wait for its reply, serving nested requests meanwhile."""
        if self._send is None:
            raise JSError("no JS host is attached")
        call_id = f"py-{self._next_call}"
        self._next_call += 1
        names = list(kwargs)
        # Tuples, so `args` stays an array (a list of floats could travel as __f64__).
        wire_args, wire_values = self.to_wire([tuple(args), tuple(kwargs[name] for name in names)])
        message = {"id": call_id, "op": "call_js", "fn": fn_id, "args": wire_args}
        if names:
            message["kwargs"] = dict(zip(names, wire_values))
        self._waiting[call_id] = None
        try:
            self.emit(_dumps(message))
            return self._wait_for_reply(call_id)
        finally:
            del self._waiting[call_id]

    def _wait_for_reply(self, call_id):
        """Serve the host's messages until the reply to `call_id` is in."""
        while True:
            reply = self._waiting[call_id]
            if reply is not None:
                return self._callback_result(reply)
            text = self._receive_message()
            saved = self._quiet()  # a nested request's reply must go out whole
            try:
                self._take_message(text)
            finally:
                self._unquiet(saved)

    def _take_message(self, text):
        """A reply for a waiting callback is filed; anything else is a request, served now."""
        try:
            incoming = _loads(text)
        except Exception:  # noqa: BLE001 - handle_json answers it as malformed (or not at all if blank)
            reply = self.handle_json(text)
        else:
            if type(incoming) is dict and _is_stray_reply(incoming):
                reply_id = incoming.get("id")
                # An outer callback's reply can come first when the host answers out of
                # order; it waits here until the inner call returns. Others are stale.
                if type(reply_id) is str and reply_id in self._waiting:
                    self._waiting[reply_id] = incoming
                return
            reply = self.handle_message(incoming)
        if reply:
            self.emit(reply)

    def _receive_message(self):
        self.push()
        try:
            text = self._receive()
        except _HostGone:
            raise
        except Exception as exc:
            raise JSError(str(exc)) from None
        if text is None:
            raise _HostGone()
        return text

    def _callback_result(self, reply):
        if reply.get("ok") is True:
            return self.from_wire(reply.get("result"))
        error = reply.get("error")
        if type(error) is not dict:
            raise JSError(f"JS error: {error!r}")
        name = str(error.get("type") or "")
        message = str(error.get("message") or "")
        text = f"{name}: {message}" if name else message
        raise JSError(text, name, str(error.get("traceback") or ""))

    # -- request fields ------------------------------------------------------

    @staticmethod
    def _field(message, name, kinds, what):
        value = message.get(name, _MISSING)
        if value is _MISSING:
            raise BridgeError(f"{message['op']}: missing field {name!r}")
        if type(value) not in kinds:
            raise BridgeError(f"{message['op']}: field {name!r} must be {what}")
        return value

    def _target(self, message):
        """The object named by `target` and `path`."""
        target = message.get("target")
        path = message.get("path")
        if type(target) is not dict or type(path) is not list:  # _field names the problem
            self._field(message, "target", (dict,), "an object {ref} or {module}")
            self._field(message, "path", (list,), "an array of attribute names")
        if "ref" in target:
            ref = target["ref"]
            if type(ref) is not int:
                raise BridgeError(f"{message['op']}: target ref must be an integer")
            value = self.objects.get(ref, _MISSING)
            if value is _MISSING:
                raise BridgeError(f"unknown or released ref {ref}")
        elif "module" in target and type(target["module"]) is str:
            value = self.module(target["module"])
        else:
            raise BridgeError(f"{message['op']}: target must be {{ref: int}} or {{module: str}}")
        for name in path:
            if type(name) is not str:
                raise BridgeError(f"{message['op']}: path must hold attribute names (strings)")
            value = getattr(value, name)
        return value

    def module(self, name):
        if _is_file_module(name):
            return self._files.get(self.resolve_path(name))
        module = sys.modules.get(name)
        if module is None:
            import importlib  # noqa: PLC0415 - only the first use of a module name gets here

            module = importlib.import_module(name)
        return module

    def resolve_path(self, name):
        base = self.base_dir if self.base_dir is not None else os.getcwd()
        return os.path.normpath(os.path.join(base, name))

    def _args(self, message):
        args = message.get("args")
        if type(args) is not list:
            self._field(message, "args", (list,), "an array")
        kwargs = message.get("kwargs")
        decode = self.from_wire
        if not _JSON_SCALARS.issuperset(map(type, args)):  # plain scalars need no decoding
            args = [decode(arg) for arg in args]
        if kwargs is None:
            return args, {}
        if type(kwargs) is not dict:
            raise BridgeError(f"{message['op']}: field 'kwargs' must be an object")
        return args, {name: decode(value) for name, value in kwargs.items()}

    # -- ops -------------------------------------------------------------------

    def _op_ping(self, message):
        return "pong"

    def _op_configure(self, message):
        base_dir = message.get("base_dir")
        if base_dir is not None and type(base_dir) is not str:
            raise BridgeError("configure: field 'base_dir' must be a string")
        self.base_dir = os.path.abspath(base_dir) if base_dir is not None else None
        return None

    def _op_import(self, message):
        name = self._field(message, "module", (str,), "a module name or file path")
        return self.to_wire(self.module(name))

    def _op_getattr(self, message):
        return self.to_wire(self._target(message))

    def _op_setattr(self, message):
        path = message.get("path")
        if type(path) is not list or not path:
            raise BridgeError("setattr: field 'path' must be a non-empty array of attribute names")
        name = path[-1]
        if type(name) is not str:
            raise BridgeError("setattr: path must hold attribute names (strings)")
        if "value" not in message:
            raise BridgeError("setattr: missing field 'value'")
        owner = self._target(dict(message, path=path[:-1]))
        setattr(owner, name, self.from_wire(message["value"]))
        return None

    def _op_call(self, message):
        function = self._target(message)
        args, kwargs = self._args(message)
        result = function(*args, **kwargs)
        kind = type(result)
        if kind is str or kind is int and -MAX_SAFE_INTEGER <= result <= MAX_SAFE_INTEGER:
            return result  # the common case, without the codec
        return self.to_wire(result)

    def _op_repr(self, message):
        return repr(self._target(message))

    def _op_str(self, message):
        return str(self._target(message))

    def _op_release(self, message):
        refs = self._field(message, "refs", (list,), "an array of ref ids")
        objects = self.objects
        released = 0
        for ref in refs:
            if type(ref) is int and objects.pop(ref, _MISSING) is not _MISSING:
                released += 1
        return released

    def _op_iter(self, message):
        return self.store(iter(self._target(message)))

    def _op_next(self, message):
        count = self._field(message, "n", (int,), "a non-negative integer")
        if count < 0:
            raise BridgeError("next: field 'n' must be a non-negative integer")
        iterator = self._target(message)
        items = []
        done = False
        for _ in range(count):
            try:
                items.append(next(iterator))
            except StopIteration:
                done = True
                break
        # A tuple is never sent as __f64__: `items` stays an array, as the protocol says.
        return {"items": self.to_wire(tuple(items)), "done": done}

    def _op_exec(self, message):
        name = self._field(message, "module", (str,), "a module name")
        source = self._field(message, "source", (str,), "Python source text")
        filename = message.get("filename")
        if filename is None:
            filename = f"<{name}>"
        elif type(filename) is not str:
            raise BridgeError("exec: field 'filename' must be a string")
        module = sys.modules.get(name)
        if module is None:
            module = types.ModuleType(name)
            sys.modules[name] = module
        elif not isinstance(module, types.ModuleType):
            raise BridgeError(f"exec: sys.modules[{name!r}] is not a module")
        # Lets tracebacks quote lines of source that exists in no file.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), module.__dict__)
        return None

    def _op_stats(self, message):
        return {"objects": len(self.objects), "js_refs": len(self.js_functions)}

    def _esem_adapter(self):
        if self._esem is None:
            self._esem = _EsemAdapter(self)
        return self._esem


# ---------------------------------------------------------------------------
# esem-bridge compatibility (messages with "action" instead of "op")
# ---------------------------------------------------------------------------


class _EsemAdapter:
    """Answers esem-bridge's protocol: typed values, string ref ids, {"type": "result"|"error"}."""

    def __init__(self, runtime):
        self._runtime = runtime
        self._objects = {}
        self._counter = 0
        self._actions = {
            "load": self._load,
            "call": self._call,
            "construct": self._construct,
            "method_call": self._method_call,
            "get_attr": self._get_attr,
            "release": self._release,
        }

    def handle(self, message):
        runtime = self._runtime
        runtime.esem_mode = True
        request_id = message.get("id")
        if type(request_id) not in (int, str, float):
            request_id = None
        try:
            action = message.get("action")
            handler = self._actions.get(action) if type(action) is str else None
            if handler is None:
                raise BridgeError(f"Unknown action: {action!r}")
            reply = {"type": "result", "id": request_id, **runtime.run_op(handler, message)}
        except _HostGone:
            raise
        except BaseException as exc:  # noqa: BLE001 - every failure is an error reply
            reply = {
                "type": "error",
                "id": request_id,
                "error": str(exc),
                "traceback": _user_traceback(exc),
                "error_type": type(exc).__name__,
            }
        return runtime._reply_text(reply)

    # -- typed values ----------------------------------------------------------

    def serialize(self, value, depth=0):
        if depth >= MAX_DEPTH:
            raise BridgeError(f"cannot send a value nested deeper than {MAX_DEPTH} levels")
        kind = type(value)
        if value is None:
            return {"type": "null", "value": None}
        if kind is bool:
            return {"type": "bool", "value": value}
        if kind is int:
            return {"type": "int", "value": value}
        if kind is float:
            if -_INF < value < _INF:
                return {"type": "float", "value": value}
            return {"type": "float", "value": "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")}
        if kind is str:
            return {"type": "str", "value": value}
        if kind is list or kind is tuple:
            return {"type": "list", "value": [self.serialize(item, depth + 1) for item in value]}
        if kind is dict:
            items = {k if isinstance(k, str) else str(k): self.serialize(v, depth + 1) for k, v in value.items()}
            return {"type": "dict", "value": items}
        return {"type": "proxy", "ref_id": self._register(value)}

    def deserialize(self, data, depth=0):
        if depth >= MAX_DEPTH:
            raise BridgeError(f"value nested deeper than {MAX_DEPTH} levels")
        if type(data) is not dict or "type" not in data:
            return data
        kind = data["type"]
        value = data.get("value")
        if kind == "list":
            if type(value) is not list:
                raise BridgeError("a list value must be an array")
            return [self.deserialize(item, depth + 1) for item in value]
        if kind == "dict":
            if type(value) is not dict:
                raise BridgeError("a dict value must be an object")
            return {key: self.deserialize(item, depth + 1) for key, item in value.items()}
        if kind == "proxy":
            return self._object(data.get("ref_id"))
        return value

    def _register(self, value):
        self._counter += 1
        ref_id = f"py_obj_{self._counter}"
        self._objects[ref_id] = value
        return ref_id

    def _object(self, ref_id):
        value = self._objects.get(ref_id, _MISSING) if type(ref_id) is str else _MISSING
        if value is _MISSING:
            raise BridgeError(f"Object {ref_id} not found — it may have been released")
        return value

    def _arguments(self, message):
        args = message.get("args") or []
        kwargs = message.get("kwargs") or {}
        if type(args) is not list or type(kwargs) is not dict:
            raise BridgeError("args must be an array and kwargs an object")
        return [self.deserialize(a) for a in args], {k: self.deserialize(v) for k, v in kwargs.items()}

    @staticmethod
    def _text(message, name):
        value = message.get(name)
        if type(value) is not str:
            raise BridgeError(f"missing or non-string field {name!r}")
        return value

    # -- actions ---------------------------------------------------------------

    def _load(self, message):
        module = self._runtime.module(self._text(message, "module"))
        exports = {}
        for name in dir(module):
            if name.startswith("_"):
                continue
            value = getattr(module, name)
            if callable(value):
                kind = "class" if isinstance(value, type) else "function"
                exports[name] = {"kind": kind, "params": _parameter_names(value)}
            else:
                exports[name] = {"kind": "value"}
        return {"exports": exports}

    def _call(self, message):
        module = self._runtime.module(self._text(message, "module"))
        value = getattr(module, self._text(message, "function"))
        args, kwargs = self._arguments(message)
        if not callable(value) and not args and not kwargs:
            return {"result": self.serialize(value)}  # esem's client reads module values this way
        return {"result": self.serialize(value(*args, **kwargs))}

    def _construct(self, message):
        module = self._runtime.module(self._text(message, "module"))
        cls = getattr(module, self._text(message, "class"))
        args, kwargs = self._arguments(message)
        instance = cls(*args, **kwargs)
        ref_id = self._register(instance)
        methods = {}
        for name in dir(instance):
            if not name.startswith("_"):
                attribute = getattr(instance, name)
                if callable(attribute):
                    methods[name] = {"kind": "method", "params": _parameter_names(attribute)}
        return {"ref_id": ref_id, "methods": methods}

    def _method_call(self, message):
        target = self._object(message.get("ref_id"))
        method = getattr(target, self._text(message, "method"))
        args, kwargs = self._arguments(message)
        return {"result": self.serialize(method(*args, **kwargs))}

    def _get_attr(self, message):
        if "ref_id" in message:
            owner = self._object(message.get("ref_id"))
        else:
            owner = self._runtime.module(self._text(message, "module"))
        return {"value": self.serialize(getattr(owner, self._text(message, "attr")))}

    def _release(self, message):
        ref_id = message.get("ref_id")
        if type(ref_id) is str:
            self._objects.pop(ref_id, None)
        return {}


def _parameter_names(function):
    import inspect  # noqa: PLC0415 - esem metadata only; keeps startup fast

    try:
        return list(inspect.signature(function).parameters)
    except (ValueError, TypeError):
        return []


_THIS_FILE = Runtime.handle_message.__code__.co_filename

# ---------------------------------------------------------------------------
# Module-level host API (Pyodide calls these; main() uses them too)
# ---------------------------------------------------------------------------

_runtime = Runtime()


def attach(send, receive, between=None):
    """Connect the runtime to a host: `send(text)` delivers one message, `receive()` blocks for one."""
    _runtime.attach(send, receive, between=between)


def handle_json(text):
    """Handle one request envelope; return the reply envelope as JSON text."""
    return _runtime.handle_json(text)


def handle_batch(text):
    """Handle envelopes joined by "\n"; return their unsent replies as one message (see Runtime.handle_batch)."""
    return _runtime.handle_batch(text)


def detach():
    """Flush pending output and restore sys.stdout / sys.stderr."""
    _runtime.detach()


# ---------------------------------------------------------------------------
# CPython over stdio
# ---------------------------------------------------------------------------


def _protect_stdio():
    """Keep the protocol on private copies of fds 0/1; user code gets /dev/null and stderr."""
    protocol_in = os.dup(0)
    protocol_out = os.dup(1)
    os.dup2(2, 1)  # C code and subprocesses writing to fd 1 land on stderr
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)  # input() sees end of file instead of eating requests
    os.close(null_fd)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    return protocol_in, protocol_out


#: One os.read takes whatever the pipe holds, up to this much (a pipe's usual capacity).
READ_SIZE = 1 << 16


class _LineReader:
    """The host's lines from a file descriptor, read in big chunks so a burst costs one syscall."""

    def __init__(self, fd):
        self._fd = fd
        self._lines = collections.deque()
        self._partial = bytearray()
        self._eof = False

    def buffered(self):
        """True when a complete line is waiting (so reading it will not block)."""
        return bool(self._lines)

    def readline(self):
        """The next line as text (without its newline), or None at end of input."""
        lines = self._lines
        while not lines:
            if self._eof:
                return None
            chunk = os.read(self._fd, READ_SIZE)
            if not chunk:
                self._eof = True
                if self._partial:  # a last line without a newline still counts
                    lines.append(self._partial)
                    self._partial = bytearray()
                continue
            if b"\n" not in chunk:
                self._partial += chunk  # part of a long line: no split, no copy of the whole
                continue
            *complete, tail = chunk.split(b"\n")
            if self._partial:
                self._partial += complete[0]
                complete[0] = self._partial
            self._partial = bytearray(tail)
            lines.extend(complete)
        return lines.popleft().decode("utf-8", "replace")


class _LineWriter:
    """Collects outgoing lines and writes them with one syscall per flush."""

    def __init__(self, fd):
        self._fd = fd
        self._lines = []

    def send(self, text):
        self._lines.append(text)

    def flush(self):
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        lines.append("")
        data = memoryview("\n".join(lines).encode())  # replies are ASCII: JSON escapes the rest
        while data:
            data = data[os.write(self._fd, data) :]


def _parse_args(argv):
    base_dir = None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--base" and args:
            base_dir = args.pop(0)
        elif arg.startswith("--base="):
            base_dir = arg.split("=", 1)[1]
        else:
            raise SystemExit(f"usage: polyglot_runtime.py [--base DIR] (unexpected {arg!r})")
    return base_dir


def _install_sigint(runtime):
    import signal  # noqa: PLC0415 - the stdio host only

    def on_sigint(signum, frame):
        # Interrupt the running call only; an idle runtime (waiting for a request) ignores it.
        # Disarmed while unwinding so a second SIGINT cannot escape the error reply.
        if runtime.interruptible:
            runtime.interruptible = False
            raise KeyboardInterrupt
        if runtime.calls:
            runtime.interrupt_pending = True  # a message is being written: raise once it is out

    signal.signal(signal.SIGINT, on_sigint)


def main(argv=None):
    """Serve requests over stdio until end of input."""
    base_dir = _parse_args(sys.argv[1:] if argv is None else argv)
    runtime = _runtime
    if base_dir is not None:
        runtime.base_dir = os.path.abspath(base_dir)
    if __name__ == "__main__":
        # User code that runs `exec` into "__main__" must not overwrite the runtime's globals.
        sys.modules["polyglot_runtime"] = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
    in_fd, out_fd = _protect_stdio()
    runtime.esem_output = sys.__stderr__
    reader = _LineReader(in_fd)
    writer = _LineWriter(out_fd)

    runtime.attach(writer.send, reader.readline, writer.flush)
    _install_sigint(runtime)
    version = "%d.%d.%d" % sys.version_info[:3]
    writer.send(_dumps({"type": "ready", "protocol": PROTOCOL_VERSION, "python": version}))
    writer.flush()
    try:
        _serve(runtime, reader, writer)
    except (_HostGone, BrokenPipeError):
        pass
    finally:
        try:
            runtime.detach()
            writer.flush()
        except OSError:
            pass
    return 0


def _serve(runtime, reader, writer):
    """Answer every line already read, then write all their replies (and notices) at once."""
    handle = runtime.handle_json
    send = writer.send
    while True:
        line = reader.readline()
        if line is None:
            return
        reply = handle(line)
        if reply:
            send(reply)
        if not reader.buffered():
            writer.flush()  # the batch is answered: one write before waiting for more


if __name__ == "__main__":
    sys.exit(main())
