"""User output: sys.stdout / sys.stderr replacements that feed a buffer the runtime sends as notices."""

import codecs
import io

#: Buffered user output is sent at a newline, or once it grows past this many characters.
OUTPUT_CHUNK = 8192


class OutputBuffer:
    """Writes in order, sent by `flush_to(sink)` as one notice per run of the same stream."""

    def __init__(self):
        self._chunks = []  # [(kind, text)] in write order
        self._size = 0

    def __bool__(self):
        return bool(self._chunks)

    def add(self, kind, text):
        """Buffer a write; True when it is time to send (a newline, or a full chunk)."""
        self._chunks.append((kind, text))
        self._size += len(text)
        return "\n" in text or self._size > OUTPUT_CHUNK

    def flush_to(self, sink):
        chunks, self._chunks, self._size = self._chunks, [], 0
        if not chunks:
            return
        kind, parts = chunks[0][0], []
        for chunk_kind, text in chunks:
            if chunk_kind != kind:
                sink(kind, "".join(parts))
                kind, parts = chunk_kind, []
            parts.append(text)
        sink(kind, "".join(parts))


class OutputStream:
    """sys.stdout / sys.stderr replacement that turns writes into output notices."""

    def __init__(self, runtime, kind):
        self._runtime = runtime
        self._kind = kind
        self.encoding = "utf-8"
        self.errors = "strict"
        self.newlines = None
        self.buffer = BinaryOutput(self)

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


class BinaryOutput:
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
