"""The hidden checks, declared as data, one module per course topic, run by one engine.

``CHECKS`` lists every check in course order; ``checks_for(function)`` gives those of one function;
``run_checks(call, student_seed, functions=None)`` runs them (see ``engine``). docs/checks.md explains
what the checks test and how to add one.
"""

from autograder.checks import seeds
from autograder.checks.engine import (
    CallOutcome,
    Case,
    Check,
    CheckResult,
    Failure,
    InProcessCall,
    StudentError,
    run_checks,
)
from autograder.checks import engine as _engine

CHECKS: list[Check] = []
for _module in ():
    CHECKS.extend(_module.CHECKS)


def checks_for(function: str) -> list[Check]:
    """The checks of one student function, in declaration order."""
    return _engine.checks_for(function, CHECKS)


__all__ = [
    "CHECKS", "CallOutcome", "Case", "Check", "CheckResult", "Failure", "InProcessCall", "StudentError",
    "checks_for", "run_checks", "seeds",
]
