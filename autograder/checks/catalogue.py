"""The catalogue's machinery: what a misconception is, how one is recognised in a wrong value, and what the
student is told. The misconceptions themselves and their twins live beside each topic's checks
(``autograder/checks/<topic>_catalogue.py``) and join the tables here with ``register``.

When a check finds a wrong value, ``explain`` tries the check's misconceptions in order. A misconception
is recognised by

- a *twin*: a wrong formula that a student with this misconception would write, evaluated on the same
  hidden inputs (``TWINS[(function, id)]``); if the student's value equals the twin's, that's the mistake;
- or a *signature*: a relation between the student's value and the expected one that holds whatever the
  function (``got == m * expected``: not averaged; ``got == expected.T``: transposed; ...).

The first that fits gives the one-sentence hint; if none fits, the message says how far the values are.
Property checks (initialisation, mini-batches, training, mutation) name their misconception directly
through ``message_for``. Messages name the function and the output and give shapes, never hidden inputs,
expected arrays or reference code.

Why this module sits in ``autograder/checks/``: diagnosing is the step of a check that runs on a wrong value
(the kinds call ``explain``, the engine ``error_fields`` and ``hint``), and it needs only the engine's types
(``Trial``, ``Failure``, ``StudentError``) and the comparison. So the checks and the topic catalogues import
it, and it imports no topic: the import graph has no circle. The misconceptions that hold for any function
(a missing return, a transpose, a constant factor, ...) are defined here, with the signatures they use;
``autograder.diagnose`` is a facade that re-exports this module and every topic catalogue.
"""

from __future__ import annotations

import copy
import re
import string
import warnings
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from autograder.checks.compare import RETURN_VALUE, Mismatch, allclose, compare, select
from autograder.checks.engine import Failure, StudentError, Trial, copy_args


@dataclass(frozen=True)
class Evidence:
    """A wrong value and where it came from, for the signatures."""

    trial: Trial
    label: str
    got: object
    expected: object
    key: object
    mismatch: Mismatch

    @property
    def m(self):
        return self.trial.case.context.get("m")


def _arrays(ev: Evidence):
    g, e = ev.got, ev.expected
    if isinstance(g, (int, float)) and not isinstance(g, bool):
        g = np.asarray(float(g))
    if isinstance(e, (int, float)) and not isinstance(e, bool):
        e = np.asarray(float(e))
    if isinstance(g, np.ndarray) and isinstance(e, np.ndarray):
        return g.astype(float), e.astype(float)
    return None, None


def _scaled(factor: Callable[[Evidence], float | None]):
    def signature(ev: Evidence) -> bool:
        g, e = _arrays(ev)
        f = factor(ev)
        if g is None or f is None or g.size != e.size:
            return False
        return allclose(g.reshape(e.shape), f * e, rtol=1e-6, atol=1e-9) and not allclose(e, f * e)
    return signature


def _transposed(ev: Evidence) -> bool:
    g, e = _arrays(ev)
    return g is not None and e.ndim == 2 and g.shape == e.T.shape != e.shape and allclose(g, e.T)


def _flattened(ev: Evidence) -> bool:
    """Right values in a 1-D array (or a row) where a column is expected."""
    g, e = _arrays(ev)
    return (g is not None and g.shape != e.shape and g.size == e.size and g.ndim <= 2
            and (g.ndim == 1 or g.shape[0] == 1) and allclose(g.reshape(-1), e.reshape(-1)))


def _nonfinite(ev: Evidence) -> bool:
    return ev.mismatch.reason == "nonfinite"


def _missing_key(ev: Evidence) -> bool:
    return ev.mismatch.reason == "key"


def _returned_none(ev: Evidence) -> bool:
    return ev.trial.outcome.value is None


def _all_zero(ev: Evidence) -> bool:
    """Exactly 0 everywhere where the expected value is not, with more than one example: what `1 // m`
    (integer division, 0 for m > 1) gives to a formula that carries a factor 1 / m."""
    g, e = _arrays(ev)
    return (g is not None and (ev.m or 0) > 1 and g.size == e.size and bool(np.all(g == 0))
            and not allclose(e, np.zeros_like(e)))


