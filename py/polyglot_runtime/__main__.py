"""CPython over stdio: `python3 -m polyglot_runtime [--base DIR]` (py/ on the path).

Started by path instead (`python3 py/polyglot_runtime`, as seed 000's transport starts a
runtime), it imports the package from the folder above and runs the same main().

Serves newline-delimited JSON on private copies of fds 0/1 until end of input;
SIGINT interrupts the running call. `--describe` prints the protocol tables as JSON.
"""

import collections
import os
import sys
import types

if not __package__:  # run as a folder, not with -m: no package to import relatively from
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    from polyglot_runtime.__main__ import main as _main

    sys.exit(_main())

from . import Runtime
from .errors import HostGone
from .protocol import PROTOCOL_VERSION, describe
from .wire import dumps


def _protect_stdio():
    """Keep the protocol on private copies of fds 0/1; user code gets /dev/null and stderr."""
    protocol_in = os.dup(0)
    protocol_out = os.dup(1)
    os.dup2(2, 1)  # C code and subprocesses writing to fd 1 land on stderr
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)  # input() sees end of file instead of eating requests
    os.close(null_fd)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    return protocol_in, protocol_out


#: One os.read takes whatever the pipe holds, up to this much (a pipe's usual capacity).
READ_SIZE = 1 << 16


class _LineReader:
    """The host's lines from a file descriptor, read in big chunks so a burst costs one syscall."""

    def __init__(self, fd):
        self._fd = fd
        self._lines = collections.deque()
        self._partial = bytearray()
        self._eof = False

    def buffered(self):
        """True when a complete line is waiting (so reading it will not block)."""
        return bool(self._lines)

    def readline(self):
        """The next line as text (without its newline), or None at end of input."""
        lines = self._lines
        while not lines:
            if self._eof:
                return None
            chunk = os.read(self._fd, READ_SIZE)
            if not chunk:
                self._eof = True
                if self._partial:  # a last line without a newline still counts
                    lines.append(self._partial)
                    self._partial = bytearray()
                continue
            if b"\n" not in chunk:
                self._partial += chunk  # part of a long line: no split, no copy of the whole
                continue
            *complete, tail = chunk.split(b"\n")
            if self._partial:
                self._partial += complete[0]
                complete[0] = self._partial
            self._partial = bytearray(tail)
            lines.extend(complete)
        return lines.popleft().decode("utf-8", "replace")


class _LineWriter:
    """Collects outgoing lines and writes them with one syscall per flush."""

    def __init__(self, fd):
        self._fd = fd
        self._lines = []

    def send(self, text):
        self._lines.append(text)

    def flush(self):
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        lines.append("")
        data = memoryview("\n".join(lines).encode())  # replies are ASCII: JSON escapes the rest
        while data:
            data = data[os.write(self._fd, data) :]


_USAGE = "usage: python3 -m polyglot_runtime [--base DIR] | --describe"


def _parse_args(argv):
    """(base_dir, describe)."""
    base_dir = None
    args = list(argv)
    if args == ["--describe"]:
        return None, True
    while args:
        arg = args.pop(0)
        if arg == "--base" and args:
            base_dir = args.pop(0)
        elif arg.startswith("--base="):
            base_dir = arg.split("=", 1)[1]
        else:
            raise SystemExit(f"{_USAGE} (unexpected {arg!r})")
    return base_dir, False


#: How often the watchdog checks that the host is still there (seconds).
WATCHDOG_SECONDS = 0.25


def _start_watchdog():
    """End the process when the host that started it is gone, even while user code is busy.

    A host killed outright (SIGKILL, a crash) cannot end its child, which would otherwise
    be re-parented and keep running. Its parent changing is the sign: end of input is
    not, since a host may close stdin and still read the replies to what it sent.
    """
    import threading  # noqa: PLC0415 - already loaded by the runtime; local to keep this self-contained
    import time  # noqa: PLC0415

    parent = os.getppid()

    def watch():
        while True:
            time.sleep(WATCHDOG_SECONDS)
            if os.getppid() != parent:
                os._exit(70)  # nobody is left to read a reply; no cleanup can be owed to anyone

    threading.Thread(target=watch, name="polyglot-watchdog", daemon=True).start()


def _install_sigint(runtime):
    import signal  # noqa: PLC0415 - the stdio host only

    def on_sigint(signum, frame):
        # Interrupt the running call only; an idle runtime (waiting for a request) ignores it.
        # Disarmed while unwinding so a second SIGINT cannot escape the error reply.
        if runtime.interruptible:
            runtime.interruptible = False
            raise KeyboardInterrupt
        if runtime.calls:
            runtime.interrupt_pending = True  # a message is being written: raise once it is out

    signal.signal(signal.SIGINT, on_sigint)


def main(argv=None):
    """Serve requests over stdio until end of input."""
    base_dir, wants_tables = _parse_args(sys.argv[1:] if argv is None else argv)
    if wants_tables:
        sys.stdout.write(dumps(describe()) + "\n")
        return 0
    # esem's clients read user output on stderr.
    runtime = Runtime(esem_output=sys.__stderr__)
    if base_dir is not None:
        runtime.base_dir = os.path.abspath(base_dir)
    # User code that runs `exec` into "__main__" gets a module of its own, not this one.
    sys.modules["__main__"] = types.ModuleType("__main__")
    in_fd, out_fd = _protect_stdio()
    reader = _LineReader(in_fd)
    writer = _LineWriter(out_fd)

    runtime.attach(writer.send, reader.readline, writer.flush)
    _install_sigint(runtime)
    _start_watchdog()
    version = "%d.%d.%d" % sys.version_info[:3]
    writer.send(dumps({"type": "ready", "protocol": PROTOCOL_VERSION, "python": version}))
    writer.flush()
    try:
        _serve(runtime, reader, writer)
    except (HostGone, BrokenPipeError):
        pass
    finally:
        try:
            runtime.detach()
            writer.flush()
        except OSError:
            pass
    return 0


def _serve(runtime, reader, writer):
    """Answer every line already read, then write all their replies (and notices) at once."""
    handle = runtime.handle_json
    send = writer.send
    while True:
        line = reader.readline()
        if line is None:
            return
        reply = handle(line)
        if reply:
            send(reply)
        if not reader.buffered():
            writer.flush()  # the batch is answered: one write before waiting for more


if __name__ == "__main__":
    sys.exit(main())
