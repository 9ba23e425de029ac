"""The ops a host can send (protocol.py lists them): each takes the runtime and the request.

Requests written to seed 000's protocol use other field names (`path` for the module,
`obj` {"__pyref__": n} and `attr` for the target, `ref` for release); they are accepted
as aliases, and the reply is ours (a superset of the seed's).
"""

import linecache
import os
import sys
import types

from .errors import BridgeError, TooDeepError
from .protocol import MAX_SAFE_INTEGER
from .wire import JSON_SCALARS, dismantle

_MISSING = object()


def field(message, name, kinds, what):
    value = message.get(name, _MISSING)
    if value is _MISSING:
        raise BridgeError(f"{message['op']}: missing field {name!r}")
    if type(value) not in kinds:
        raise BridgeError(f"{message['op']}: field {name!r} must be {what}")
    return value


def target(runtime, message):
    """The object named by `target` and `path` (or the seed's `obj` and `attr`)."""
    subject = message.get("target")
    path = message.get("path")
    if type(subject) is not dict or type(path) is not list:
        if subject is None and "obj" in message:
            return _seed_target(runtime, message)
        field(message, "target", (dict,), "an object {ref} or {module}")  # names the problem
        field(message, "path", (list,), "an array of attribute names")
    if "ref" in subject:
        ref = subject["ref"]
        if type(ref) is not int:
            raise BridgeError(f"{message['op']}: target ref must be an integer")
        value = runtime.objects.get(ref)
    elif "module" in subject and type(subject["module"]) is str:
        value = runtime.modules.module(subject["module"])
    else:
        raise BridgeError(f"{message['op']}: target must be {{ref: int}} or {{module: str}}")
    for name in path:
        if type(name) is not str:
            raise BridgeError(f"{message['op']}: path must hold attribute names (strings)")
        value = getattr(value, name)
    return value


def _seed_target(runtime, message):
    """Seed 000's subject: `obj` {"__pyref__": n}, then `attr` for getattr."""
    subject = message["obj"]
    ref = subject.get("__pyref__") if type(subject) is dict else None
    if type(ref) is not int:
        raise BridgeError(f"{message['op']}: field 'obj' must be a ref {{\"__pyref__\": int}}")
    value = runtime.objects.get(ref)
    if message["op"] == "getattr":
        return getattr(value, field(message, "attr", (str,), "an attribute name"))
    return value


def arguments(runtime, message):
    args = message.get("args")
    if type(args) is not list:
        field(message, "args", (list,), "an array")
    kwargs = message.get("kwargs")
    decode = runtime.codec.from_wire
    if not JSON_SCALARS.issuperset(map(type, args)):  # plain scalars need no decoding
        args = [decode(arg) for arg in args]
    if kwargs is None:
        return args, {}
    if type(kwargs) is not dict:
        raise BridgeError(f"{message['op']}: field 'kwargs' must be an object")
    return args, {name: decode(value) for name, value in kwargs.items()}


def op_ping(runtime, message):
    return "pong"


def op_configure(runtime, message):
    """Each field present is set; a field left out keeps its value."""
    answers_input = message.get("input")
    if answers_input is not None and type(answers_input) is not bool:
        raise BridgeError("configure: field 'input' must be a boolean")
    if "base_dir" in message:
        base_dir = message["base_dir"]
        if base_dir is not None and type(base_dir) is not str:
            raise BridgeError("configure: field 'base_dir' must be a string")
        runtime.modules.base_dir = os.path.abspath(base_dir) if base_dir is not None else None
    if answers_input is not None:
        runtime.input.enabled = answers_input
    return None


def op_import(runtime, message):
    if "module" not in message and type(message.get("path")) is str:
        name = message["path"]  # seed 000 spells it `path`
    else:
        name = field(message, "module", (str,), "a module name or file path")
    return runtime.codec.to_wire(runtime.modules.module(name))


def op_getattr(runtime, message):
    return runtime.codec.to_wire(target(runtime, message))


def op_setattr(runtime, message):
    if "value" not in message:
        raise BridgeError("setattr: missing field 'value'")
    if "target" not in message and "obj" in message:
        owner = _seed_target(runtime, message)
        name = field(message, "attr", (str,), "an attribute name")
    else:
        path = message.get("path")
        if type(path) is not list or not path:
            raise BridgeError("setattr: field 'path' must be a non-empty array of attribute names")
        name = path[-1]
        if type(name) is not str:
            raise BridgeError("setattr: path must hold attribute names (strings)")
        owner = target(runtime, dict(message, path=path[:-1]))
    setattr(owner, name, runtime.codec.from_wire(message["value"]))
    return None


def op_call(runtime, message):
    function = target(runtime, message)
    args, kwargs = arguments(runtime, message)
    result = function(*args, **kwargs)
    kind = type(result)
    if kind is str or kind is int and -MAX_SAFE_INTEGER <= result <= MAX_SAFE_INTEGER:
        return result  # the common case, without the codec
    holder = [result]
    del result  # `holder` is now the only reference this frame keeps (see _send_or_free)
    return _send_or_free(runtime, holder)


def _send_or_free(runtime, holder):
    """holder[0] on the wire; one too deep to send is refused, and freed without deep recursion."""
    try:
        return runtime.codec.to_wire(holder[0])
    except TooDeepError as exc:
        problem = exc.args[0]
    # Out of the except block: the traceback's frames, which held parts of the value, are gone.
    dismantle(holder)
    raise TooDeepError(problem)


def op_repr(runtime, message):
    return repr(target(runtime, message))


def op_str(runtime, message):
    return str(target(runtime, message))


def op_release(runtime, message):
    if "refs" not in message and type(message.get("ref")) is int:
        return runtime.objects.release([message["ref"]])  # seed 000 releases one `ref`
    return runtime.objects.release(field(message, "refs", (list,), "an array of ref ids"))


def op_iter(runtime, message):
    return runtime.objects.store(iter(target(runtime, message)))


def op_next(runtime, message):
    count = field(message, "n", (int,), "a non-negative integer")
    if count < 0:
        raise BridgeError("next: field 'n' must be a non-negative integer")
    iterator = target(runtime, message)
    items = []
    done = False
    for _ in range(count):
        try:
            items.append(next(iterator))
        except StopIteration:
            done = True
            break
    # A tuple is never sent as __f64__: `items` stays an array, as the protocol says.
    holder = [tuple(items)]
    del items
    return {"items": _send_or_free(runtime, holder), "done": done}


def op_exec(runtime, message):
    name = field(message, "module", (str,), "a module name")
    source = field(message, "source", (str,), "Python source text")
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


def op_stats(runtime, message):
    return {"objects": len(runtime.objects), "js_refs": len(runtime.js.live)}


#: Op name → handler; the names are protocol.OPS's (test_protocol checks they agree).
HANDLERS = {
    "ping": op_ping,
    "configure": op_configure,
    "import": op_import,
    "getattr": op_getattr,
    "setattr": op_setattr,
    "call": op_call,
    "repr": op_repr,
    "str": op_str,
    "release": op_release,
    "iter": op_iter,
    "next": op_next,
    "exec": op_exec,
    "stats": op_stats,
}