def _factor(ev: Evidence) -> float | None:
    """The constant c with got == c * expected exactly (within tolerance), or None."""
    g, e = _arrays(ev)
    if g is None or g.shape != e.shape or g.size < 2 or not np.all(np.isfinite(g)) or not np.any(e != 0):
        return None  # any wrong number is some multiple of the right one: only arrays tell
    c = float(np.sum(g * e) / np.sum(e * e))
    if abs(c - 1) < 1e-6 or abs(c) < 1e-9 or not allclose(g, c * e, rtol=1e-6, atol=1e-12):
        return None
    return c


def _offset(ev: Evidence) -> float | None:
    """The constant c with got == expected + c everywhere, or None."""
    g, e = _arrays(ev)
    if g is None or g.shape != e.shape or g.size < 2 or not np.all(np.isfinite(g)):
        return None
    c = float(np.mean(g - e))
    if abs(c) <= 1e-9 or not allclose(g, e + c, rtol=1e-6, atol=1e-9):
        return None
    return c


def _floored(ev: Evidence) -> bool:
    """got == floor(expected) where the expected values are not whole numbers: a `//` for a `/`."""
    g, e = _arrays(ev)
    # arrays only, and a floor that is not all zeros: a 0 (or any one number) has many other causes
    return (g is not None and g.shape == e.shape and g.size >= 2 and not allclose(e, np.round(e))
            and bool(np.any(np.floor(e) != 0)) and bool(np.array_equal(g, np.floor(e))))


@dataclass(frozen=True)
class Misconception:
    id: str
    message: str  # one sentence the student can act on; {output}, {function}, {m}, {argument}, ... filled in
    signature: Callable[[Evidence], bool] | None = None  # a function-independent test; twins are in TWINS

# The merged tables: every topic catalogue registers into them (``register``), and ``autograder.diagnose`` hands out
# these very dicts, so a module that merges into ``diagnose.CATALOGUE`` / ``diagnose.TWINS`` merges here.
CATALOGUE: dict[str, Misconception] = {}
TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {}
# Twins whose value carries rounding noise (finite differences with a tiny epsilon) match to a looser rtol.
TWIN_RTOL: dict[tuple[str, str], float] = {}
_OWNER: dict[object, str] = {}  # misconception id or twin key -> the module that registered it


def register(owner: str, misconceptions: Iterable[Misconception], twins: dict | None = None,
             rtol: dict | None = None) -> None:
    """Add a topic's misconceptions and twins to ``CATALOGUE`` and ``TWINS``. owner: the module's ``__name__``.
    An id or a (function, id) key that another module registered already is an error: one home per entry."""
    entries = [(m.id, m) for m in misconceptions]
    keys = list((twins or {}).items())
    for name, _ in entries + keys:
        if _OWNER.get(name, owner) != owner:
            raise ValueError(f"{name!r} is registered by {_OWNER[name]} and again by {owner}: define it once")
    for name, value in entries:
        CATALOGUE[name], _OWNER[name] = value, owner
    for name, value in keys:
        TWINS[name], _OWNER[name] = value, owner
    TWIN_RTOL.update(rtol or {})


