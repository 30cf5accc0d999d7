"""Notebook 5's bug hunt is each student's own: the colleague's backward pass is drawn from the student's bug-hunt
code, which only the course secret gives (by way of the student's seed); the notebook and the grader turn a code
into the same version, and bug_report is graded against the version of the graded student's code
(docs/design.md, "The bug hunt")."""

from __future__ import annotations

import os
import re

import pytest

from autograder.checks import InProcessCall, run_checks, seeds
from autograder.grade import with_student
from autograder.hidden import BUG_CODE_ENV, STUDENT_ENV
from autograder.reference import gradient_checking as gcr

SECRET = "t"  # a course secret that is not the development one


def _code(student_id, secret=SECRET):
    return gcr.bug_code(seeds.seed_for(student_id, secret=secret))


def _bug(student_id, secret=SECRET):
    return gcr.bug_for(_code(student_id, secret))


def _ids_of_two_versions():
    """Two student ids whose versions (under SECRET) differ in the gradient and in the factor."""
    first = "alice"
    want = _bug(first)
    other = next(f"s{i}" for i in range(100) if _bug(f"s{i}")["gradient"] != want["gradient"]
                 and _bug(f"s{i}")["factor"] != want["factor"])
    return first, other


def _grade_report(report, student_id):
    ns = {"bug_report": lambda: dict(report)}
    return run_checks(InProcessCall(ns), seeds.seed_for(student_id or "x", secret=SECRET), functions=["bug_report"],
                      student_id=student_id)


def _locked_cell() -> dict:
    """The namespace of notebook 5's locked cell, run from the source notebook as a student runs it."""
    from pathlib import Path

    import nbformat
    import numpy as np

    nb = nbformat.read(Path(__file__).resolve().parents[1] / "source" / "backprop" / "05_gradient_checking.ipynb",
                       as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "provided_backward")
    ns = {"np": np}
    exec(cell.source, ns)
    return ns


def test_a_report_is_right_for_its_own_student_only():
    a, b = _ids_of_two_versions()
    right_for_a = _bug(a)
    assert all(r.status == "passed" for r in _grade_report(right_for_a, a))
    results = _grade_report(right_for_a, b)
    assert [r.status for r in results] == ["failed", "failed"]
    gradient, factor = results
    assert gradient.misconception == "bug_right_gradient_named"
    assert factor.misconception is None  # no cause named for a right gradient's factor
    for r in results:  # the graded id and the code it expected, so a student who hunted another code sees why
        assert repr(b) in r.output and _code(b) in r.output and _code(a) not in r.output
    # the right gradient with the factor upside down is named as such
    inverted = _grade_report({"gradient": _bug(b)["gradient"], "factor": 1 / _bug(b)["factor"]}, b)
    assert [r.misconception for r in inverted] == [None, "bug_factor_inverted"]
    assert inverted[0].status == "passed"


def test_without_a_student_id_version_0_is_graded():
    assert all(r.status == "passed" for r in _grade_report(gcr.bug_report(), None))
    assert gcr.bug_report() == gcr.bug_for(None)


def test_the_relative_difference_of_the_students_own_version_is_named():
    from autograder.checks import gradient_checking as checks

    student = "bob"
    index = gcr.colleague_index(_code(student))
    results = _grade_report({"gradient": _bug(student)["gradient"], "factor": checks._DIFFERENCES[index]}, student)
    assert results[1].misconception == "bug_factor_is_difference"


def test_codes_come_from_the_secret_and_a_different_secret_hands_out_other_versions():
    ids = [f"s{i}" for i in range(40)]
    assert all(re.fullmatch(r"[A-Z2-7]{5}-[A-Z2-7]{5}", _code(i)) for i in ids)
    assert len({_code(i) for i in ids}) == len(ids)
    assert all(_code(i, "t") != _code(i, "u") for i in ids)
    versions = {secret: [gcr.colleague_index(_code(i, secret)) for i in ids] for secret in ("t", "u")}
    assert versions["t"] != versions["u"] and len(set(versions["t"])) == 8
    assert sum(x != y for x, y in zip(versions["t"], versions["u"])) >= len(ids) // 2


def test_the_notebook_turns_a_code_into_the_graders_version():
    """The locked cell's code -> version agrees with the grader's for many codes, its development code is the
    grader's code of the development secret, and a mistyped code is refused by both."""
    ns = _locked_cell()
    for seed in range(64):
        code = gcr.bug_code(seed)
        assert ns["colleague_backward"](code)[1] == gcr.COLLEAGUE_VERSIONS[gcr.colleague_index(code)][0]
        assert ns["colleague_backward"](code.lower().replace("-", " "))[1] == ns["colleague_backward"](code)[1]
    for student in ("alice", "bob", "o'brien", "answer_key"):
        assert ns["development_code"](student) == _code(student, seeds.DEV_SECRET)
    code = gcr.bug_code(7)
    typo = code[:2] + ("A" if code[2] != "A" else "B") + code[3:]
    for bad in (typo, code[:-1], code + "A", code.replace(code[0], "0")):
        with pytest.raises(ValueError):
            gcr.normalised_code(bad)
        with pytest.raises(ValueError, match="not a bug-hunt code"):
            ns["colleague_backward"](bad)


