"""The one engine that runs the hidden checks, and the ``call`` interface it talks to.

A check (``Check``) is data: which student function it calls, how its inputs are made from a random
generator, which kind of comparison judges the outcome (``kinds``: values against the reference,
properties, inputs unchanged), how much it weighs and which misconceptions to look for. ``run_checks(call, student_seed)`` runs them all through ``call``:

- ``InProcessCall(namespace)`` (here) calls functions of a namespace in this process: the notebook's
  ``globals()`` in nbgrader's hidden cells, or a corpus variant in the tests;
- ``autograder.sandbox.SandboxCall`` calls them in an untrusted worker process (the CLI).

Both raise ``StudentError`` when the student's code gives no value, and return a ``CallOutcome`` of plain
data otherwise. Scores are scaled so that the checks of one function add up to its points in
``autograder.course.NOTEBOOKS``.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy as np

from autograder import course
from autograder.checks import seeds
from autograder.checks.compare import RETURN_VALUE

# ---------------------------------------------------------------------------------------------------
# The call interface (shared with autograder.sandbox).


@dataclass
class CallOutcome:
    """What one call of a student function gave, as plain data."""

    value: object  # what the function returned
    args_after: tuple  # the positional arguments as they are after the call (to see mutation)
    kwargs_after: dict = field(default_factory=dict)


class StudentError(Exception):
    """Raised by ``call`` when the student's code could not give a value.

    kind: "missing" | "exception" | "timeout" | "crash" | "memory" | "bad_output" | "setup";
    message: one sentence for the student.
    """

    KINDS = ("missing", "exception", "timeout", "crash", "memory", "bad_output", "setup")

    def __init__(self, kind: str, message: str):
        if kind not in self.KINDS:
            raise ValueError(f"StudentError kind {kind!r} is not one of {self.KINDS}")
        super().__init__(message)
        self.kind = kind
        self.message = message


_MAX_DEPTH = 20
_MAX_ITEMS = 2_000_000  # array entries plus container items, summed over the whole value



def copy_args(value):
    """A deep copy of plain data (arrays, numbers, strings, lists, tuples, dicts of them), several times faster
    than ``copy.deepcopy``, which it falls back to for anything else (object arrays, array subclasses, classes)."""
    kind = type(value)
    if kind is np.ndarray and value.dtype != object:
        return value.copy(order="K")
    if kind in (int, float, bool, str, type(None)) or isinstance(value, np.generic) and kind is not np.object_:
        return value
    if kind is tuple:
        return tuple(copy_args(v) for v in value)
    if kind is list:
        return [copy_args(v) for v in value]
    if kind is dict:
        return {k: copy_args(v) for k, v in value.items()}
    return copy.deepcopy(value)


def to_plain(value, _depth=0, _budget=None):
    """A copy of ``value`` as plain data (see docs/design.md); StudentError("bad_output") otherwise.

    Numpy scalars become Python scalars, arrays must have a bool/int/float dtype, containers are
    list/tuple/dict with str keys. Used by InProcessCall so that both calls give the same kind of value.
    """
    budget = _budget if _budget is not None else [_MAX_ITEMS]
    if _depth > _MAX_DEPTH:
        raise StudentError("bad_output", "the returned value is nested too deeply to be graded")
    if isinstance(value, np.generic):  # before the Python types: np.float64 is a float subclass
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return float(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise StudentError(
                "bad_output", f"the returned array has dtype {value.dtype}; return numbers (a float array)"
            )
        budget[0] -= value.size
        if budget[0] < 0:
            raise StudentError("bad_output", "the returned value is too large to be graded")
        return np.array(value, copy=True)
    if isinstance(value, (list, tuple)):
        budget[0] -= len(value)
        if budget[0] < 0:
            raise StudentError("bad_output", "the returned value is too large to be graded")
        items = [to_plain(v, _depth + 1, budget) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        budget[0] -= len(value)
        if not all(isinstance(k, str) for k in value):
            raise StudentError("bad_output", "the returned dict has keys that are not strings")
        return {k: to_plain(v, _depth + 1, budget) for k, v in value.items()}
    raise StudentError(
        "bad_output",
        f"the returned value is a {type(value).__name__}; return numbers, arrays, lists, tuples or dicts",
    )


_ABSENT = object()


def _missing_message(function: str) -> str:
    try:
        where = f" in {course.notebook_of(function)}"
    except KeyError:
        where = ""
    return (
        f"`{function}` is not defined at the top level of a solution cell{where}: "
        f"define it there with `def {function}(...)` and run the cell"
    )


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_CODE_CACHE: dict = {}


def _provided_code(name: str, fn: Callable):
    """The compiled source of a reference function, as the sandbox would send it (cached: getsource is slow)."""
    code = _CODE_CACHE.get((name, fn))
    if code is None:
        source = textwrap.dedent(inspect.getsource(fn))
        code = _CODE_CACHE[(name, fn)] = compile(source, f"<provided {name}>", "exec")
    return code


def driver_function(name: str) -> Callable:
    """The harness ``name`` of ``autograder.checks.DRIVERS`` (KeyError with the known names otherwise)."""
    from autograder.checks import DRIVERS

    try:
        return DRIVERS[name]
    except KeyError:
        raise KeyError(f"no driver {name!r}; drivers are declared in the DRIVERS lists of autograder.checks") from None


def run_driver(name: str, implementations: Mapping[str, Callable], args: tuple = (), kwargs: dict | None = None):
    """Run driver ``name`` from its source in a fresh namespace where ``implementations`` (name -> class or
    function) stand for the student's code, on copies of ``args``: the trusted side's expected value of a
    driver check (with the reference), or a twin's (with a wrong implementation). Plain data, like a call."""
    ns: dict = {"__name__": "driver", "np": np}
    for fn_name, impl in implementations.items():
        ns[fn_name] = impl
    exec(_provided_code(name, driver_function(name)), ns)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        value = ns[name](*copy_args(tuple(args)), **copy_args(dict(kwargs or {})))
    return to_plain(value)


