# Python side of the bulk-transfer benchmark: make and consume large payloads.
import random

_floats = {}
_bytes = {}


def make_floats(n):
    # Cached so the benchmark times the transfer, not random().
    if n not in _floats:
        rng = random.Random(1)
        _floats[n] = [rng.random() for _ in range(n)]
    return _floats[n]


def make_bytes(n):
    if n not in _bytes:
        _bytes[n] = bytes(random.Random(2).randbytes(n))
    return _bytes[n]


def size_of(value):
    # Touch the value so a lazy transfer can't cheat; return something tiny.
    return len(value)
