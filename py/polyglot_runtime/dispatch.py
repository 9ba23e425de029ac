"""The runtime's core: the host channel, dispatch of requests to ops, batching, interrupts, callbacks."""

import builtins
import sys
import threading
import time

from . import ops, pictures
from .errors import BridgeError, HostGone, JSError, error_info
from .files import Modules
from .host_input import HostInput
from .objects import JSFunctions, ObjectTable
from .output import OutputBuffer, OutputStream
from .wire import ID_TYPES, Codec, dumps, loads, ok_text

#: In handle_batch, replies held longer than this (seconds) are sent before the next envelope starts.
HOLD_SECONDS = 0.002

_MISSING = object()


class Runtime:
    """One Python side of the bridge: object table, codec, ops, callbacks, output.

    Messages that are not ours (no `op`) may belong to another protocol: `add_dialect`
    registers a handler for them (see esem.py); the core knows no dialect by name.
    """

    def __init__(self):
        self.objects = ObjectTable()
        self.js = JSFunctions(self.call_js)
        self.codec = Codec(self.objects, self.js)
        self.modules = Modules()
        self._next_call = 1
        self._waiting = {}  # callback id -> its reply once in (None until then)
        # SIGINT (CPython) raises KeyboardInterrupt only while `interruptible`; one that
        # arrives while a message is being written, during a call, waits in `interrupt_pending`.
        self.interruptible = False
        self.interrupt_pending = False
        self.calls = 0
        self._output = OutputBuffer()
        #: Where buffered user output goes: (kind, text) → sent as a notice unless a dialect replaces it.
        self.output_sink = self._send_notice
        self._lock = threading.RLock()
        self._send = None
        self._receive = None
        self._flush = None
        self._between = None
        #: Replies of the batch being handled that are not sent yet (see handle_batch).
        self._held = None
        self._saved_streams = None
        self._show = None
        self._dialects = []
        self._ops = ops.HANDLERS
        #: builtins.input while attached: asks the host once it said it answers (configure `input`).
        self.input = HostInput(self)

    def add_dialect(self, accepts, handler):
        """Messages without `op` for which `accepts(message)` is true go to `handler(runtime, message)`."""
        self._dialects.append((accepts, handler))

    # -- compatibility with the one-file runtime's attributes ---------------

    @property
    def base_dir(self):
        return self.modules.base_dir

    @base_dir.setter
    def base_dir(self, value):
        self.modules.base_dir = value

    def resolve_path(self, name):
        return self.modules.resolve_path(name)

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
        sys.stdout = OutputStream(self, "stdout")
        sys.stderr = OutputStream(self, "stderr")
        self._show = builtins.show = self._make_show()
        self.input.install()

    def detach(self):
        """Send what is pending and give sys.stdout / sys.stderr, the show builtin and input back."""
        if self._send is not None:
            self.flush_output()
        if self._saved_streams is not None:
            sys.stdout, sys.stderr = self._saved_streams
            self._saved_streams = None
        if self._show is not None and getattr(builtins, "show", None) is self._show:
            del builtins.show
        self._show = None
        self.input.uninstall()
        self._send = self._receive = self._flush = self._between = None

    def _make_show(self):
        runtime = self

        def show(x):
            """Show x as a picture in the output: bytes of a PNG, JPEG, GIF, WebP or SVG image, a
            matplotlib figure, or an object with _repr_png_, _repr_jpeg_, _repr_svg_ or _repr_html_.
            The playground draws it; the CLI prints a one-line description."""
            mime, data = pictures.find_picture(x)
            runtime.display(mime, data)

        return show

    def display(self, mime, data):
        """Send a picture as a "display" notice, after the output written before it.

        Without a host, or while a dialect (esem) takes the output, there is nobody to draw
        it: a one-line placeholder goes where the output goes instead.
        """
        if self._send is None or self.output_sink != self._send_notice:
            line = pictures.placeholder(mime, data)
            if self._send is None:
                sys.stdout.write(line)
            else:
                self.buffer_output("stdout", line)
            return
        self.emit(dumps(pictures.notice(mime, data)))

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
            return handler(self, message)
        finally:
            self.interruptible = saved
            self.calls -= 1
            if not self.calls:
                self.interrupt_pending = False  # the call it was meant for is over

    def _send_pending(self):
        if self._output:
            self._output.flush_to(self.output_sink)
        if self.js.released:
            self._send(dumps({"type": "release_js", "refs": self.js.take_released()}))

    def _send_notice(self, kind, data):
        self._send(dumps({"type": kind, "data": data}))

    def buffer_output(self, kind, text):
        if self._send is None:
            return
        with self._lock:
            if self._output.add(kind, text):
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
        if self._output or self.js.released:
            self.push()

    def _send_pending_quietly(self):
        """Queue pending notices ahead of a reply; the caller flushes once for both."""
        if self._send is None or not (self._output or self.js.released):
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
            message = loads(text)
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
                    except HostGone:
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
            message = loads(text)
            request_id = message.get("id") if type(message) is dict else None
        except Exception:  # noqa: BLE001 - not JSON: the reply cannot name the request
            request_id = None
        return self._error_text(request_id if type(request_id) in ID_TYPES else None, exc)

    def handle_message(self, message):
        if type(message) is dict:
            # The usual request: a known op and a valid id. Anything else takes the checks below.
            op = message.get("op")
            handler = self._ops.get(op) if type(op) is str else None
            request_id = message.get("id")
            if handler is not None and type(request_id) in ID_TYPES:
                try:
                    result = self.run_op(handler, message)
                except HostGone:
                    raise
                except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are replies too
                    error = error_info(exc)
                else:
                    self._send_pending_quietly()
                    return ok_text(request_id, result)
                # Out of the except block: the traceback's objects are freed, so the refs
                # they held (JSFunctions) are released ahead of the reply.
                return self.reply_text({"id": request_id, "ok": False, "error": error})
        return self._check_message(message)

    def _dialect(self, message):
        """The handler of another protocol that claims this message (it has no `op`), if any."""
        for accepts, handler in self._dialects:
            if accepts(message):
                return handler
        return None

    def _check_message(self, message):
        """A message that is not a plain request: another dialect's, a stray reply or a mistake."""
        if type(message) is not dict:
            return self._error_text(None, BridgeError("a message must be a JSON object"))
        op = message.get("op")
        if op is None:
            handler = self._dialect(message)
            if handler is not None:
                return handler(self, message)
            if "ok" in message:
                return ""  # a late reply to an abandoned callback: nothing to answer
        request_id = message.get("id", _MISSING)
        if request_id is _MISSING:
            return self._error_text(None, BridgeError("missing field 'id'"))
        if type(request_id) not in ID_TYPES:
            return self._error_text(None, BridgeError("field 'id' must be a number or a string"))
        # The id is valid, so the op is what handle_message could not find.
        problem = "missing field 'op'" if op is None else f"unknown op {op!r}"
        return self._error_text(request_id, BridgeError(problem))

    def reply_text(self, reply):
        """A reply as JSON text, with pending notices queued ahead of it."""
        self._send_pending_quietly()
        return dumps(reply)

    def _error_text(self, request_id, exc):
        return self.reply_text({"id": request_id, "ok": False, "error": error_info(exc)})

    # -- callbacks -----------------------------------------------------------

    def call_js(self, fn_id, args, kwargs):
        """Call JS function `fn_id` and wait for its reply, serving nested requests meanwhile."""
        if self._send is None:
            raise JSError("no JS host is attached")
        names = list(kwargs)
        # Tuples, so `args` stays an array (a list of floats could travel as __f64__).
        wire_args, wire_values = self.codec.to_wire([tuple(args), tuple(kwargs[name] for name in names)])
        message = {"op": "call_js", "fn": fn_id, "args": wire_args}
        if names:
            message["kwargs"] = dict(zip(names, wire_values))
        return self._callback_result(self.ask_host(message))

    def ask_host(self, message):
        """Send a request of ours (`message` gets its "py-N" id) and return the host's reply as a dict."""
        call_id = f"py-{self._next_call}"
        self._next_call += 1
        self._waiting[call_id] = None
        try:
            self.emit(dumps({"id": call_id, **message}))
            return self._wait_for_reply(call_id)
        finally:
            del self._waiting[call_id]

    def _wait_for_reply(self, call_id):
        """Serve the host's messages until the reply to `call_id` is in."""
        while True:
            reply = self._waiting[call_id]
            if reply is not None:
                return reply
            text = self._receive_message()
            saved = self._quiet()  # a nested request's reply must go out whole
            try:
                self._take_message(text)
            finally:
                self._unquiet(saved)

    def _take_message(self, text):
        """A reply for a waiting callback is filed; anything else is a request, served now."""
        try:
            incoming = loads(text)
        except Exception:  # noqa: BLE001 - handle_json answers it as malformed (or not at all if blank)
            reply = self.handle_json(text)
        else:
            if type(incoming) is dict and self._is_stray_reply(incoming):
                reply_id = incoming.get("id")
                # An outer callback's reply can come first when the host answers out of
                # order; it waits here until the inner call returns. Others are stale.
                if type(reply_id) is str and reply_id in self._waiting:
                    self._waiting[reply_id] = incoming
                return
            reply = self.handle_message(incoming)
        if reply:
            self.emit(reply)

    def _is_stray_reply(self, message):
        """A reply (it has `ok`, no op, and no dialect claims it) rather than a request."""
        return "ok" in message and message.get("op") is None and self._dialect(message) is None

    def _receive_message(self):
        self.push()
        try:
            text = self._receive()
        except HostGone:
            raise
        except Exception as exc:
            raise JSError(str(exc)) from None
        if text is None:
            raise HostGone()
        return text

    def _callback_result(self, reply):
        if reply.get("ok") is True:
            return self.codec.from_wire(reply.get("result"))
        error = reply.get("error")
        if type(error) is not dict:
            raise JSError(f"JS error: {error!r}")
        name = str(error.get("type") or "")
        message = str(error.get("message") or "")
        text = f"{name}: {message}" if name else message
        raise JSError(text, name, str(error.get("traceback") or ""))
