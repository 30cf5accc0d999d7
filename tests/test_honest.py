"""Correct submissions written differently (the contract's "may do differently") earn full marks."""

import numpy as np
import pytest

import corpus
from autograder import course
from autograder.checks import InProcessCall, run_checks, seeds

HONEST = corpus.load_honest()


def test_the_corpus_is_large():
    assert len(HONEST) >= 21  # the baseline and at least 20 variants
    assert "syllabus" in {v.name for v in HONEST}


@pytest.mark.parametrize("name", [v.name for v in HONEST])
def test_honest_variant_earns_full_marks(name):
    variant = next(v for v in HONEST if v.name == name)
    seed = seeds.seed_for(f"honest-{name}", secret="tests")
    results = run_checks(InProcessCall(corpus.submission_namespace(variant)), seed)
    failed = [f"{r.name}: {r.output}" for r in results if r.status != "passed"]
    assert not failed, f"{name} ({variant.changes}) lost points:\n" + "\n".join(failed)
    assert sum(r.score for r in results) == pytest.approx(course.total_points())


def test_submission_sources_rebuild_the_same_submission():
    """The function -> source mapping (for building real notebooks) grades like the corpus namespace."""
    for variant in [HONEST[0], *(v for v in HONEST if v.name in ("syllabus", "helpers", "legacy_batches"))] \
            + corpus.load_mutants()[:3]:
        sources = corpus.submission_sources(variant)
        assert list(sources) == [fn for _, fn, _ in course.exercises()]
        ns = {"np": np}
        for fn in sources:  # course order: notebook by notebook, as the solution cells would run
            exec(sources[fn], ns)
        seed = seeds.seed_for("sources", secret="tests")
        rebuilt = run_checks(InProcessCall(ns), seed)
        original = run_checks(InProcessCall(corpus.submission_namespace(variant)), seed)
        assert [(r.name, r.status) for r in rebuilt] == [(r.name, r.status) for r in original], variant.name
