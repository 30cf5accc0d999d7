"""``nbgrader autograde`` with SandboxGrade in place of Execute gives the CLI's scores, and
``nbgrader generate_feedback`` shows the diagnosis without the hidden tests.

The class (answer key, release, attackers, controls, a damaged submission) is graded once per
session by ``tests/attacks/harness.py``.
"""

import subprocess

import nbformat
import pytest
from traitlets.config import Config

import corpus
from attacks import harness
from autograder import course
from autograder.nbgrader_plugin import strip_hidden_tests


@pytest.fixture(scope="module")
def graded():
    return harness.graded_class()


def test_the_config_replaces_execute_with_sandbox_grade():
    c = Config()
    path = harness.REPO / "nbgrader_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: c, "__file__": str(path)})
    steps = [s if isinstance(s, str) else f"{s.__module__}.{s.__name__}" for s in c.Autograde.autograde_preprocessors]
    assert steps[0] == "autograder.nbgrader_plugin.SandboxGrade"
    assert not any(s.endswith(".Execute") for s in steps)
    for kept in ("SaveAutoGrades", "LimitOutput", "IgnorePattern", "AssignLatePenalties", "CheckCellMetadata"):
        assert any(s.endswith(kept) for s in steps)


def test_nbgrader_and_the_cli_agree_on_every_function_of_every_student(graded):
    assert set(graded.nbgrader) == set(graded.cli)
    for student, scores in graded.cli.items():
        for fn, score in scores.items():
            assert graded.nbgrader[student].get(fn, 0.0) == pytest.approx(score, abs=1e-6), (student, fn)


def test_the_answer_key_scores_full_marks_and_the_release_zero(graded):
    for scores in (graded.cli, graded.nbgrader):
        assert sum(scores[harness.KEY_STUDENT].values()) == pytest.approx(course.total_points())
        assert sum(scores["release"].values()) == 0


def test_bugs_in_drivers_and_classes_cost_their_function_alike_in_both_paths(graded):
    mutants = {v.name: v for v in corpus.load_mutants()}
    buggy = {fn for name in harness.BUGGY_MUTANTS for fn in mutants[name].functions}
    assert {"Value", "numerical_derivative", "bug_report", "backward_corrected"} <= buggy
    for scores in (graded.cli, graded.nbgrader):
        for _, fn, points in course.exercises():
            got = scores[harness.BUGGY].get(fn, 0.0)
            if fn in buggy:
                assert got < points, fn
            else:
                assert got == pytest.approx(points), fn


def test_a_damaged_submission_loses_only_what_is_damaged(graded):
    for scores in (graded.cli, graded.nbgrader):
        damaged = scores[harness.DAMAGED]
        assert all(damaged.get(fn, 0.0) == 0 for fn in course.NOTEBOOKS["02_activations"])  # not submitted
        assert damaged["compute_cost"] == 0  # its solution cell was deleted
        assert damaged["train"] == pytest.approx(course.NOTEBOOKS["03_network"]["train"])  # test cell deleted: still graded
        assert damaged["backward_propagation"] == pytest.approx(course.NOTEBOOKS["03_network"]["backward_propagation"])


def test_graded_test_cells_hold_the_feedback_and_the_score(graded):
    path = graded.root / "autograded" / "control_a" / course.ASSIGNMENT / "02_activations.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    relu = cells["test_relu"]
    assert "BEGIN HIDDEN TESTS" not in relu.source and "autograder.hidden" not in relu.source
    kinds = [o.output_type for o in relu.outputs]
    assert kinds == ["stream", "execute_result"] and relu.outputs[0].name == "stdout"
    assert float(relu.outputs[1].data["text/plain"]) == pytest.approx(graded.cli["control_a"]["relu"])
    assert "relu" in relu.outputs[0].text and "FAIL" in relu.outputs[0].text


def test_generate_feedback_shows_the_diagnosis_and_no_hidden_test(graded):
    harness.nbgrader("generate_feedback", course.ASSIGNMENT, "--student", "control_b", "--force", cwd=graded.root)
    pages = sorted((graded.root / "feedback" / "control_b" / course.ASSIGNMENT).glob("*.html"))
    assert len(pages) == len(course.NOTEBOOKS)
    html = "\n".join(p.read_text() for p in pages)
    assert "HIDDEN TESTS" not in html and "autograder.hidden" not in html and "import check" not in html
    assert "run in the grader&#39;s sandbox" in html or "run in the grader's sandbox" in html
    assert "FAIL" in html


def test_strip_hidden_tests():
    src = "assert f(1) == 1\n### BEGIN HIDDEN TESTS\nfrom autograder.hidden import check; check(\"f\", globals())\n### END HIDDEN TESTS\n"
    assert strip_hidden_tests(src) == "assert f(1) == 1\n"
    assert strip_hidden_tests("x = 1\n") == "x = 1\n"