MISCONCEPTIONS = [
    # generic: any function
    Misconception("missing_return", "it returned None: end the function with a `return` of the result",
                  _returned_none),
    Misconception("inputs_mutated", "it changed its argument `{argument}` in place: work on a copy "
                  "(e.g. `z = z.copy()` or `z - zmax` instead of `z -= zmax`), the caller still needs the original"),
    Misconception("matrix_dimensions", "the shapes in a matrix product do not line up (or `*` stands where `@` "
                  "belongs): with examples as columns "
                  "layer l computes W<l> @ A<l-1> + b<l> with W<l> of shape (n_l, n_(l-1)), and backward "
                  "dW<l> = dZ<l> @ A<l-1>.T, dA<l-1> = W<l>.T @ dZ<l>; check which arrays meet in that product"),
    Misconception("dict_order", "with the keys of `{argument}` in the order W1, b1, W2, b2, ... it is right, so it "
                  "depends on their order, which is any: take each array by its name (`{argument}[\"W1\"]`), "
                  "not by position (`.values()`)"),
    Misconception("layer_past_the_end", "it looked up `{key}`, but the input has layers 1 .. {L} only: the loop "
                  "over the layers runs l = 1 .. L, range(1, L + 1)"),
    Misconception("layer_zero", "it looked up `{key}`: the layers are numbered from 1, l = 1 .. L, "
                  "range(1, L + 1)"),
    Misconception("elementwise_transposed", "arrays of shapes {a} and {b} met in an elementwise operation: one "
                  "is the transpose of the other. Examples are columns, so every array with one entry per "
                  "example has them along axis 1 (Y is (C, m) like A2, a label row is (1, m))"),
    Misconception("elementwise_for_product", "arrays of shapes {a} and {b} met in an elementwise operation, and "
                  "they are the two factors of a matrix product (of shape {c}): `*` multiplies entry by entry, `@` is "
                  "the matrix product"),
    Misconception("transposed", "your {output} is the transpose of the right one: it must have the shape of "
                  "what it belongs to, e.g. dW = dZ @ A_prev.T has the shape of W", _transposed),
    Misconception("sign_flipped", "your {output} has the wrong sign: check the minus signs in the formula",
                  _scaled(lambda ev: -1.0)),
    Misconception("not_averaged", "your {output} is m times too large: divide by the number of examples m "
                  "(the number of columns) to average over the batch", _scaled(lambda ev: ev.m)),
    Misconception("averaged_twice", "your {output} is m times too small: divide by m only once",
                  _scaled(lambda ev: 1 / ev.m if ev.m else None)),
    Misconception("constant_factor", "your {output} is exactly {factor:.4g} times the right value, in every "
                  "entry", lambda ev: _factor(ev) is not None),
    Misconception("constant_offset", "your {output} is the right value plus {offset:+.4g}, in every entry",
                  lambda ev: _offset(ev) is not None),
    Misconception("floor_division", "your {output} is the right value rounded down to a whole number: `//` is "
                  "floor division, use `/`", _floored),
    Misconception("m_multiplied", "your {output} is m² times too large: divide by m instead of multiplying "
                  "by m", _scaled(lambda ev: ev.m**2 if ev.m and ev.m > 1 else None)),
    Misconception("m_from_features", "your {output} is divided by the number of rows of X (the features) "
                  "instead of the number of columns: m = X.shape[1], the number of examples"),
    Misconception("integer_division", "your {output} is exactly 0 everywhere, as a factor `1 // m` makes it "
                  "(integer division: 0 for m > 1); write 1 / m", _all_zero),
    Misconception("import_failed", "an import failed where your work is graded: only numpy (and the "
                  "notebook's own imports) are available to your functions, use them instead"),
    Misconception("name_not_defined", "`{name}` has no value where `{function}` reads it: a function sees its "
                  "arguments, the names it assigns itself and the notebook's top-level definitions, not another "
                  "function's variables; compute `{name}` first or take it from an argument"),
    Misconception("axis_past_the_last", "numpy numbers the axes of a {ndim}-D array from 0 to {last}, so there is no "
                  "axis {axis}: with examples as columns, a sum or mean over the examples is axis=1, over the rows "
                  "axis=0"),
    Misconception("read_before_assigned", "`{function}` reads `{name}` before the line that assigns it (Python "
                  "treats a name assigned anywhere in a function as local to the whole function): compute "
                  "`{name}` before its first use"),
]

register(__name__, MISCONCEPTIONS)

# Exact relations that hold for any function, tried after a check's own misconceptions: they state a fact
# about the wrong value (a constant factor, a constant offset, floor division) and never a cause.
GENERIC = ("floor_division", "constant_factor", "constant_offset")


# ---------------------------------------------------------------------------------------------------
# Explaining a failure.


