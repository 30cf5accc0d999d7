"""The verdicts do not depend on the student: under 20 student seeds the baseline passes everything and
every mutant fails the same checks with the same misconception."""

import pytest

import corpus
from autograder.checks import InProcessCall, run_checks, seeds

STUDENTS = [seeds.seed_for(f"student-{i}", secret="stability") for i in range(20)]


def verdicts(variant, functions=None):
    out = set()
    for seed in STUDENTS:
        results = run_checks(InProcessCall(corpus.submission_namespace(variant)), seed, functions=functions)
        out.add(tuple((r.name, r.status, r.misconception) for r in results))
    return out


def test_baseline_passes_under_every_seed():
    (only,) = verdicts(corpus.baseline())
    assert all(status == "passed" for _, status, _ in only)


@pytest.mark.parametrize("name", [v.name for v in corpus.load_mutants()])
def test_mutant_verdicts_are_the_same_under_every_seed(name):
    variant = next(v for v in corpus.load_mutants() if v.name == name)
    seen = verdicts(variant, functions=variant.functions)
    assert len(seen) == 1, f"{name}: verdicts differ between students: " + " / ".join(
        str([(n, m) for n, s, m in v if s == "failed"]) for v in seen)
