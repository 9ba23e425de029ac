"""Pictures for the host's output: `show(x)` and what the Lisp prelude's show asks for.

`picture_of(x)` finds what x is as a picture, or raises naming what it got:
  - bytes of a PNG, JPEG, GIF, WebP or SVG image, the type sniffed from the content
    (src/pictures/sniff.ts sniffs the same way);
  - an object with `_repr_png_`, `_repr_jpeg_` or `_repr_svg_` (IPython's display protocol:
    PIL images, IPython.display.Image / SVG), tried in that order;
  - a matplotlib figure (it has `savefig` but no `_repr_png_`): saved as PNG;
  - an object with `_repr_html_` (a pandas table): HTML, which the playground shows in a
    sandboxed frame where no script runs.
The runtime's `show` builtin (see Runtime.display) sends the result as a "display" notice.
"""

import base64
import io
import re

from .protocol import PICTURE_TYPES

SVG = "image/svg+xml"
HTML = "text/html"
ACCEPTS = (
    "bytes of a PNG, JPEG, GIF, WebP or SVG image, a matplotlib figure, or an object with "
    "_repr_png_, _repr_jpeg_, _repr_svg_ or _repr_html_ (a PIL image, an IPython.display object, a pandas table)"
)

#: How far into the text an SVG's root element may start.
SVG_SCAN_BYTES = 64 * 1024

_SVG_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff(data):
    """The image type of `data` (bytes), or None when it is none of the five."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if is_svg(data):
        return SVG
    return None


def is_svg(data):
    """Whether the document's first element is <svg> (or <prefix:svg>), after a prolog, doctype or comments."""
    text = data[:SVG_SCAN_BYTES].decode("utf-8", "replace")
    at = 1 if text.startswith("\ufeff") else 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if text.startswith("<?", at):
            at = _after(text, "?>", at)
        elif text.startswith("<!--", at):
            at = _after(text, "-->", at)
        elif text.startswith(("<!DOCTYPE", "<!doctype"), at):
            at = _after_doctype(text, at)
        else:
            break
        if at < 0:
            return False
    return _SVG_ROOT.match(text, at) is not None


def _after(text, end, start):
    found = text.find(end, start)
    return -1 if found < 0 else found + len(end)


def _after_doctype(text, start):
    close, opening = text.find(">", start), text.find("[", start)
    if opening >= 0 and (close < 0 or opening < close):
        subset_end = _after(text, "]", opening)
        return -1 if subset_end < 0 else _after(text, ">", subset_end)
    return -1 if close < 0 else close + 1


def picture_of(x):
    """{"mime": type, "data": bytes} for x; TypeError or ValueError when x is not a picture."""
    mime, data = find_picture(x)
    return {"mime": mime, "data": data}


def find_picture(x):
    """(mime, data) for x, by the rules in the module's docstring."""
    if isinstance(x, (bytes, bytearray, memoryview)):
        data = bytes(x)
        mime = sniff(data)
        if mime is None:
            raise ValueError(
                f"show() got {len(data)} bytes that are not a PNG, JPEG, GIF, WebP or SVG image"
                f" (they start with {data[:8].hex(' ') or 'nothing'})"
            )
        return mime, data
    if isinstance(x, str):
        raise TypeError(f"show() got a str; it takes {ACCEPTS}. For SVG text, pass its bytes: show(text.encode())")
    for method, mime in (("_repr_png_", "image/png"), ("_repr_jpeg_", "image/jpeg"), ("_repr_svg_", SVG)):
        found = _call_repr(x, method)
        if found is not None:
            return mime, _checked(x, method, mime, _repr_bytes(x, method, found, binary=mime != SVG))
    if _is_figure(x):
        buffer = io.BytesIO()
        x.savefig(buffer, format="png", bbox_inches="tight")
        return "image/png", buffer.getvalue()
    found = _call_repr(x, "_repr_html_")
    if found is not None:
        return HTML, _repr_bytes(x, "_repr_html_", found, binary=False)
    raise TypeError(f"show() cannot draw {_what(x)}: it takes {ACCEPTS}")


def _call_repr(x, name):
    """x.name() when x (an instance, not a class) has it; None means "not in this format" (IPython's rule)."""
    if isinstance(x, type):
        return None
    method = getattr(x, name, None)
    if not callable(method):
        return None
    found = method()
    if isinstance(found, tuple) and len(found) == 2:  # (data, metadata), as IPython allows
        found = found[0]
    return found


def _repr_bytes(x, name, found, binary):
    if isinstance(found, (bytes, bytearray, memoryview)):
        return bytes(found)
    if isinstance(found, str):
        # IPython's rule: a str from a binary format's repr is base64 of the bytes.
        return base64.b64decode(found) if binary else found.encode("utf-8")
    raise TypeError(f"{type(x).__name__}.{name}() returned {_what(found)}, not bytes or str")


def _checked(x, name, mime, data):
    """The bytes a repr gave, if they are the image it promised: the type is always read from the content."""
    if sniff(data) != mime:
        raise ValueError(f"{type(x).__name__}.{name}() returned {len(data)} bytes that are not a {mime} image")
    return data


def _is_figure(x):
    """A matplotlib Figure (or anything that saves itself the same way), without importing matplotlib."""
    return not isinstance(x, type) and callable(getattr(x, "savefig", None)) and type(x).__module__.startswith("matplotlib")


def _what(x):
    if x is None:
        return "None"
    name = type(x).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def placeholder(mime, data):
    """The line show() writes where there is no host to show the picture."""
    return f"[picture {mime}, {len(data)} bytes]\n"


def notice(mime, data):
    """The "display" notice for a picture (a plain dict, for wire.dumps)."""
    assert mime in PICTURE_TYPES, mime
    return {"type": "display", "mime": mime, "data": base64.b64encode(data).decode("ascii")}
