# A diagnostic floor: like json_echo.py, but it reads whatever is waiting on
# the pipe in one os.read, answers every complete line, and writes all the
# replies in one os.write. Shows what batching I/O is worth when calls are
# pipelined (sequential calls are unaffected: each batch is one line).
import json
import math
import os

write = os.write
write(1, b'{"type":"ready"}\n')
pending = b""
while True:
    data = os.read(0, 1 << 16)
    if not data:
        break
    lines = (pending + data).split(b"\n")
    pending = lines.pop()
    replies = []
    for line in lines:
        request = json.loads(line)
        replies.append(json.dumps({"id": request["id"], "ok": True, "result": math.sqrt(*request["args"])}))
    if replies:
        out = ("\n".join(replies) + "\n").encode()
        while out:
            out = out[write(1, out):]
