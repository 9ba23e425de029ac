"""The object table (Python objects the host holds refs to) and JS functions seen from Python."""

import weakref

from .errors import BridgeError

_MISSING = object()


class ObjectTable:
    """Python objects handed to the host, by ref id."""

    def __init__(self):
        self.objects = {}
        self._next_ref = 1

    def store(self, value):
        """Put an object in the table under a new id and return its wire ref."""
        ref = self._next_ref
        self._next_ref = ref + 1
        self.objects[ref] = value
        return {"__pyref__": ref, "type": type(value).__name__, "callable": callable(value)}

    def get(self, ref):
        value = self.objects.get(ref, _MISSING) if type(ref) is int else _MISSING
        if value is _MISSING:
            raise BridgeError(f"unknown or released ref {ref!r}")
        return value

    def mark(self):
        """Where the next ref will be; drop_since(mark) undoes the stores after it."""
        return self._next_ref

    def drop_since(self, mark):
        for ref in range(mark, self._next_ref):
            self.objects.pop(ref, None)

    def release(self, refs):
        """Drop these refs (unknown ones are ignored); the number dropped."""
        objects = self.objects
        released = 0
        for ref in refs:
            if type(ref) is int and objects.pop(ref, _MISSING) is not _MISSING:
                released += 1
        return released

    def __len__(self):
        return len(self.objects)


class JSFunction:
    """A JS function handed to Python; calling it calls back into JS synchronously."""

    __slots__ = ("_caller", "_released", "_id", "__weakref__")

    def __init__(self, caller, released, js_id):
        self._caller = caller
        self._released = released
        self._id = js_id

    def __call__(self, *args, **kwargs):
        return self._caller(self._id, args, kwargs)

    def __repr__(self):
        return f"<JSFunction {self._id}>"

    def __del__(self):
        # Never write from a finalizer: queue the id; it is sent before the next message.
        try:
            self._released.append(self._id)
        except Exception:  # noqa: BLE001
            pass


class JSFunctions:
    """One JSFunction per JS id while Python holds it; ids Python dropped wait in `released`."""

    function_type = JSFunction

    def __init__(self, caller):
        self._caller = caller
        self.live = weakref.WeakValueDictionary()
        self.released = []

    def function(self, js_id):
        function = self.live.get(js_id)
        if function is None:
            function = JSFunction(self._caller, self.released, js_id)
            self.live[js_id] = function
            if js_id in self.released:  # the host has not been told yet, so it still holds it
                self.released.remove(js_id)
        return function

    def take_released(self):
        refs = self.released[:]
        del self.released[:]  # in place: live JSFunctions append to this very list
        return refs