def test_the_locked_cell_takes_the_code_from_the_environment_else_the_development_code(monkeypatch):
    monkeypatch.setenv(STUDENT_ENV, "alice")
    monkeypatch.setenv(BUG_CODE_ENV, _code("bob"))
    ns = _locked_cell()
    assert ns["BUG_CODE"] == _code("bob") and ns["STUDENT_ID"] == "alice"
    assert ns["BACKWARD_B_SOURCE"] == gcr.COLLEAGUE_VERSIONS[gcr.colleague_index(_code("bob"))][0]
    monkeypatch.delenv(BUG_CODE_ENV)
    ns = _locked_cell()
    assert ns["BUG_CODE"] == _code("alice", seeds.DEV_SECRET)


def test_with_student_sets_the_id_and_the_code_the_locked_cells_read_before_every_cell():
    cells = [("setup", "setup_imports", "import numpy as np")]
    assert with_student(cells, None) == cells
    seed = seeds.seed_for("o'brien \"x\"", secret=SECRET)
    first, *rest = with_student(cells, "o'brien \"x\"", seed)
    assert rest == cells
    ns: dict = {}
    before = {name: os.environ.get(name) for name in (STUDENT_ENV, BUG_CODE_ENV)}
    try:
        exec(first[2], ns)
        assert os.environ[STUDENT_ENV] == "o'brien \"x\"" and "_os" not in ns
        assert os.environ[BUG_CODE_ENV] == gcr.bug_code(seed)
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_bug_codes_command_prints_each_students_code(tmp_path, monkeypatch, capsys):
    from autograder import cli

    roster = tmp_path / "roster.txt"
    roster.write_text("# week 1\ncarol\n\n  dave  \nalice\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(seeds.SECRET_ENV, SECRET)
    assert cli.main(["bug-codes", "alice", "bob", "--roster", str(roster)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{s}\t{_code(s)}" for s in ("alice", "bob", "carol", "dave")]
    assert "development secret" not in err
    assert cli.main(["bug-codes", "alice", "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["student_id,bug_code", f"alice,{_code('alice')}"]
    monkeypatch.delenv(seeds.SECRET_ENV)  # no secret in tmp_path or its parents: the development secret, said so
    assert cli.main(["bug-codes", "alice"]) == 0
    out, err = capsys.readouterr()
    assert out == f"alice\t{_code('alice', seeds.DEV_SECRET)}\n" and "public development secret" in err
    assert cli.main(["bug-codes"]) == 2 and "no student ids" in capsys.readouterr().err


def test_the_sandbox_grades_each_student_against_their_own_version():
    """The real path, under a course secret that is not the development one: the release notebook with a measured
    report, with one student's two numbers, and with a measured report after a cell the student added with a's
    code, each graded in the sandbox as two students of different versions: full marks exactly where the report
    is of the graded student's own code, else feedback naming the graded id and the code it expected."""
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
               "a's numbers": "def bug_report():\n    return %r\n" % (_bug(a),),
               "measured with a's code": corpus.MEASURED_BUG_REPORT}
    for label, report in reports.items():
        nb = nbformat.read(root / "release" / "backprop" / "05_gradient_checking.ipynb", as_version=4)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.metadata.get("nbgrader", {}).get("solution") and gid in sources:
                cell.source = report if gid == "bug_report" else sources[gid]
        if label == "measured with a's code":  # the notebook's advice: a cell of the student's under the locked one
            at = next(i for i, c in enumerate(nb.cells)
                      if c.metadata.get("nbgrader", {}).get("grade_id") == "provided_backward")
            nb.cells.insert(at + 1, nbformat.v4.new_code_cell(
                f"BUG_CODE = {_code(a).lower()!r}\nbackward_b, BACKWARD_B_SOURCE = colleague_backward(BUG_CODE)"))
        for student in (a, b):
            extracted = extract_notebook(nb, plan, "05_gradient_checking")
            results = grade_extracted(extracted, seeds.seed_for(student, secret=SECRET), student_id=student)
            report_results = [r for r in results if r.function == "bug_report"]
            others = [r for r in results if r.function != "bug_report"]
            assert all(r.status == "passed" for r in others), (label, student, [r.output for r in others])
            passed = all(r.status == "passed" for r in report_results)
            assert passed == (label == "measured" or student == a), (label, student,
                                                                     [r.output for r in report_results])
            if not passed:
                assert all(repr(student) in r.output and _code(student) in r.output
                           for r in report_results if r.status == "failed"), [r.output for r in report_results]


def test_hidden_cells_grade_the_code_the_kernels_locked_cell_made(tmp_path, monkeypatch, capsys):
    """nbgrader's hidden-cell fallback (and `nbgrader validate` of the source): without a course secret the kernel's
    locked cell and hidden.check both use the development code of the notebook's STUDENT_ID."""
    from autograder import hidden

    monkeypatch.chdir(tmp_path)  # no .autograder_secret here or above
    monkeypatch.delenv(seeds.SECRET_ENV, raising=False)
    monkeypatch.delenv(BUG_CODE_ENV, raising=False)
    monkeypatch.setenv(STUDENT_ENV, "zed")
    ns = _locked_cell()
    ns["bug_report"] = lambda: gcr.bug_for(ns["BUG_CODE"])
    assert hidden.check("bug_report", ns) == 2.0
    other = next(f"s{i}" for i in range(100) if _bug(f"s{i}", seeds.DEV_SECRET) != _bug("zed", seeds.DEV_SECRET))
    ns["STUDENT_ID"] = other  # a report of zed's version, graded as another id of another version
    assert hidden.check("bug_report", ns) < 2.0 and _code(other, seeds.DEV_SECRET) in capsys.readouterr().out