class InProcessCall:
    """``call`` for a namespace in this process (the notebook's ``globals()``, or a corpus variant).

    ``provide`` names are reference functions executed from their source into the namespace just for
    the call (exactly what the sandbox does), so the student's function finds them by bare name; the
    namespace is restored afterwards. Arguments are deep-copied; printing and warnings are swallowed.
    """

    copies_arguments = True  # run_check need not copy them first

    def __init__(self, namespace: dict, reference: Mapping[str, Callable] | None = None):
        self.namespace = namespace
        self._reference = reference

    @property
    def reference(self) -> Mapping[str, Callable]:
        if self._reference is None:
            from autograder.reference import REFERENCE

            self._reference = REFERENCE
        return self._reference

    def __call__(self, function: str, args: tuple = (), kwargs: dict | None = None,
                 provide: tuple[str, ...] = (), driver: str | None = None) -> CallOutcome:
        ns = self.namespace
        if function in provide:
            raise ValueError(f"a check may not provide the function under test ({function!r})")
        if not callable(ns.get(function)):
            raise StudentError("missing", _missing_message(function))
        args = copy_args(tuple(args))
        kwargs = copy_args(dict(kwargs or {}))
        extra = (driver,) if driver else ()
        saved = {name: ns.get(name, _ABSENT) for name in (*provide, *extra, "np")}
        try:
            ns.setdefault("np", np)
            for name in provide:
                exec(_provided_code(name, self.reference[name]), ns)
            if driver:
                exec(_provided_code(driver, driver_function(driver)), ns)
            fn = ns[driver or function]
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                    warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                value = fn(*args, **kwargs)
        except StudentError:
            raise
        except MemoryError:
            raise StudentError("memory", f"`{function}` ran out of memory") from None
        except RecursionError:
            raise StudentError("exception", f"`{function}` recursed too deeply (RecursionError)") from None
        except Exception as exc:  # the student's own error, reported in one sentence
            raise StudentError("exception", f"`{function}` raised {type(exc).__name__}: {_short(exc)}") from None
        finally:
            for name, old in saved.items():
                if old is _ABSENT:
                    ns.pop(name, None)
                else:
                    ns[name] = old
        return CallOutcome(to_plain(value), to_plain(args), to_plain(kwargs))


