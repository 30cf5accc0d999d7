"""Notebook 5's bug hunt is each student's own: the colleague's backward pass is drawn from a public hash of the
student id, the notebook and the grader draw the same version, and bug_report is graded against the graded
student's version (docs/design.md, "The bug hunt")."""

from __future__ import annotations

import os

import pytest

from autograder.checks import InProcessCall, run_checks, seeds
from autograder.grade import with_student
from autograder.hidden import STUDENT_ENV
from autograder.reference import gradient_checking as gcr


def _ids_of_two_versions():
    """Two student ids whose versions differ in the gradient and in the factor."""
    first = "alice"
    want = gcr.bug_for(first)
    other = next(f"s{i}" for i in range(100) if gcr.bug_for(f"s{i}")["gradient"] != want["gradient"]
                 and gcr.bug_for(f"s{i}")["factor"] != want["factor"])
    return first, other


def _grade_report(report, student_id):
    ns = {"bug_report": lambda: dict(report)}
    return run_checks(InProcessCall(ns), seeds.seed_for(student_id or "x", secret="t"), functions=["bug_report"],
                      student_id=student_id)


def test_a_report_is_right_for_its_own_student_only():
    a, b = _ids_of_two_versions()
    right_for_a = gcr.bug_for(a)
    assert all(r.status == "passed" for r in _grade_report(right_for_a, a))
    results = _grade_report(right_for_a, b)
    assert [r.status for r in results] == ["failed", "failed"]
    gradient, factor = results
    assert gradient.misconception == "bug_right_gradient_named" and repr(b) in gradient.output
    assert factor.misconception is None and repr(b) in factor.output  # no cause named for a right gradient's factor
    # the right gradient with the factor upside down is named as such
    inverted = _grade_report({"gradient": gcr.bug_for(b)["gradient"], "factor": 1 / gcr.bug_for(b)["factor"]}, b)
    assert [r.misconception for r in inverted] == [None, "bug_factor_inverted"]
    assert inverted[0].status == "passed"


def test_without_a_student_id_version_0_is_graded():
    assert all(r.status == "passed" for r in _grade_report(gcr.bug_report(), None))
    assert gcr.bug_report() == gcr.bug_for(None)


def test_the_relative_difference_of_the_students_own_version_is_named():
    from autograder.checks import gradient_checking as checks

    student = "bob"
    index = gcr.colleague_index(student)
    results = _grade_report({"gradient": gcr.bug_for(student)["gradient"], "factor": checks._DIFFERENCES[index]},
                            student)
    assert results[1].misconception == "bug_factor_is_difference"


def test_with_student_sets_the_id_the_locked_cells_read_before_every_cell():
    cells = [("setup", "setup_imports", "import numpy as np")]
    assert with_student(cells, None) == cells
    first, *rest = with_student(cells, "o'brien \"x\"")
    assert rest == cells
    ns: dict = {}
    before = os.environ.get(STUDENT_ENV)
    try:
        exec(first[2], ns)
        assert os.environ[STUDENT_ENV] == "o'brien \"x\"" and "_os" not in ns
    finally:
        if before is None:
            os.environ.pop(STUDENT_ENV, None)
        else:
            os.environ[STUDENT_ENV] = before


def test_the_sandbox_grades_each_student_against_their_own_version():
    """The real path: the release notebook with a measured report, and with one student's two numbers, graded in
    the sandbox as two students of different versions."""
    pytest.importorskip("autograder.sandbox")
    import sys
    from pathlib import Path

    import nbformat

    from autograder.extract import extract_notebook, load_source_plan
    from autograder.grade import grade_extracted

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    a, b = _ids_of_two_versions()
    sources = corpus.submission_sources()
    plan = load_source_plan(root / "source" / "backprop" / "05_gradient_checking.ipynb")
    reports = {"measured": corpus.MEASURED_BUG_REPORT,
               "a's numbers": "def bug_report():\n    return %r\n" % (gcr.bug_for(a),)}
    for label, report in reports.items():
        nb = nbformat.read(root / "release" / "backprop" / "05_gradient_checking.ipynb", as_version=4)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.metadata.get("nbgrader", {}).get("solution") and gid in sources:
                cell.source = report if gid == "bug_report" else sources[gid]
        for student in (a, b):
            extracted = extract_notebook(nb, plan, "05_gradient_checking")
            results = grade_extracted(extracted, seeds.seed_for(student, secret="t"), student_id=student)
            report_results = [r for r in results if r.function == "bug_report"]
            others = [r for r in results if r.function != "bug_report"]
            assert all(r.status == "passed" for r in others), (label, student, [r.output for r in others])
            passed = all(r.status == "passed" for r in report_results)
            assert passed == (label == "measured" or student == a), (label, student,
                                                                     [r.output for r in report_results])
