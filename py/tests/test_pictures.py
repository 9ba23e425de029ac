"""show(x) and picture_of(x): pictures sniffed from bytes, IPython's _repr_*_ methods, clear refusals."""

import base64

from polyglot_runtime import pictures

from .support import FakeHost, HostTestCase

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3"/></svg>'

CLASSES = r'''
import base64

class Png:
    def __init__(self, data): self.data = data
    def _repr_png_(self): return self.data

class PngAsBase64:
    def __init__(self, data): self.data = data
    def _repr_png_(self): return base64.b64encode(self.data).decode()

class Svg:
    def _repr_svg_(self): return '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'

class Html:
    def _repr_html_(self): return "<table><tr><td>1</td></tr></table><script>document.title='x'</script>"

class NoPngButSvg:
    """IPython's rule: a repr that returns None does not have that format."""
    def _repr_png_(self): return None
    def _repr_svg_(self): return ('<svg xmlns="http://www.w3.org/2000/svg"/>', {"isolated": True})

class Lies:
    def _repr_png_(self): return b"<html>not a png</html>"

class Both:
    def _repr_html_(self): return "<b>html</b>"
    def _repr_png_(self): return PNG

class Plain:
    pass
'''


class SniffTest(HostTestCase):
    def test_each_type_by_its_content(self):
        self.assertEqual(pictures.sniff(PNG_1x1), "image/png")
        self.assertEqual(pictures.sniff(b"\xff\xd8\xff\xe0rest"), "image/jpeg")
        self.assertEqual(pictures.sniff(b"GIF89a...."), "image/gif")
        self.assertEqual(pictures.sniff(b"GIF87a...."), "image/gif")
        self.assertEqual(pictures.sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 "), "image/webp")
        self.assertEqual(pictures.sniff(SVG), "image/svg+xml")

    def test_svg_after_a_prolog_doctype_and_comments(self):
        text = (
            b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- made by hand -->\n'
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x" [<!ENTITY a "b">]>\n<svg:svg xmlns:svg="s"/>'
        )
        self.assertEqual(pictures.sniff(text), "image/svg+xml")

    def test_not_pictures(self):
        for data in (b"", b"<html><svg></svg></html>", b"<svgfoo/>", b"hello", b"RIFF\x00\x00\x00\x00WAVE"):
            self.assertIsNone(pictures.sniff(data), data)


class PictureOfTest(HostTestCase):
    def setUp(self):
        super().setUp()
        self.host.exec(self.module, CLASSES + f"\nPNG = {PNG_1x1!r}\n")

    def picture(self, expression):
        self.host.exec(self.module, f"import polyglot_runtime.pictures as _p\nresult = _p.picture_of({expression})")
        found = self.host.ok("getattr", target={"module": self.module}, path=["result"])
        return found["mime"], base64.b64decode(found["data"]["__bytes__"])

    def failure(self, expression):
        return self.host.error("exec", module=self.module, source=f"import polyglot_runtime.pictures as _p\n_p.picture_of({expression})")

    def test_bytes_sniffed(self):
        self.assertEqual(self.picture("PNG"), ("image/png", PNG_1x1))
        self.assertEqual(self.picture("bytearray(PNG)")[0], "image/png")

    def test_repr_methods(self):
        self.assertEqual(self.picture("Png(PNG)"), ("image/png", PNG_1x1))
        self.assertEqual(self.picture("PngAsBase64(PNG)"), ("image/png", PNG_1x1))
        mime, data = self.picture("Svg()")
        self.assertEqual(mime, "image/svg+xml")
        self.assertIn(b"<circle", data)
        self.assertEqual(self.picture("NoPngButSvg()")[0], "image/svg+xml")

    def test_html_last(self):
        mime, data = self.picture("Html()")
        self.assertEqual(mime, "text/html")
        self.assertIn(b"<script>", data)  # kept as is: the page shows it where no script runs
        self.assertEqual(self.picture("Both()")[0], "image/png")

    def test_refusals_name_what_they_got(self):
        error = self.failure("{'a': 1}")
        self.assertEqual(error["type"], "TypeError")
        self.assertIn("cannot draw a dict", error["message"])
        self.assertIn("_repr_png_", error["message"])
        self.assertIn("cannot draw a Plain", self.failure("Plain()")["message"])
        self.assertIn("cannot draw None", self.failure("None")["message"])
        self.assertIn("cannot draw a type", self.failure("Png")["message"])  # the class, not an instance
        self.assertIn("show(text.encode())", self.failure("'<svg/>'")["message"])
        error = self.failure("b'\\x00\\x01\\x02'")
        self.assertEqual(error["type"], "ValueError")
        self.assertIn("3 bytes that are not a PNG, JPEG, GIF, WebP or SVG image (they start with 00 01 02)", error["message"])
        self.assertIn("Lies._repr_png_() returned 22 bytes that are not a image/png image", self.failure("Lies()")["message"])


class ShowBuiltinTest(HostTestCase):
    # HostTestCase's helper module defines a show() of its own: these run in a module without it.
    def setUp(self):
        super().setUp()
        self.module += "_bare"

    def test_show_is_a_builtin_that_sends_a_display_notice_after_earlier_output(self):
        self.host.sent.clear()
        self.host.exec(self.module, f"print('before')\nshow({PNG_1x1!r})\nprint('after')")
        kinds = [m["type"] for m in self.host.notices()]
        self.assertEqual(kinds, ["stdout", "display", "stdout"])
        display = self.host.notices("display")[0]
        self.assertEqual(display["mime"], "image/png")
        self.assertEqual(base64.b64decode(display["data"]), PNG_1x1)

    def test_show_of_something_else_raises(self):
        error = self.host.error("exec", module=self.module, source="show(42)")
        self.assertEqual(error["type"], "TypeError")
        self.assertIn("cannot draw an int", error["message"])

    def test_a_user_definition_shadows_the_builtin(self):
        self.host.exec(self.module, "def show(x):\n    return 'mine'\nresult = show(1)")
        self.assertEqual(self.host.ok("getattr", target={"module": self.module}, path=["result"]), "mine")

    def test_detach_takes_the_builtin_away(self):
        import builtins

        host = FakeHost()
        self.assertTrue(callable(builtins.show))
        host.close()
        self.assertFalse(hasattr(builtins, "show") and builtins.show is host.runtime._show)

    def test_without_a_host_show_prints_a_placeholder(self):
        import io
        import sys

        runtime = self.host.runtime
        saved_send, saved_stdout = runtime._send, sys.stdout
        runtime._send, sys.stdout = None, io.StringIO()
        try:
            runtime.display("image/png", PNG_1x1)
            written = sys.stdout.getvalue()
        finally:
            runtime._send, sys.stdout = saved_send, saved_stdout
        self.assertEqual(written, f"[picture image/png, {len(PNG_1x1)} bytes]\n")
