# Diagnostic for bulk floats: what a binary fast path could reach. A list of
# floats travels as {"__f64__": base64 of its float64 bytes} inside the same
# newline-JSON envelopes, instead of one JSON number per element.
import array
import base64
import json
import sys

sys.path.insert(0, sys.argv[1])
import bulk_helpers  # noqa: E402

out = sys.stdout
out.write('{"type":"ready"}\n')
out.flush()
for line in sys.stdin:
    request = json.loads(line)
    if request["op"] == "make_floats":
        packed = base64.b64encode(array.array("d", bulk_helpers.make_floats(request["n"])).tobytes()).decode()
        reply = {"id": request["id"], "ok": True, "result": {"__f64__": packed}}
    else:  # size_of a packed list
        floats = array.array("d", base64.b64decode(request["value"]["__f64__"])).tolist()
        reply = {"id": request["id"], "ok": True, "result": bulk_helpers.size_of(floats)}
    out.write(json.dumps(reply) + "\n")
    out.flush()
