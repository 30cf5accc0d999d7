"""Feedback that reads well: lines that fit nbgrader's output box, the mistake first, a stub named once,
scores printed one way, and the answer key handed in as a submission shown once per test cell."""

from __future__ import annotations

import html
import re
from collections import Counter

import nbformat
import pytest

from attacks import harness
from autograder import course, report
from autograder.checks.engine import CheckResult
from autograder.demo import _label
from autograder.diagnose import CATALOGUE
from autograder.nbgrader_plugin import feedback_text

OUTPUT_PRE = re.compile(r'<div class="output_subarea[^"]*">\s*<pre>(.*?)</pre>', re.DOTALL)
LONG = ("`backward_propagation` gives a wrong `dW1`: 15 of 15 entries differ (max relative error 9.9e-01). "
        "Your `dW1` is m times too large: divide by the number of examples m (the number of columns) to "
        "average over the batch.")


def result(output, status="failed", misconception=None, score=0.0, function="backward_propagation"):
    return CheckResult(f"{function}.x", "03_network", function, score, 1.0, status, output, misconception)


@pytest.fixture(scope="module")
def graded():
    return harness.graded_class()


def test_points_prints_as_nbgrader_prints_its_scores():
    assert [report.points(x) for x in (18.2142857, 1.5, 52, 0.0, 1 / 3)] == ["18.21", "1.5", "52.0", "0.0", "0.33"]


def test_the_mistake_comes_first_and_the_facts_stay():
    text = report.check_messages([{"status": "failed", "output": LONG, "misconception": "not_averaged",
                                   "number": "03_network/backward_propagation"}])[0]
    assert text.startswith("Your `dW1` is m times too large") and "15 of 15 entries differ" in text
    # a message without the catalogue's sentence is left as it is
    plain = "`relu` gives a wrong return value: 3 of 9 entries differ."
    assert report.check_messages([{"status": "failed", "output": plain, "misconception": "not_averaged",
                                   "number": "02_activations/relu"}]) == [plain]


def test_a_stub_is_named_once_and_repeats_are_counted():
    stub = "`train` raised NotImplementedError:  (line 8 of cell train)."
    same = "`train` (convergence): the cost did not fall."
    tests = [{"status": "failed", "output": o, "number": "03_network/train"} for o in (stub, stub, same, same, same)]
    assert report.check_messages(tests) == ["`train` is not implemented yet: it still raises NotImplementedError.",
                                            f"{same} (3 checks)"]


def test_feedback_text_fits_the_box_and_says_each_thing_once():
    stub = "`backward_propagation` raised NotImplementedError:  (line 8 of cell backward_propagation)."
    text = feedback_text("backward_propagation", [result(stub)] * 6, [])
    assert text.count("NotImplementedError") == 1
    mixed = [result(LONG, misconception="not_averaged"), result("`backward_propagation` (shapes): passed", "passed", score=1.0)]
    text = feedback_text("backward_propagation", mixed, ["the solution cell `x` is missing " * 5])
    lines = text.splitlines()
    assert max(map(len, lines)) <= report.WIDTH
    assert lines[0].startswith("backward_propagation: 1.0 / 5.0 points")
    assert lines[1].startswith("  FAIL Your `dW1` is m times too large")
    assert "1 of 2 checks passed" in text and "note: the solution cell" in text


def test_the_markdown_feedback_fits_and_prints_scores_one_way(graded):
    for student in ("control_a", "control_b", harness.DAMAGED):
        text = (graded.results / student / report.FEEDBACK_FILE).read_text(encoding="utf-8")
        assert max(map(len, text.splitlines())) <= report.WIDTH, student
        scores = re.findall(r"\d+\.\d+", "\n".join(l for l in text.splitlines() if l.startswith(("**Total", "###"))))
        assert scores and all(len(s.split(".")[1]) <= 2 for s in scores)
        assert text.count("NotImplementedError") <= sum(course.NOTEBOOKS[nb].__len__() for nb in course.NOTEBOOKS)


def test_the_html_feedback_has_no_line_wider_than_the_box(graded):
    harness.nbgrader("generate_feedback", course.ASSIGNMENT, "--student", "control_a", "--force", cwd=graded.root)
    pages = sorted((graded.root / "feedback" / "control_a" / course.ASSIGNMENT).glob("*.html"))
    assert len(pages) == len(course.NOTEBOOKS)
    outputs = [html.unescape(m) for p in pages for m in OUTPUT_PRE.findall(p.read_text(encoding="utf-8"))]
    feedback = [o for o in outputs if "hidden checks, run in the grader" in o]
    assert len(feedback) == len(list(course.exercises()))  # one per graded test cell
    assert any("FAIL" in o for o in feedback)
    widest = max((line for o in feedback for line in o.splitlines()), key=len)
    assert len(widest) <= report.WIDTH, widest
    # the score in the text is the one in nbgrader's header
    page = (graded.root / "feedback" / "control_a" / course.ASSIGNMENT / "02_activations.html").read_text()
    headers = re.findall(r'<a href="#(test_\w+)">Test cell</a> \(Score: ([0-9.]+) / ([0-9.]+)\)', page)
    texts = dict(re.match(r"(\w+): ([0-9.]+) / [0-9.]+ points", o).groups() for o in feedback)
    assert headers and all(texts[g[len("test_"):]] == score for g, score, _ in headers)


def test_the_answer_key_as_a_submission_shows_each_test_cell_once(graded):
    for nb_name, functions in course.NOTEBOOKS.items():
        path = graded.root / "autograded" / harness.KEY_STUDENT / course.ASSIGNMENT / f"{nb_name}.ipynb"
        nb = nbformat.read(path, as_version=4)
        ids = Counter(c.get("id") for c in nb.cells)
        assert max(ids.values()) == 1, nb_name
        graded_ids = Counter(c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells)
        assert all(graded_ids[f"test_{fn}"] == 1 for fn in functions), nb_name
        visible = Counter(c.source.split("### BEGIN HIDDEN")[0].strip() for c in nb.cells if c.cell_type == "code")
        assert max(visible.values()) == 1, nb_name  # no test cell left twice, with and without metadata


def test_misconception_labels_are_words():
    for mid in CATALOGUE:
        label = _label(mid)
        assert "_" not in label and label[0].isupper() and len(label.split()) == len(mid.split("_"))


def test_one_mistake_found_by_several_checks_is_named_once_with_all_their_facts():
    hint = "The derivative of f^3 is 3 f^2 (power rule): keep the square."
    outputs = [f"`backward_graph` gives a wrong `{k}`: 3 of 3 entries differ. {hint}" for k in ("dy_df", "dy_dg")]
    tests = [{"status": "failed", "output": o, "misconception": "power_rule", "number": "01_chain_rule/backward_graph"}
             for o in outputs]
    (text,) = report.check_messages(tests)
    assert text.startswith(hint) and text.count(hint) == 1
    assert "wrong `dy_df`" in text and "wrong `dy_dg`" in text