# ---------------------------------------------------------------------------------------------------
# Checks as data.


@dataclass(frozen=True)
class Case:
    """The inputs of one check: the call's arguments, and context for the diagnosis (never shown).

    more: further calls of the same function, as ``(args, kwargs)`` pairs, for checks that compare calls
    (the same seed twice, two learning rates); their outcomes are ``Trial.more``.
    """

    args: tuple
    kwargs: dict = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    more: tuple = ()


@dataclass(frozen=True)
class Failure:
    """Why a check failed: one or two sentences for the student, and the misconception id if named."""

    message: str
    misconception: str | None = None
    head: str | None = None  # the message without its hint (what differs), for a diagnosis that replaces the hint


@dataclass
class Trial:
    """One check's call and everything a kind of comparison may look at."""

    check: "Check"
    case: Case
    outcome: CallOutcome
    reference: Mapping[str, Callable]
    more: tuple = ()  # the outcomes of ``case.more``, in order
    student_id: str | None = None  # whose submission this is, when the caller says (``run_checks``)
    student_seed: int | None = None  # that student's seed (notebook 5 draws their bug-hunt code from it)
    _expected: object = field(default=_ABSENT, repr=False)

    def run_reference(self, name: str | None = None, *args, **kwargs):
        """The reference function ``name`` (default: the check's) on copies of ``args`` (default: the case's).
        A check with a driver runs its driver over the reference (``run_driver``)."""
        if not args and not kwargs:
            args, kwargs = self.case.args, self.case.kwargs
        if name is None and self.check.driver:
            target = self.check.reference or self.check.function
            implementations = {self.check.function: self.reference[target],
                               **{p: self.reference[p] for p in self.check.provide}}
            return run_driver(self.check.driver, implementations, args, kwargs)
        fn = self.reference[name or self.check.reference or self.check.function]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*copy_args(args), **copy_args(kwargs))

    @property
    def expected(self):
        """The reference's value on the case's inputs (computed once)."""
        if self._expected is _ABSENT:
            self._expected = to_plain(self.run_reference())
        return self._expected


@dataclass(frozen=True)
class Check:
    """One hidden check of one student function.

    name: "<function>.<what>", unique, e.g. "backward_propagation.dW1"; it seeds the check's inputs.
    function: the student function called. inputs: Generator -> Case. kind: how the outcome is judged
    (an object with ``verify(trial) -> Failure | None``, see the kinds below). weight: relative to the
    other checks of the same function. provide: reference functions executed into the student's
    namespace for the call (the function's dependencies, never the function itself). reference: the
    reference function the expected value comes from (default: ``function``). misconceptions: ids of
    ``autograder.checks.catalogue.CATALOGUE`` to try, in order, when the values are wrong. driver: for a student
    class or a function that takes a function (``Value``, ``numerical_derivative``), the name of a harness
    of ``DRIVERS`` that is called instead, with the case's plain-data arguments: it builds the objects,
    calls the student's code by its bare name and returns plain data (see ``run_driver``).
    """

    name: str
    function: str
    inputs: Callable[[np.random.Generator], Case]
    kind: object
    weight: float = 1.0
    provide: tuple[str, ...] = ()
    reference: str | None = None
    misconceptions: tuple[str, ...] = ()
    driver: str | None = None

    @property
    def notebook(self) -> str:
        return course.notebook_of(self.function)

    @property
    def output(self) -> str:
        """The checked output, for messages: the part of the name after the function."""
        what = self.name.split(".", 1)[1] if "." in self.name else "values"
        return RETURN_VALUE if what == "values" else what


