"""The runtime's own exceptions, and how any exception becomes an error reply."""

import os
import traceback


class BridgeError(Exception):
    """The request itself is wrong: malformed JSON, unknown op, bad field, unknown ref."""


class TooDeepError(BridgeError):
    """A value nested deeper than protocol.MAX_DEPTH: refused before any codec recursion can overflow."""


class JSError(Exception):
    """A JS function called from Python threw; the text is "Name: message"."""

    def __init__(self, message, js_type="", js_stack=""):
        super().__init__(message)
        self.js_type = js_type
        self.js_stack = js_stack


# Tracebacks name them as the package's own, not as the submodule that defines them.
BridgeError.__module__ = TooDeepError.__module__ = JSError.__module__ = "polyglot_runtime"


class HostGone(BaseException):
    """The host closed the channel while Python waited for a callback reply: stop serving."""


#: Frames from files in this folder are the runtime's own and are left out of tracebacks.
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# Code objects carry the file name as imported (relative when the path entry was): accept both spellings.
_PACKAGE_DIRS = frozenset([PACKAGE_DIR, os.path.dirname(__file__)])


def _is_runtime_frame(tb):
    return os.path.dirname(tb.tb_frame.f_code.co_filename) in _PACKAGE_DIRS


def user_traceback(exc):
    """Python's formatted traceback, without the runtime's own frames at the top."""
    tb = exc.__traceback__
    while tb is not None and _is_runtime_frame(tb):
        tb = tb.tb_next
    if isinstance(exc, BridgeError):
        tb = None
    if isinstance(exc, ImportError) and tb is not None:
        return _import_traceback(exc, tb)
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _is_import_machinery(frame):
    name = frame.filename
    return name.startswith("<frozen importlib") or name == "<polyglot packages>" or name.endswith(("importlib/__init__.py", "importlib\\__init__.py"))


def _import_traceback(exc, tb):
    """An import error without the import system's frames (as CPython shows an `import` statement's),
    nor those of the package finder (src/packages/finder-python.ts): the user's own frames remain."""
    frames = [frame for frame in traceback.extract_tb(tb) if not _is_import_machinery(frame)]
    head = "Traceback (most recent call last):\n" + "".join(traceback.StackSummary.from_list(frames).format()) if frames else ""
    return head + "".join(traceback.format_exception_only(type(exc), exc))


def error_info(exc):
    """The `error` field of an error reply; `mro` lets a host catch by base class name."""
    return {
        "type": type(exc).__name__,
        "message": exception_text(exc),
        "traceback": safe_traceback(exc),
        "mro": [cls.__name__ for cls in type(exc).__mro__],
    }


def exception_text(exc):
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not cost the reply
        return f"<unprintable {type(exc).__name__}>"


def safe_traceback(exc):
    try:
        return user_traceback(exc)
    except Exception:  # noqa: BLE001
        return f"{type(exc).__name__}: {exception_text(exc)}\n"
