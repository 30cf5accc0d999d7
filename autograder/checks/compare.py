"""Comparing a student's value with the expected one: plain data, float tolerances, the contract's leniency.

``compare(got, expected)`` walks dicts, lists/tuples, numbers and arrays and returns the first ``Mismatch``
(what differs, where, in one phrase for the student) or None. A number is expected: any number or size-1
array is accepted. An array is expected: any numeric dtype, the exact shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

RETURN_VALUE = "return value"  # the label of a function's whole result in messages
RTOL = 1e-6
ATOL = 1e-9


def _describe(x) -> str:
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    if isinstance(x, dict):
        return "a dict"
    if x is None:
        return "None"
    return f"a {type(x).__name__}"


def _is_number(x) -> bool:
    return isinstance(x, (int, float, bool)) and not isinstance(x, str)


def as_scalar(x):
    """``x`` as a float if it is a number or any array of size 1 (the contract's leniency), else None."""
    if _is_number(x):
        return float(x)
    if isinstance(x, np.ndarray) and x.size == 1:
        return float(x.reshape(-1)[0])
    return None


@dataclass(frozen=True)
class Mismatch:
    """The first difference between a student's value and the expected one."""

    path: str  # e.g. "dW1", "[1]['Z1']", "" for the whole value
    reason: str  # "type" | "shape" | "length" | "key" | "value" | "nonfinite"
    got: object
    expected: object
    detail: str
    keys: tuple = ()  # the dict keys / indices from the compared value down to the mismatch


def max_relative_error(got: np.ndarray, expected: np.ndarray) -> float:
    scale = max(float(np.max(np.abs(expected))) if expected.size else 0.0, ATOL)
    with np.errstate(all="ignore"):
        diff = np.abs(np.asarray(got, dtype=float) - expected)
    diff = np.where(np.isfinite(diff), diff, np.inf)
    with np.errstate(all="ignore"):  # an infinite expected value (a diverging reference) gives inf / inf
        return float(np.max(diff) / scale) if diff.size else 0.0


def allclose(got, expected, rtol=RTOL, atol=ATOL) -> bool:
    """Same shape and |got - expected| <= atol + rtol |expected| everywhere (nan never matches)."""
    try:
        g = np.asarray(got, dtype=float)
        e = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if g.shape != e.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.all(np.abs(g - e) <= atol + rtol * np.abs(e)))


def compare(got, expected, rtol=RTOL, atol=ATOL, path="", keys=(), exact=False) -> Mismatch | None:
    """Recursive comparison of plain data; None when equal within tolerance.

    A scalar expected accepts any number or size-1 array; arrays must have the expected shape and
    may have any numeric dtype (ints and bools compare as floats). With ``exact`` (where the notebook states
    the form exactly): a dict has no keys beyond the expected ones, a tuple is a tuple (not a list), and a
    number is a number or a 0-d array (not an array of size 1).
    """
    def miss(reason, detail, at_path=path, at_keys=keys):
        return Mismatch(at_path, reason, got, expected, detail, at_keys)

    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return miss("type", f"expected a dict, got {_describe(got)}")
        for key in expected:
            sub = f"{path}['{key}']" if path else key
            if key not in got:
                return miss("key", f"the key '{key}' is missing", sub, (*keys, key))
            m = compare(got[key], expected[key], rtol, atol, sub, (*keys, key), exact)
            if m:
                return m
        extra = [k for k in got if k not in expected]
        if exact and extra:
            return miss("extra_key", f"it has the key '{extra[0]}' besides {', '.join(map(str, expected))}: "
                                     "return exactly those keys")
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return miss("type", f"expected a {type(expected).__name__}, got {_describe(got)}")
        if exact and isinstance(expected, tuple) and not isinstance(got, tuple):
            return miss("type", f"expected a tuple, got {_describe(got)}: return `a, b`, not `[a, b]`")
        if len(got) != len(expected):
            return miss("length", f"expected {len(expected)} items, got {len(got)}")
        for i, (g, e) in enumerate(zip(got, expected)):
            m = compare(g, e, rtol, atol, f"{path}[{i}]", (*keys, i), exact)
            if m:
                return m
        return None
    if _is_number(expected) or (isinstance(expected, np.ndarray) and expected.ndim == 0):
        value = as_scalar(got)
        if value is None or (exact and np.ndim(got) != 0):
            return miss("type", f"expected a number, got {_describe(got)}")
        e = float(expected)
        if not math.isfinite(value) and math.isfinite(e):
            return miss("nonfinite", f"got {value} instead of a finite number")
        if not abs(value - e) <= atol + rtol * abs(e):
            rel = abs(value - e) / max(abs(e), atol)
            return miss("value", f"the value is off by a relative error of {rel:.1e}")
        return None
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            if isinstance(got, (list, tuple)) or _is_number(got):
                try:
                    got = np.asarray(got, dtype=float)
                except (TypeError, ValueError):
                    return miss("type", f"expected an array, got {_describe(got)}")
            else:
                return miss("type", f"expected an array, got {_describe(got)}")
        if got.shape != expected.shape:
            return miss("shape", f"expected shape {expected.shape}, got shape {got.shape}")
        g = got.astype(float)
        if not np.all(np.isfinite(g)) and np.all(np.isfinite(expected)):
            bad = int(np.sum(~np.isfinite(g)))
            return miss("nonfinite", f"{bad} of {g.size} entries are nan or inf")
        if not allclose(g, expected, rtol, atol):
            wrong = int(np.sum(~(np.abs(g - expected) <= atol + rtol * np.abs(expected))))
            return miss("value", f"{wrong} of {g.size} entries differ (max relative error "
                                 f"{max_relative_error(g, expected):.1e})")
        return None
    if got != expected:
        return miss("value", "the value differs from the expected one")
    return None


def select(value, key):
    """The part of ``value`` at ``key``: a dict key, a tuple index, or a tuple path of those."""
    if key is None:
        return value
    for k in key if isinstance(key, tuple) else (key,):
        value = value[k]
    return value




FD_EPSILON = 1e-6  # the step of the checks' centered differences
FD_TOLERANCE = 1e-5  # relative difference allowed against them; right gradients give about 1e-9


def centered_differences(J, values: dict, eps: float = FD_EPSILON) -> dict:
    """{name: array}: (J(values with one entry + eps) - J(... - eps)) / 2 eps for every entry of every array of
    ``values`` (a dict of arrays, left unchanged; J is given a dict with that one array copied and nudged)."""
    out = {}
    for name, value in values.items():
        numeric = np.zeros_like(value, dtype=float)
        for idx in np.ndindex(value.shape):
            plus, minus = dict(values), dict(values)
            plus[name], minus[name] = value.copy(), value.copy()
            plus[name][idx] += eps
            minus[name][idx] -= eps
            numeric[idx] = (J(plus) - J(minus)) / (2 * eps)
        out[name] = numeric
    return out


def agrees_with_differences(got, numeric: np.ndarray, tolerance: float = FD_TOLERANCE) -> bool:
    """``got`` is a finite array of ``numeric``'s shape within ``tolerance`` of it (norm-based relative difference)."""
    if not (isinstance(got, np.ndarray) and got.shape == numeric.shape):
        return False
    got = got.astype(float)
    return bool(np.all(np.isfinite(got))) and bool(
        np.linalg.norm(got - numeric) <= tolerance * (np.linalg.norm(got) + np.linalg.norm(numeric)))
