"""User output becomes stdout/stderr notices, in order, before the reply of the call."""

import sys

from .support import FakeHost, HostTestCase


class OutputTest(HostTestCase):
    def run_source(self, source):
        self.host.sent.clear()
        self.host.exec(self.module, source)
        return [m for m in self.host.sent]

    def test_print_is_a_stdout_notice(self):
        sent = self.run_source("print('hello', 42)")
        self.assertEqual(sent, [{"type": "stdout", "data": "hello 42\n"}])

    def test_stderr_notice(self):
        sent = self.run_source("import sys\nsys.stderr.write('warn\\n')")
        self.assertEqual(sent, [{"type": "stderr", "data": "warn\n"}])

    def test_a_partial_line_is_flushed_before_the_reply(self):
        sent = self.run_source("print('no newline', end='')")
        self.assertEqual(sent, [{"type": "stdout", "data": "no newline"}])

    def test_interleaved_streams_keep_their_order(self):
        sent = self.run_source("import sys\nprint('a', end='')\nsys.stderr.write('b')\nprint('c')\nprint('d', file=sys.stderr)")
        self.assertEqual(
            sent,
            [
                {"type": "stdout", "data": "a"},
                {"type": "stderr", "data": "b"},
                {"type": "stdout", "data": "c\n"},
                {"type": "stderr", "data": "d\n"},
            ],
        )

    def test_lines_stream_while_the_call_runs(self):
        seen_by_js = []
        self.host.functions[1] = lambda host: seen_by_js.append(host.output()) or 0
        self.host.exec(self.module, "def work(f):\n    print('step 1')\n    f()\n    print('step 2')")
        self.host.call(self.module, "work", {"__jsref__": 1})
        self.assertEqual(seen_by_js, ["step 1\n"])
        self.assertEqual(self.host.output(), "step 1\nstep 2\n")

    def test_partial_output_is_flushed_before_a_callback(self):
        order = []
        self.host.functions[1] = lambda host: order.append(host.output()) or 0
        self.host.exec(self.module, "def work(f):\n    print('partial', end='')\n    f()")
        self.host.call(self.module, "work", {"__jsref__": 1})
        self.assertEqual(order, ["partial"])

    def test_large_output_without_newlines_is_chunked(self):
        sent = self.run_source("import sys\nfor _ in range(100):\n    sys.stdout.write('x' * 1000)")
        self.assertGreater(len(sent), 5)
        self.assertEqual("".join(m["data"] for m in sent), "x" * 100_000)

    def test_writer_behaves_like_a_text_stream(self):
        self.host.exec(self.module, "import sys\nresult = [sys.stdout.write('abc'), sys.stdout.isatty(), sys.stdout.writable()]")
        self.assertEqual(self.host.ok("getattr", target={"module": self.module}, path=["result"]), [3, False, True])
        error = self.host.error("exec", module=self.module, source="import sys\nsys.stdout.write(b'x')")
        self.assertEqual(error["type"], "TypeError")

    def test_surrogates_and_unicode_survive(self):
        sent = self.run_source("print('snow \\u2603 \\udc80')")
        self.assertEqual(sent, [{"type": "stdout", "data": "snow \u2603 \udc80\n"}])


class DetachTest(HostTestCase):
    def test_detach_restores_the_streams(self):
        before = sys.stdout
        host = FakeHost()
        self.assertIsNot(sys.stdout, before)
        host.close()
        self.assertIs(sys.stdout, before)


class BinaryOutputTest(HostTestCase):
    def test_stdout_buffer_takes_bytes_and_keeps_split_characters(self):
        self.host.sent.clear()
        source = "import sys\nsys.stdout.buffer.write(b'caf\\xc3')\nsys.stdout.buffer.write(b'\\xa9\\n')"
        self.host.exec(self.module, source)
        self.assertEqual(self.host.output(), "café\n")

    def test_no_file_descriptor(self):
        error = self.host.error("exec", module=self.module, source="import sys\nsys.stdout.fileno()")
        self.assertEqual(error["type"], "UnsupportedOperation")