class _Fields(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def hint(misconception: str, capital: bool = False, **fields) -> str:
    """The catalogue's sentence for ``misconception`` with ``fields`` filled in."""
    template = CATALOGUE[misconception].message
    try:
        text = string.Formatter().vformat(template, (), _Fields(fields))
    except (ValueError, TypeError):  # a format spec on a missing field
        text = template.split("(", 1)[0].strip()
    first = text.split(" ", 1)[0]
    if capital and first.isalpha() and first.islower():  # "the ..." -> "The ...", never "dZ2" -> "DZ2"
        text = text[:1].upper() + text[1:]
    return text





# A running average ``beta * old + (1 - beta) * new`` with one factor or operation slipped: a constant one off
# (1 + beta, 2 - beta, 0 - beta), a quotient for a product, the second term subtracted. Adam's moments and batch
# normalisation's running statistics share them (their twins call ``f(beta, old, new)``).
RUNNING_AVERAGE_SLIPS = (
    lambda b, o, x: b * o + (1 + b) * x, lambda b, o, x: b * o + (2 - b) * x, lambda b, o, x: b * o - b * x,
    lambda b, o, x: b / o + (1 - b) * x, lambda b, o, x: b * o + (1 - b) / x, lambda b, o, x: b * o - (1 - b) * x)


def _run_twin(trial: Trial, twin: Callable):
    """The twin's whole output on the trial's inputs; a twin of a class goes through the check's driver."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if trial.check.driver:
            from autograder.checks.engine import run_driver

            return run_driver(trial.check.driver, {trial.check.function: twin}, trial.case.args, trial.case.kwargs)
        return twin(*copy_args(trial.case.args), **copy_args(trial.case.kwargs))


def _twin_fits(trial: Trial, twin: Callable, key, got, rtol: float = 1e-6) -> bool:
    """The twin reproduces the student's WHOLE output (every returned part, not only the checked one) and
    the checked part is wrong: a twin whose other parts differ from the student's is a different mistake
    (e.g. a right A1 rules out a wrong hidden activation, whatever A2 is)."""
    try:
        wrong = _run_twin(trial, twin)
    except Exception:
        return False
    try:
        return (_same(trial.outcome.value, wrong, rtol)
                and compare(got, select(trial.expected, key)) is not None)
    except Exception:
        return False


_NONFINITE = {"nan": -3.25e250, "posinf": 2.75e250, "neginf": -2.75e250}  # stand-ins no formula here gives


def _finite_stand_ins(value):
    """``value`` with every nan, inf and -inf replaced by a fixed stand-in (arrays inside containers too)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.nan_to_num(value, **_NONFINITE)
    if isinstance(value, float) and not np.isfinite(value):
        return float(np.nan_to_num(value, **_NONFINITE))
    if isinstance(value, dict):
        return {k: _finite_stand_ins(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_finite_stand_ins(v) for v in value)
    return value


def _has_nonfinite(value) -> bool:
    """Is there a nan, inf or -inf anywhere in ``value`` (arrays inside containers too)?"""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "fc" and not np.isfinite(value).all()
    if isinstance(value, float):
        return not np.isfinite(value)
    if isinstance(value, dict):
        return any(_has_nonfinite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nonfinite(v) for v in value)
    return False


def _nonfinite_telling(value) -> bool:
    """Does the output ``value`` hold finite numbers beside its nan and inf? A nan number, or an output of
    nothing but nan, tells no formula from another (any mistake that ends in log(-1) gives it); an output
    whose nan sit among finite entries (one array of a dict all nan, the others finite) tells by where."""
    if isinstance(value, float):
        return bool(np.isfinite(value))
    if isinstance(value, np.ndarray):
        return bool(np.isfinite(value).any()) if value.dtype.kind == "f" else value.size > 0
    if isinstance(value, dict):
        return any(_nonfinite_telling(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_nonfinite_telling(v) for v in value)
    return True


def _same(got, wrong, rtol: float) -> bool:
    """The student's whole output equals the twin's, nan and inf included: an entry that is nan (inf) in the
    student's output must be nan (inf) in the twin's, in the same place, and the rest equal; where nan fills a
    whole array or is the number returned, nothing is told apart and nothing matches; an inf in the twin's value is
    no tolerance for a finite number of the student's there."""
    if _equal(got, wrong, rtol):
        return True
    if not _has_nonfinite(got):
        return False  # a finite output that differs from the twin's differs from its stand-ins too
    return (_nonfinite_telling(got) and _nonfinite_telling(wrong)
            and _equal(_finite_stand_ins(got), _finite_stand_ins(wrong), rtol))


def _equal(got, wrong, rtol: float) -> bool:
    """``compare(got, wrong)``, whose tolerance comes from the expected side and so is infinite at an inf: a nan or
    inf of the twin's where the student's number is finite makes them differ."""
    return compare(got, wrong, rtol=rtol, atol=1e-9) is None and not _covers_finite(got, wrong)


def _covers_finite(got, wrong) -> bool:
    """Is there a nan or inf in ``wrong`` where ``got`` holds a finite number? (the same structure, as compared)"""
    if isinstance(wrong, dict) and isinstance(got, dict):
        return any(_covers_finite(got[k], v) for k, v in wrong.items() if k in got)
    if isinstance(wrong, (list, tuple)) and isinstance(got, (list, tuple)):
        return any(_covers_finite(g, w) for g, w in zip(got, wrong))
    try:
        g, w = np.asarray(got, dtype=float), np.asarray(wrong, dtype=float)
    except (TypeError, ValueError):
        return False
    if g.size != w.size:
        return False
    return bool(np.any(~np.isfinite(w.reshape(-1)) & np.isfinite(g.reshape(-1))))


def twin_gives(trial: Trial, twin: Callable, rtol: float = 1e-6) -> bool:
    """Does ``twin`` on the trial's inputs give exactly the student's whole output? (for property checks)"""
    try:
        wrong = _run_twin(trial, twin)
        return _equal(trial.outcome.value, wrong, rtol)
    except Exception:
        return False


def _degenerate_ratio(ev: Evidence) -> bool:
    """gradient_check's number within 1e-3 of 1: ||g - a|| / (||g|| + ||a||) is about 1 whenever the approximation
    is about 0 or huge, whatever the formula behind it (near 0 the twins' values still differ, and the right-gradients
    check guards its own)."""
    if ev.trial.check.function != "gradient_check":
        return False
    try:
        value = float(np.asarray(ev.got, dtype=float).reshape(-1)[0])
    except (TypeError, ValueError, IndexError):
        return False
    return abs(value - 1) < 1e-3


def fits(misconception: str, ev: Evidence) -> bool:
    """Does ``misconception`` explain the wrong value in ``ev``? (twins first, then the signature)"""
    rtol = TWIN_RTOL.get((ev.trial.check.function, misconception), 1e-6)
    if _degenerate_ratio(ev):
        return False  # a relative difference of about 0 or 1 comes out of many formulas: no twin tells
    for twin in TWINS.get((ev.trial.check.function, misconception), ()):
        if ev.got is not None and _twin_fits(ev.trial, twin, ev.key, ev.got, rtol):
            return True
    signature = CATALOGUE[misconception].signature
    if signature is None:
        return False
    try:
        return bool(signature(ev))
    except Exception:
        return False


def explain(trial: Trial, label: str, got, expected, mismatch: Mismatch, key=None) -> Failure:
    """The feedback for a wrong value: what differs, and the first misconception that explains it."""
    function = trial.check.function
    ev = Evidence(trial, label, got, expected, key, mismatch)
    what = _output_name(label, mismatch)
    shown = "return value" if what == RETURN_VALUE else f"`{what}`"
    suffix = trial.check.name.split(".", 1)[-1]
    case = f" (check `{suffix}`)" if suffix not in ("values", what, label) else ""
    head = f"`{function}`{case} gives a wrong {shown}: {mismatch.detail}"
    for mid in ("missing_return", *trial.check.misconceptions, *GENERIC):
        if fits(mid, ev):
            fields = {"factor": _factor(ev), "offset": _offset(ev)} if mid in GENERIC else {}
            text = hint(mid, output=f"`{what}`" if what != RETURN_VALUE else "result", function=function, m=ev.m,
                        capital=True, **{k: v for k, v in fields.items() if v is not None})
            return Failure(f"{head}. {text}.", mid, head)
    return Failure(f"{head}.", None, head)


def _output_name(label: str, mismatch: Mismatch) -> str:
    names = [k for k in mismatch.keys if isinstance(k, str)]
    return names[-1] if names else label


def message_for(trial: Trial, misconception: str, label: str, **fields) -> Failure:
    """The feedback of a property check that recognised ``misconception`` directly."""
    function = trial.check.function
    text = hint(misconception, output=f"`{label}`", function=function, capital=True, **fields)
    return Failure(f"`{function}` ({label}): {text}.", misconception)


_SHAPE_ERROR = re.compile(r"shapes? .*(not aligned|mismatch)|could not be broadcast|matmul|size \d+ is different",
                          re.IGNORECASE)


_IMPORT_ERROR = re.compile(r"\b(ModuleNotFoundError|ImportError)\b")


_LAYER_KEY = re.compile(r"raised KeyError: '(d?[WbZA])(\d+)'")
_UNDEFINED = re.compile(r"raised NameError: name '(\w+)' is not defined")
_UNBOUND = re.compile(r"raised UnboundLocalError: (?:cannot access )?local variable '(\w+)' (?:where it is not "
                      r"associated|referenced before assignment)")  # Python 3.11's words, and older ones
_AXIS = re.compile(r"raised (?:numpy\.)?(?:exceptions\.)?AxisError: axis (\d+) is out of bounds for array of "
                   r"dimension (\d+)")
_BROADCAST = re.compile(r"could not be broadcast together with shapes \((\d+),(\d+)\) \((\d+),(\d+)\)")


def _course_function(name: str) -> bool:
    """Is ``name`` a function that the course's notebooks define (an exercise, a helper, a locked cell's)?"""
    import sys

    import autograder.reference  # noqa: F401  its modules hold every function the notebooks define

    return any(callable(getattr(module, name, None)) for key, module in list(sys.modules.items())
               if key == "autograder.reference" or key.startswith("autograder.reference."))


def _layers_in(case) -> int | None:
    """L, the number of layers the case's inputs hold: W1 .. WL (or dW1 ..) in a dict argument, or layer_dims."""
    if case is None:
        return None
    for a in case.args:
        if isinstance(a, dict):
            found = [int(k[len(p):]) for k in a for p in ("W", "dW") if k.startswith(p) and k[len(p):].isdigit()]
            if found:
                return max(found) if sorted(found) == list(range(1, max(found) + 1)) else None
    return None


def error_fields(check, err: StudentError, case=None) -> tuple[str | None, dict]:
    """The misconception behind an error raised by the student's code, and the fields of its message. Named only
    where the error and the inputs fix the cause: a failed import; a name read where it has no value (NameError,
    UnboundLocalError); an axis past the last of a 2-D array (AxisError); a layer key one past the inputs' last layer (or
    layer 0); two arrays that are each other's transpose in an elementwise operation; a matrix product whose
    shapes do not fit, where the check looks for that."""
    if _IMPORT_ERROR.search(err.message):
        return "import_failed", {}
    if err.kind != "exception":
        return None, {}
    for pattern, mid in ((_UNDEFINED, "name_not_defined"), (_UNBOUND, "read_before_assigned")):
        name = pattern.search(err.message)
        if name and not _course_function(name.group(1)):
            # the exception says which name had no value, and the fix follows from Python's scoping; a function of
            # the course's (a locked cell's backward_b, another exercise) missing is a cell not run, not scoping
            return mid, {"name": name.group(1)}
    axis = _AXIS.search(err.message)
    if axis and int(axis.group(2)) == 2:  # an axis past the last of a 2-D array: a twin's may say which sum it was
        mid = _error_twin(check, err, case)
        return (mid, {}) if mid else ("axis_past_the_last", {"axis": int(axis.group(1)), "ndim": 2, "last": 1})
    key = _LAYER_KEY.search(err.message)
    L = _layers_in(case)
    if key and L:
        name, l = key.group(1) + key.group(2), int(key.group(2))
        if l == 0:
            return "layer_zero", {"key": name}
        if l == L + 1:
            return "layer_past_the_end", {"key": name, "L": L}
    shapes = _BROADCAST.search(err.message)
    if shapes:
        a, b = tuple(map(int, shapes.group(1, 2))), tuple(map(int, shapes.group(3, 4)))
        if a == b[::-1] and a != b:
            return "elementwise_transposed", {"a": a, "b": b}
        if b == (a[1], 1) and a[0] != a[1] and _looks_for(check, "matrix_dimensions"):
            return "matrix_dimensions", {}  # a product whose axes came out swapped, (m, n) + b of shape (n, 1)
        if a[1] == b[0] and b[1] != 1 and len({*a, *b}) == 3 and _looks_for(check, "matrix_dimensions"):
            # (p, k) and (k, q), none square and q no bias column: the two factors of a matrix product, met entry by
            # entry (a `*` for an `@`)
            return "elementwise_for_product", {"a": a, "b": b, "c": (a[0], b[1])}
        mid = _error_twin(check, err, case)  # another broadcast: only a twin that raises the very same can tell
        return (mid, {}) if mid else (None, {})
    if _SHAPE_ERROR.search(err.message) and _looks_for(check, "matrix_dimensions"):
        return "matrix_dimensions", {}
    mid = _error_twin(check, err, case)
    return (mid, {}) if mid else (None, {})


_EMPTY = re.compile(r"\bsize 0\b|\bfrom 0\b|\(0[,)]|, ?0\)")


def _error_text(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


_WHERE = re.compile(r"\s*\(line \d+ of [^()]*(\([^()]*\))?\)\.?$")  # the worker's " (line N of code cell K (`f`))"


def _error_twin(check, err: StudentError, case) -> str | None:
    """The first of the check's misconceptions with a twin that raises, on the same inputs, the very exception the
    student's code raised: its type and its whole message, which must name a number (a size, a shape, an axis),
    so that a bare "index out of range" tells nothing, and no empty array (a size or a dimension 0: many mistakes
    slice past the end); and the twins of no other misconception raise it too. Checks with a driver are left out."""
    if case is None or check.driver:
        return None
    said = " ".join(err.message.split())
    if not re.search(r"\d", _WHERE.sub("", said.split(" raised ", 1)[-1])):
        return None  # no twin's message (it names a number) can be in it, so no twin need run: a stub's error
    found = []
    for mid in check.misconceptions:
        for twin in TWINS.get((check.function, mid), ()):
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    twin(*copy_args(case.args), **copy_args(case.kwargs))
            except Exception as exc:  # noqa: BLE001  the twin's own error is the evidence
                text = _error_text(exc)[:200]
                if re.search(r"\d", text) and not _EMPTY.search(text) and f"raised {text}" in said:
                    found.append(mid)
                    break
    # twins of two misconceptions that fail alike (a loop that starts one layer high, a cache read one index off)
    # leave the cause open: none is named
    return found[0] if len(found) == 1 else None


def explain_error(check, err: StudentError, case=None) -> str | None:
    """The misconception id of ``error_fields``."""
    return error_fields(check, err, case)[0]


def _looks_for(check, misconception: str) -> bool:
    """Does this check, or another check of the same function, list ``misconception``? Never for a check that
    the inputs are unchanged: its call is not re-run with the keys in layer order (dict_order), so an error there
    that comes from reading the parameters by position would be given a cause it does not have."""
    from autograder.checks.kinds import Unchanged

    if isinstance(check.kind, Unchanged):
        return False
    if misconception in check.misconceptions:
        return True
    from autograder.checks import CHECKS

    return any(misconception in c.misconceptions for c in CHECKS if c.function == check.function)