@dataclass(frozen=True)
class CheckResult:
    name: str
    notebook: str
    function: str
    score: float
    max_score: float
    status: str  # "passed" | "failed"
    output: str  # feedback for the student
    misconception: str | None = None


# ---------------------------------------------------------------------------------------------------
# Running checks.


_VALIDATED: set = set()


def _default_checks():
    from autograder.checks import CHECKS, validate

    if not _VALIDATED:
        validate(CHECKS)
        _VALIDATED.add(True)
    return CHECKS


def _weights(checks: Iterable[Check]) -> dict[str, float]:
    total: dict[str, float] = {}
    for c in checks:
        total[c.function] = total.get(c.function, 0.0) + c.weight
    return total


def run_check(check: Check, call, student_seed: int, reference: Mapping[str, Callable],
              max_score: float, student_id: str | None = None) -> CheckResult:
    """Run one check through ``call``; never raises for anything the student's code does. ``student_id``: whose
    code ``call`` runs, for the checks that need the student (notebook 5's bug report, graded against the code of
    ``student_seed``); None: nobody's."""
    from autograder.checks import catalogue

    case = check.inputs(seeds.generator_for(student_seed, check.name))
    via = {"driver": check.driver} if check.driver else {}  # calls without a driver keep the 4-argument form
    retry = True  # a call that gave a value or raised may be called again (dict_order); a timeout or crash not
    # a call that copies its arguments itself (InProcessCall) or only serialises them (SandboxCall) is given
    # the case's own objects; any other gets copies, so that the reference still sees the inputs as drawn
    own = copy_args if not getattr(call, "copies_arguments", False) else (lambda x: x)
    try:
        outcome = call(check.function, own(case.args), own(case.kwargs), check.provide, **via)
        more = tuple(call(check.function, own(args), own(kwargs), check.provide, **via)
                     for args, kwargs in case.more)
    except StudentError as err:
        retry = err.kind == "exception"
        mid, fields = catalogue.error_fields(check, err, case)
        text = err.message.rstrip(".") + "."
        if f"`{check.function}`" not in text:
            text = f"`{check.function}`: {text}"
        head = text
        if mid:
            text += " " + catalogue.hint(mid, output=check.output, function=check.function, capital=True,
                                        **fields) + "."
        failure = Failure(text, mid, head)
    else:
        trial = Trial(check, case, outcome, reference, more, student_id, student_seed)
        try:
            failure = check.kind.verify(trial)
        except StudentError as err:
            failure = Failure(f"`{check.function}` ({check.output}): {err.message}.", None)
        except Exception as exc:  # an output whose structure the comparison could not read
            failure = Failure(
                f"`{check.function}` ({check.output}): the result could not be checked "
                f"({type(exc).__name__}: {_short(exc, 120)}); compare its type and shape with the exercise",
                None,
            )
    if failure is None:
        return CheckResult(check.name, check.notebook, check.function, max_score, max_score, "passed",
                           f"`{check.function}` ({check.output}): passed", None)
    if retry:
        failure = _order_dependence(check, case, call, reference, via, failure)
    return CheckResult(check.name, check.notebook, check.function, 0.0, max_score, "failed",
                       failure.message, failure.misconception)


_ORDER_OF_NAMES = ("W", "b", "dW", "db", "Z", "A", "dZ", "dA")


def _layer_order(d: dict) -> dict:
    """``d`` with its keys in the natural order of the course, layer by layer: W1, b1, W2, b2 (Z1, A1, Z2, A2)."""
    def key(name):
        head = name.rstrip("0123456789")
        tail = name[len(head):]
        rank = _ORDER_OF_NAMES.index(head) if head in _ORDER_OF_NAMES else len(_ORDER_OF_NAMES)
        return (int(tail) if tail else 0, rank, name)
    return {k: d[k] for k in sorted(d, key=key)}


