"""Every mutant (one real misconception planted in the baseline) loses points, and the feedback names it.

The mutation score (caught / mutants) must be 100%; the diagnosis precision (named right / caught) is
printed and must be at least 90%. "Named right" means: some failing check of the changed function
names the expected misconception, and no failing check of it names one that is not true of the mutant
(its `expect` and `also` ids).
"""

from functools import lru_cache

import pytest

import corpus
from autograder import course
from autograder.checks import InProcessCall, run_checks, seeds

SEED = seeds.seed_for("mutant-corpus", secret="tests")
MUTANTS = corpus.load_mutants()


@lru_cache(maxsize=None)
def graded(name: str):
    variant = next(v for v in MUTANTS if v.name == name)
    return variant, run_checks(InProcessCall(corpus.submission_namespace(variant)), SEED, functions=variant.functions)


def verdict(name: str):
    variant, results = graded(name)
    failed = [r for r in results if r.status == "failed"]
    named = {r.misconception for r in failed} - {None}
    return variant, results, failed, named


def test_the_corpus_is_large_and_covers_every_topic():
    assert len(MUTANTS) >= 40
    from autograder import course, diagnose

    notebooks = {course.notebook_of(fn) for v in MUTANTS for fn in v.functions}
    assert notebooks == set(course.NOTEBOOKS)
    for v in MUTANTS:
        assert v.functions, f"{v.name} defines no graded function"
        assert v.expect in diagnose.CATALOGUE, f"{v.name}: unknown misconception {v.expect!r}"


@pytest.mark.parametrize("name", [v.name for v in MUTANTS])
def test_mutant_loses_points_and_is_named(name):
    variant, results, failed, named = verdict(name)
    score, total = sum(r.score for r in results), sum(r.max_score for r in results)
    assert failed and score < total, f"{name} ({variant.changes}) passed every check of {variant.functions}"
    assert variant.expect in named and named <= variant.allowed, (
        f"{name}: expected the feedback to name {variant.expect!r}, got {sorted(named)}: "
        + " | ".join(r.output for r in failed)
    )


def test_feedback_is_short_and_hides_the_hidden_arrays():
    for v in MUTANTS:
        for r in verdict(v.name)[2]:
            assert r.output.startswith(f"`{r.function}`"), r.output
            assert "\n" not in r.output and len(r.output) < 500, r.output
            assert "array(" not in r.output and "[[" not in r.output, r.output


def test_mutation_score_and_diagnosis_precision(capsys):
    caught = named_right = 0
    for v in MUTANTS:
        _, _, failed, named = verdict(v.name)
        caught += bool(failed)
        named_right += bool(failed) and v.expect in named and named <= v.allowed
    score, precision = caught / len(MUTANTS), named_right / max(caught, 1)
    with capsys.disabled():
        print(f"\nmutation score {caught}/{len(MUTANTS)} = {score:.0%}, "
              f"diagnosis precision {named_right}/{caught} = {precision:.0%}")
    assert score == 1.0
    assert precision >= 0.9


GRADED = [fn for _, fn, _ in course.exercises()]


def _poisoned(name: str, calls: list):
    """A stand-in for the student's ``name`` that records every call and raises (so does its class's use)."""
    def poison(*args, **kwargs):
        calls.append(name)
        raise RuntimeError(f"the student's {name} was used")
    return poison


@pytest.mark.parametrize("function", GRADED)
def test_each_function_is_graded_without_the_students_other_functions(function):
    """A bug costs points in its own function only, whatever the bug: the checks of ``function`` pass with every
    other graded function of the submission replaced by a stand-in that raises, and never call one (a check that
    caught the stand-in's error and went on would still be seen). So a wrong `relu` cannot fail
    `forward_propagation` or `train`: their checks provide reference versions of what they call."""
    namespace, calls = corpus.submission_namespace(), []
    for other in GRADED:
        if other != function:
            namespace[other] = _poisoned(other, calls)
    results = run_checks(InProcessCall(namespace), SEED, functions=[function])
    lost = [f"{r.name}: {r.output}" for r in results if r.status != "passed"]
    assert results and not lost, f"{function} depends on the student's other functions: {lost}"
    assert not calls, f"the checks of {function} called the student's {sorted(set(calls))}"


def _defines_only_graded_functions(variant) -> bool:
    """Does the variant's file define nothing but graded functions (and imports)? Then the test above covers it."""
    import ast

    graded = set(GRADED)
    for node in ast.parse(variant.source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if not (isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in graded):
            return False
    return True


ALSO_DEFINES_OTHER_NAMES = [v.name for v in MUTANTS if not _defines_only_graded_functions(v)]


def test_the_mutants_that_define_other_names_are_few():
    """Nearly every mutant redefines graded functions only (covered by the stand-in test above); the rest are
    graded whole below. The list is not empty, so the test below runs."""
    assert 0 < len(ALSO_DEFINES_OTHER_NAMES) < len(MUTANTS) / 10, ALSO_DEFINES_OTHER_NAMES


@pytest.mark.parametrize("name", ALSO_DEFINES_OTHER_NAMES)
def test_one_bug_costs_points_in_its_own_function_only(name):
    """A mutant that also defines a name other than a graded function (a constant, a helper) leaves every other
    graded function with full marks."""
    variant = next(v for v in MUTANTS if v.name == name)
    others = [fn for _, fn, _ in course.exercises() if fn not in variant.functions]
    results = run_checks(InProcessCall(corpus.submission_namespace(variant)), SEED, functions=others)
    lost = [f"{r.name}: {r.output}" for r in results if r.status != "passed"]
    assert not lost, f"{name} also cost points elsewhere: {lost}"
