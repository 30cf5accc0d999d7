"""Plain data across the sandbox boundary: a JSON header plus raw array bytes, never pickle.

A frame is ``MAGIC | u32 header length | header JSON | array bytes``. The header is one tagged
tree: JSON ``null``/``true``/``false``/numbers/strings stand for themselves, and containers are
one-key objects so that nothing is ambiguous:

    {"L": [...]} list     {"T": [...]} tuple     {"D": [[key, value], ...]} dict (str keys)
    {"A": [dtype, shape, offset, nbytes]} numpy array whose bytes are in the frame's body

Both sides use this module (the worker loads it from this file without importing ``autograder``).
``decode`` is written for bytes from an untrusted writer: it checks every node's type, the depth,
the number of nodes, array dtypes (bool/int/float only), shapes against byte counts and the total
size, and raises ``ProtocolError`` (one sentence) on anything else.
"""

from __future__ import annotations

import json
import math
import struct

import numpy as np

MAGIC = b"AGS1"
_HEAD = struct.Struct("<4sI")

MAX_DEPTH = 24
MAX_NODES = 200_000
MAX_STR = 100_000
MAX_HEADER = 8 * 1024 * 1024
MAX_BYTES = 256 * 1024 * 1024
MAX_NDIM = 8
ALLOWED_DTYPES = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8"}


class ProtocolError(ValueError):
    """The other side sent something that is not plain data within the limits."""


# ----------------------------------------------------------------------------- conversion


def to_plain(obj, _depth: int = 0):
    """``obj`` as plain data: numpy scalars become Python numbers, array subclasses base arrays.

    Raises ``TypeError`` naming the first value that is not plain data (object arrays, custom
    classes, functions, ...). Runs on the worker side, so it may call student code.
    """
    if _depth > MAX_DEPTH:
        raise TypeError("the value is nested too deeply")
    if obj is None or type(obj) in (bool, int, float, str):
        return obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.ndarray):
        arr = np.array(obj, copy=True, subok=False)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"an array of dtype {arr.dtype} (only bool, int and float arrays are plain data)")
        if arr.dtype.kind == "f" and arr.dtype.itemsize > 8:
            arr = arr.astype(np.float64)
        return arr
    if type(obj) in (list, tuple):
        out = [to_plain(x, _depth + 1) for x in obj]
        return out if type(obj) is list else tuple(out)
    if type(obj) is dict:
        out = {}
        for k, v in obj.items():
            if type(k) is not str:
                raise TypeError(f"a dict key of type {type(k).__name__} (keys must be str)")
            out[k] = to_plain(v, _depth + 1)
        return out
    if isinstance(obj, (bool, int, float, str)):  # subclasses: keep the value, drop the class
        for base in (bool, int, float, str):
            if isinstance(obj, base):
                return base(obj)
    raise TypeError(f"a value of type {type(obj).__name__}")


# ----------------------------------------------------------------------------- encode


def encode(obj) -> bytes:
    """One frame for plain data ``obj`` (after ``to_plain``); TypeError if it is not plain."""
    blobs: list[bytes] = []
    offset = [0]

    def walk(x, depth):
        if depth > MAX_DEPTH:
            raise TypeError("the value is nested too deeply")
        if x is None or type(x) in (bool, int, str):
            return x
        if type(x) is float:
            return x
        if isinstance(x, np.ndarray):
            arr = x if x.flags.c_contiguous else np.array(x, order="C")  # (ascontiguousarray makes 0-d 1-d)
            dt = arr.dtype.newbyteorder("<") if arr.dtype.byteorder == ">" else arr.dtype
            arr = arr.astype(dt, copy=False)
            data = arr.tobytes()
            node = {"A": [dt.str, list(arr.shape), offset[0], len(data)]}
            blobs.append(data)
            offset[0] += len(data)
            return node
        if type(x) is list:
            return {"L": [walk(v, depth + 1) for v in x]}
        if type(x) is tuple:
            return {"T": [walk(v, depth + 1) for v in x]}
        if type(x) is dict:
            return {"D": [[k, walk(v, depth + 1)] for k, v in x.items()]}
        raise TypeError(f"a value of type {type(x).__name__}")

    header = json.dumps(walk(obj, 0), allow_nan=True, separators=(",", ":")).encode()
    return _HEAD.pack(MAGIC, len(header)) + header + b"".join(blobs)


