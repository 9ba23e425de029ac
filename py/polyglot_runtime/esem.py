"""esem-bridge compatibility: messages with "action" instead of "op", answered in esem's format.

A dialect of the core (see Runtime.add_dialect): the core only routes messages to it; the
package's Runtime() registers it for messages with "action", importing this module on the first.
With an output stream (CPython: stderr), user output goes there once esem speaks.
"""

from .errors import BridgeError, HostGone, user_traceback
from .protocol import MAX_DEPTH

_INF = float("inf")
_MISSING = object()


def _call_action(runtime, work):
    handler, message = work
    return handler(message)


class EsemAdapter:
    """Answers esem-bridge's protocol: typed values, string ref ids, {"type": "result"|"error"}."""

    def __init__(self, runtime, output=None):
        self._runtime = runtime
        self._output = output
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
        if self._output is not None:
            runtime.output_sink = self._write_output  # from now on: esem's clients read output there
        request_id = message.get("id")
        if type(request_id) not in (int, str, float):
            request_id = None
        try:
            action = message.get("action")
            handler = self._actions.get(action) if type(action) is str else None
            if handler is None:
                raise BridgeError(f"Unknown action: {action!r}")
            reply = {"type": "result", "id": request_id, **runtime.run_op(_call_action, (handler, message))}
        except HostGone:
            raise
        except BaseException as exc:  # noqa: BLE001 - every failure is an error reply
            reply = {
                "type": "error",
                "id": request_id,
                "error": str(exc),
                "traceback": user_traceback(exc),
                "error_type": type(exc).__name__,
            }
        return runtime.reply_text(reply)

    def _write_output(self, kind, data):
        self._output.write(data)
        self._output.flush()

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
        module = self._runtime.modules.module(self._text(message, "module"))
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
        module = self._runtime.modules.module(self._text(message, "module"))
        value = getattr(module, self._text(message, "function"))
        args, kwargs = self._arguments(message)
        if not callable(value) and not args and not kwargs:
            return {"result": self.serialize(value)}  # esem's client reads module values this way
        return {"result": self.serialize(value(*args, **kwargs))}

    def _construct(self, message):
        module = self._runtime.modules.module(self._text(message, "module"))
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
            owner = self._runtime.modules.module(self._text(message, "module"))
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
