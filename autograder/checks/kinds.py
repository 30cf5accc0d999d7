"""Kinds of comparison: how a check judges a call's outcome. Each is a small frozen dataclass with
``verify(trial) -> Failure | None``; a check names one of them as its ``kind``.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable

from autograder.checks.compare import ATOL, RETURN_VALUE, RTOL, Mismatch, _describe, compare, select
from autograder.checks.engine import _ABSENT, Failure, Trial


@dataclass(frozen=True)
class Values:
    """The output (or its part ``key``) equals the reference's on the same inputs, within tolerance.

    On a mismatch the check's misconceptions are tried (``autograder.checks.catalogue``) to name the mistake.
    """

    key: object = None
    label: str | None = None  # what to call the output in messages (default: the check's output)
    rtol: float = RTOL
    atol: float = ATOL
    # a stated leniency: trial -> another whole output that is right too (e.g. the ReLU slope 1 at exactly 0);
    # a value that fits neither is diagnosed against the reference's
    also: Callable[[Trial], object] | None = None
    exact: bool = False  # the form as the notebook states it: no extra dict keys, tuples, numbers (compare)

    def verify(self, trial: Trial) -> Failure | None:
        from autograder.checks import catalogue

        label = self.label or (self.key if isinstance(self.key, str) else RETURN_VALUE)
        got_all = trial.outcome.value
        try:
            got = select(got_all, self.key)
        except (KeyError, IndexError, TypeError):
            got = _ABSENT
        expected = select(trial.expected, self.key)
        if got is _ABSENT:
            mismatch = Mismatch("", "type", got_all, expected,
                                f"its result has no `{label}` (it returned {_describe(got_all)})")
        elif self.exact and self.key is not None and isinstance(trial.expected, tuple) \
                and not isinstance(got_all, tuple):
            got, expected = got_all, trial.expected  # the part is judged with the whole: a list is not a tuple
            mismatch = Mismatch("", "type", got_all, expected,
                                f"expected a tuple, got {_describe(got_all)}: return `a, b`, not `[a, b]`")
        else:
            mismatch = compare(got, expected, self.rtol, self.atol, exact=self.exact)
        if mismatch is None:
            return None
        if got is not _ABSENT and self.also is not None and compare(got, select(self.also(trial), self.key),
                                                                     self.rtol, self.atol, exact=self.exact) is None:
            return None
        if got is _ABSENT:
            return catalogue.explain(trial, label, None, expected, mismatch, self.key)
        if mismatch.keys and mismatch.reason != "key":
            # narrow the diagnosis to the first wrong entry (e.g. `W2` of the returned dict)
            sub = mismatch.keys
            full = (*(self.key if isinstance(self.key, tuple) else () if self.key is None else (self.key,)), *sub)
            return catalogue.explain(trial, label, select(got, sub), select(expected, sub), mismatch, full)
        return catalogue.explain(trial, label, got, expected, mismatch, self.key)


@dataclass(frozen=True)
class Property:
    """A property that many right answers share, judged by ``test(trial) -> Failure | None``."""

    test: Callable[[Trial], Failure | None]

    def verify(self, trial: Trial) -> Failure | None:
        return self.test(trial)


@dataclass(frozen=True)
class Unchanged:
    """The function leaves its arguments as they were (up to ``atol``): nothing is modified in place.

    positions: which positional arguments to look at (default: all).
    """

    positions: tuple[int, ...] | None = None
    atol: float = 1e-10
    misconception: str = "inputs_mutated"

    def verify(self, trial: Trial) -> Failure | None:
        from autograder.checks import catalogue

        positions = self.positions if self.positions is not None else range(len(trial.case.args))
        for i in positions:
            before, after = trial.case.args[i], trial.outcome.args_after[i]
            if compare(after, before, rtol=0.0, atol=self.atol) is not None:
                return catalogue.message_for(trial, self.misconception, trial.check.output,
                                            argument=_argument_name(trial, i))
        return None


def _argument_name(trial: Trial, position: int) -> str:
    """The name of positional argument ``position`` in the reference's signature (e.g. "parameters")."""
    fn = trial.reference[trial.check.reference or trial.check.function]
    names = list(inspect.signature(fn).parameters)
    return names[position] if position < len(names) else f"argument {position + 1}"


