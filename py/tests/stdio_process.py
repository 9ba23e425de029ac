"""The CPython runtime as a subprocess, for the test_stdio_* modules."""

import json
import os
import queue
import subprocess
import sys
import threading

#: The folder that holds the polyglot_runtime package; the subprocess gets it on PYTHONPATH.
PY_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 20


def runtime_env():
    """This process's environment with py/ first on PYTHONPATH, as NodePythonTransport starts it."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PY_DIR, env.get("PYTHONPATH")]))
    return env


class RuntimeProcess:
    """Starts `python3 -u -m polyglot_runtime`, and reads its stdout and stderr on threads."""

    def __init__(self, *args, cwd=None):
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-P", "-m", "polyglot_runtime", *args],
            env=runtime_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self._lines = queue.Queue()
        self._stderr = []
        self._write_lock = threading.Lock()
        self._pumps = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True),
        ]
        for pump in self._pumps:
            pump.start()
        self._next_id = 1

    def _pump_stdout(self):
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _pump_stderr(self):
        for chunk in iter(lambda: self.process.stderr.read1(65536), b""):
            self._stderr.append(chunk)

    def stderr(self):
        return b"".join(self._stderr).decode("utf-8", "replace")

    def finish(self):
        """Close stdin, wait for the exit and for all output; return the exit code."""
        if not self.process.stdin.closed:
            self.process.stdin.close()
        code = self.process.wait(TIMEOUT)
        for pump in self._pumps:
            pump.join(TIMEOUT)
        return code

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()

    # -- raw lines ----------------------------------------------------------------

    def write_line(self, data):
        if isinstance(data, str):
            data = data.encode()
        with self._write_lock:
            self.process.stdin.write(data + b"\n")
            self.process.stdin.flush()

    def read_line(self, timeout=TIMEOUT):
        """The next stdout line as raw bytes (None at end of output)."""
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output within {timeout}s; stderr: {self.stderr()[-2000:]}") from None

    def read_message(self, timeout=TIMEOUT):
        line = self.read_line(timeout)
        if line is None:
            raise AssertionError(f"the runtime closed stdout; stderr: {self.stderr()[-2000:]}")
        if not line.endswith(b"\n"):
            raise AssertionError(f"an unterminated line: {line!r}")
        return json.loads(line)

    def expect_silence(self, wait):
        """Fail if the runtime writes anything to stdout within `wait` seconds."""
        try:
            line = self._lines.get(timeout=wait)
        except queue.Empty:
            return
        raise AssertionError(f"unexpected output {line!r}")

    # -- messages -------------------------------------------------------------------

    def send(self, message):
        self.write_line(json.dumps(message))

    def request(self, op, **fields):
        request_id = self._next_id
        self._next_id += 1
        self.send({"id": request_id, "op": op, **fields})
        return request_id

    def reply_to(self, request_id, notices=None):
        """Read until the reply for request_id; notices seen on the way go to `notices`."""
        while True:
            message = self.read_message()
            if message.get("id") == request_id and "ok" in message:
                return message
            if notices is None or "type" not in message:
                raise AssertionError(f"unexpected message {message!r}")
            notices.append(message)

    def ok(self, op, **fields):
        """Send a request that must succeed; notices on the way are skipped."""
        reply = self.reply_to(self.request(op, **fields), notices=[])
        if not reply["ok"]:
            raise AssertionError(f"{op} failed: {reply['error']}")
        return reply["result"]
