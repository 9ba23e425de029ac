# The JSON-per-element baseline for bulk transfer: a worker in esem-bridge's
# style (its `load`/`call` actions and typed envelope per value), independent
# of our runtime so the baseline is the format's cost, not our code's.
import importlib
import importlib.util
import json
import os
import sys
import traceback


def serialize(value):
    if value is None:
        return {"type": "null", "value": None}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    # esem has no bytes type; send them as it would send a list of ints.
    if isinstance(value, (list, tuple, bytes, bytearray)):
        return {"type": "list", "value": [serialize(item) for item in value]}
    if isinstance(value, dict):
        return {"type": "dict", "value": {str(k): serialize(v) for k, v in value.items()}}
    raise TypeError(f"cannot serialize {type(value).__name__}")


def deserialize(envelope):
    kind = envelope["type"]
    if kind == "list":
        return [deserialize(item) for item in envelope["value"]]
    if kind == "dict":
        return {k: deserialize(v) for k, v in envelope["value"].items()}
    return envelope["value"]


_modules = {}


def load_module(spec):
    if spec not in _modules:
        if spec.startswith(("./", "/")) or spec.endswith(".py"):
            path = os.path.abspath(spec)
            name = os.path.splitext(os.path.basename(path))[0]
            module_spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(spec)
        _modules[spec] = module
    return _modules[spec]


def handle(request):
    if request["action"] == "load":
        module = load_module(request["module"])
        names = [n for n in dir(module) if not n.startswith("_")]
        return {"exports": {n: {"kind": "function" if callable(getattr(module, n)) else "value"} for n in names}}
    if request["action"] == "call":
        fn = getattr(load_module(request["module"]), request["function"])
        args = [deserialize(a) for a in request.get("args", [])]
        kwargs = {k: deserialize(v) for k, v in request.get("kwargs", {}).items()}
        return {"result": serialize(fn(*args, **kwargs))}
    raise ValueError(f"unknown action {request['action']}")


def main():
    out = sys.stdout
    out.write(json.dumps({"type": "ready"}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"type": "result", "id": request["id"], **handle(request)}
        except Exception as error:
            reply = {"type": "error", "id": request["id"], "error": str(error),
                     "traceback": traceback.format_exc(), "error_type": type(error).__name__}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