def _order_dependence(check: Check, case: Case, call, reference, via: dict, failure: Failure) -> Failure:
    """A failure that disappears when the same inputs come with their dicts in layer order is named
    ``dict_order``: exact evidence (the student's own code, called again) that the result depends on the order
    of the keys, e.g. parameters read with ``list(parameters.values())``."""
    from autograder.checks import catalogue

    from autograder.checks.kinds import Unchanged

    if case.more or check.driver or isinstance(check.kind, Unchanged) or failure.misconception == "dict_order":
        return failure  # an Unchanged check passes in layer order whatever the values: no evidence there
    positions = [i for i, a in enumerate(case.args)
                 if isinstance(a, dict) and len(a) >= 3 and list(a) != list(_layer_order(a))]
    if not positions:
        return failure
    ordered = Case(tuple(_layer_order(a) if i in positions else a for i, a in enumerate(case.args)),
                   case.kwargs, case.context)
    try:
        outcome = call(check.function, copy_args(ordered.args), copy_args(ordered.kwargs), check.provide,
                       **via)
        if check.kind.verify(Trial(check, ordered, outcome, reference)) is not None:
            return failure
    except Exception:  # noqa: BLE001  an error in layer order too: the order is not the cause
        return failure
    from autograder.checks.kinds import _argument_name

    argument = _argument_name(Trial(check, case, CallOutcome(None, ()), reference), positions[0])
    text = catalogue.hint("dict_order", argument=argument, capital=True)
    return Failure(f"{(failure.head or failure.message).rstrip('.')}. {text}.", "dict_order", failure.head)


def run_checks(call, student_seed: int, functions: Iterable[str] | None = None, *,
               checks: Iterable[Check] | None = None,
               reference: Mapping[str, Callable] | None = None,
               student_id: str | None = None) -> list[CheckResult]:
    """Run the checks (all of ``CHECKS``, or those of ``functions``) through ``call``, in course order.

    call: ``InProcessCall`` or ``SandboxCall``; student_seed: ``seeds.seed_for(student_id)``; student_id: whose
    code it is, when the cells ``call`` ran were set up for that student (``grade.with_student``): notebook 5's
    bug report is graded against the colleague's code of that student's bug-hunt code, drawn from
    ``student_seed`` (None: version 0, as in the tests).
    The max scores of one function's checks add up to its points in ``course.NOTEBOOKS``.
    """
    all_checks = list(checks if checks is not None else _default_checks())
    if reference is None:
        from autograder.reference import REFERENCE

        reference = REFERENCE
    totals = _weights(all_checks)
    wanted = None if functions is None else set(functions)
    if wanted is not None:
        unknown = wanted - {fn for _, fn, _ in course.exercises()}
        if unknown:
            raise KeyError(f"no checks for {sorted(unknown)}; graded functions are listed in autograder.course")
    selected = [check for check in all_checks if wanted is None or check.function in wanted]
    results: list = [None] * len(selected)
    for i in _run_order(selected):
        check = selected[i]
        points = course.NOTEBOOKS[check.notebook][check.function]
        max_score = points * check.weight / totals[check.function]
        results[i] = run_check(check, call, student_seed, reference, max_score, student_id)
    return results


def _run_order(checks: list[Check]) -> list[int]:
    """The order the checks run in (their results keep course order): the checks that provide fewer reference
    functions first, else in course order. A sandbox session that has run a call given a reference function
    may not serve a call not given it (the taint rule, ``sandbox.calls``), so a call given none after one given
    some needs a new session; run this way, most notebooks need one session instead of two or three."""
    return sorted(range(len(checks)), key=lambda i: (checks[i].notebook, len(checks[i].provide), i))


def checks_for(function: str, checks: Iterable[Check] | None = None) -> list[Check]:
    """The checks of one student function, in declaration order."""
    return [c for c in (checks if checks is not None else _default_checks()) if c.function == function]


def __getattr__(name):
    # the kinds and the comparison live in their own modules; keep ``engine.Values`` etc. working
    from autograder.checks import compare, kinds

    for module in (kinds, compare):
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
