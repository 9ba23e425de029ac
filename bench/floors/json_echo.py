# The floor for a stdio call: read one JSON line, call math.sqrt, write one
# JSON line. Nothing a real bridge could skip is left out, nothing more is added.
import json
import math
import sys

stdin = sys.stdin.buffer
stdout = sys.stdout.buffer
stdout.write(b'{"type":"ready"}\n')
stdout.flush()
for line in stdin:
    request = json.loads(line)
    reply = {"id": request["id"], "ok": True, "result": math.sqrt(*request["args"])}
    stdout.write(json.dumps(reply).encode() + b"\n")
    stdout.flush()