# ----------------------------------------------------------------------------- decode


def frame_length(prefix: bytes) -> int:
    """The header length announced by the first 8 bytes of a frame (ProtocolError if bad)."""
    magic, n = _HEAD.unpack(prefix[: _HEAD.size])
    if magic != MAGIC or n > MAX_HEADER:
        raise ProtocolError("the answer is not a sandbox frame")
    return n


def decode(data: bytes, max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES):
    """The plain data in frame ``data``, validated; arrays are fresh writable copies. At most
    ``max_nodes`` values (the trusted side's work on one answer is proportional to them)."""
    if len(data) < _HEAD.size:
        raise ProtocolError("the answer is truncated")
    if len(data) > max_bytes + MAX_HEADER:
        raise ProtocolError("the answer is too large")
    n = frame_length(data)
    if len(data) < _HEAD.size + n:
        raise ProtocolError("the answer is truncated")
    try:
        tree = json.loads(data[_HEAD.size : _HEAD.size + n].decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"the answer's header is not valid JSON ({type(exc).__name__})") from None
    body = memoryview(data)[_HEAD.size + n :]
    count = [0]
    total = [0]

    def walk(node, depth):
        count[0] += 1
        if count[0] > max_nodes:
            raise ProtocolError(f"the answer has more than {max_nodes} values")
        if depth > MAX_DEPTH:
            raise ProtocolError("the answer is nested too deeply")
        if node is None or type(node) is bool:
            return node
        if type(node) is int:
            if abs(node) >= 2**63:
                raise ProtocolError("an integer in the answer is out of range")
            return node
        if type(node) is float:
            return node
        if type(node) is str:
            if len(node) > MAX_STR:
                raise ProtocolError("a string in the answer is too long")
            return node
        if type(node) is not dict or len(node) != 1:
            raise ProtocolError("the answer holds a value that is not plain data")
        (tag, val), = node.items()
        if type(val) is not list:
            raise ProtocolError("the answer holds a malformed container")
        if tag == "L":
            return [walk(v, depth + 1) for v in val]
        if tag == "T":
            return tuple(walk(v, depth + 1) for v in val)
        if tag == "D":
            out = {}
            for item in val:
                if type(item) is not list or len(item) != 2 or type(item[0]) is not str or len(item[0]) > MAX_STR:
                    raise ProtocolError("the answer holds a dict with a non-str key")
                out[item[0]] = walk(item[1], depth + 1)
            return out
        if tag == "A":
            return _array(val, body, total, max_bytes)
        raise ProtocolError("the answer holds an unknown kind of value")

    return walk(tree, 0)


def _array(val, body, total, max_bytes):
    if len(val) != 4:
        raise ProtocolError("the answer holds a malformed array")
    dtype, shape, off, nbytes = val
    if type(dtype) is not str or dtype not in ALLOWED_DTYPES:
        raise ProtocolError(f"the answer holds an array of dtype {str(dtype)[:20]!r} (only bool, int, float)")
    if type(shape) is not list or len(shape) > MAX_NDIM or any(type(d) is not int or not 0 <= d < 2**31 for d in shape):
        raise ProtocolError("the answer holds an array with a malformed shape")
    if type(off) is not int or type(nbytes) is not int or off < 0 or nbytes < 0:
        raise ProtocolError("the answer holds a malformed array")
    dt = np.dtype(dtype)
    size = math.prod(shape)
    if size * dt.itemsize != nbytes or off + nbytes > len(body):
        raise ProtocolError("the answer's array bytes do not match its shape")
    total[0] += nbytes
    if total[0] > max_bytes:
        raise ProtocolError("the answer is too large")
    try:
        return np.frombuffer(body[off : off + nbytes], dtype=dt).reshape(shape).copy()
    except (ValueError, MemoryError) as exc:  # numpy's own limits on shapes
        raise ProtocolError(f"the answer holds an array numpy cannot make ({type(exc).__name__})") from None
