"""The hidden checks, declared as data, one module per course topic, run by one engine.

``CHECKS`` lists every check in course order; ``checks_for(function)`` gives those of one function;
``run_checks(call, student_seed, functions=None)`` runs them (see ``engine``). docs/checks.md explains
what the checks test and how to add one.
"""

from autograder.checks import seeds
from autograder.checks.kinds import Property, Unchanged, Values
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
from autograder.checks import activations, batches, chain_rule, gradient_checking, network
from autograder.checks import deep_network
from autograder.checks import softmax_classifier
from autograder.checks import optimizers
from autograder.checks import regularization
from autograder.checks import digits

# Each topic's misconceptions and twins, beside its checks: importing them registers them into the merged tables of
# ``catalogue`` (the machinery, which imports no topic). Modules that register through the ``autograder.diagnose``
# facade instead join when ``validate`` imports it, before the first grading.
from autograder.checks import catalogue  # noqa: F401  (the machinery first)
from autograder.checks import chain_rule_catalogue, activations_catalogue, network_catalogue  # noqa: F401
from autograder.checks import batches_catalogue, gradient_checking_catalogue, deep_network_catalogue  # noqa: F401
from autograder.checks import softmax_classifier_catalogue, optimizers_catalogue  # noqa: F401
from autograder.checks import regularization_catalogue, digits_catalogue  # noqa: F401

_MODULES = (chain_rule, activations, network, batches, gradient_checking, deep_network, softmax_classifier, optimizers,
            regularization, digits)

CHECKS: list[Check] = [check for module in _MODULES for check in module.CHECKS]

# The harnesses of checks that call a student class or a function taking a function (``Check.driver``): each a
# self-contained function (only ``np``, ``math`` imported inside it, and the student's names), declared in the
# ``DRIVERS`` list of its topic's module.
DRIVERS: dict = {fn.__name__: fn for module in _MODULES for fn in getattr(module, "DRIVERS", ())}


def validate(checks: list[Check]) -> None:
    """Raise ValueError on a check table that could not grade (run once before the first grading, and by
    the tests): duplicate names, unknown functions or misconceptions, a provided function under test."""
    from autograder import course, diagnose  # the facade: modules that merge into its tables have joined
    from autograder.reference import REFERENCE

    names = [c.name for c in checks]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"check names must be unique (they seed the inputs): {sorted(dupes)}")
    graded = {fn for _, fn, _ in course.exercises()}
    for c in checks:
        if c.function not in graded:
            raise ValueError(f"check {c.name}: {c.function!r} is not a graded function of autograder.course")
        if not c.name.startswith(c.function + "."):
            raise ValueError(f"check {c.name}: the name must start with '{c.function}.'")
        if c.function in c.provide:
            raise ValueError(f"check {c.name}: a check never provides the function it tests")
        unknown = [m for m in c.misconceptions if m not in diagnose.CATALOGUE]
        if unknown:
            raise ValueError(f"check {c.name}: misconceptions {unknown} are not in autograder.diagnose.CATALOGUE")
        unknown = [p for p in c.provide if p not in REFERENCE]
        if unknown:
            raise ValueError(f"check {c.name}: provides {unknown}, not in autograder.reference.REFERENCE")
        if not c.weight > 0:
            raise ValueError(f"check {c.name}: the weight must be positive")
        if c.driver is not None and (c.driver not in DRIVERS or c.driver in graded):
            raise ValueError(f"check {c.name}: the driver {c.driver!r} is not in DRIVERS (or is a graded name)")
    missing = graded - {c.function for c in checks}
    if missing:
        raise ValueError(f"graded functions without checks: {sorted(missing)}")



def checks_for(function: str) -> list[Check]:
    """The checks of one student function, in declaration order."""
    return _engine.checks_for(function, CHECKS)


__all__ = [
    "CHECKS", "DRIVERS", "CallOutcome", "Case", "Check", "CheckResult", "Failure", "InProcessCall", "Property",
    "StudentError", "Unchanged", "Values",
    "checks_for", "run_checks", "seeds", "validate",
]
