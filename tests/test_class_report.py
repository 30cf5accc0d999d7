"""The class report (``python -m autograder report``) and ``explain``, on a small class graded once by the
CLI and once by nbgrader (tests/report_class.py): the same figures from both, what could not be graded
fully, escaping of everything a student wrote, and a lost check's hidden case re-created exactly."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import pytest

import report_class as rc
from attacks import harness
from autograder import class_report, course, explain, nbgrader_results, report
from autograder.checks import engine, seeds
from autograder.checks.compare import select
from autograder.nbgrader_plugin import gradebook_scores


@pytest.fixture(scope="module")
def graded():
    return rc.graded()


@pytest.fixture(scope="module")
def cli_report(graded):
    """The report `grade` wrote at the end of its run."""
    return graded.results / "report.html"


@pytest.fixture(scope="module")
def nbgrader_report(graded, tmp_path_factory):
    out = tmp_path_factory.mktemp("nbg") / "report.html"
    proc = run("report", str(graded.root), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True, timeout=600,
                          env=harness._env(), cwd=harness.REPO)


class _Page(HTMLParser):
    """The tags, the images and the visible text of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.images, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def section(html: str, name: str) -> str:
    return html.split(f"<section id={name}>", 1)[1].split("</section>", 1)[0]


# ---------------------------------------------------------------------------------------------------
# The report.


def test_grade_writes_the_report_and_the_manifest(graded, cli_report):
    assert "class report:" not in graded.cli_proc.stdout  # --quiet
    manifest = json.loads((graded.results / class_report.MANIFEST).read_text())
    assert manifest["secret_fingerprint"] == class_report.secret_fingerprint(rc.SECRET)
    assert rc.SECRET not in json.dumps(manifest)
    assert manifest["isolation"] == "bubblewrap" and manifest["timeout"] == harness.TIMEOUT
    assert manifest["course_version"] == class_report.course_version()
    assert [r[0] for r in manifest["rejected"]] == [rc.LINKED]  # every real folder is graded, whatever its name
    for suffix in ("scores", "distribution", "functions", "misconceptions", "incomplete"):
        assert (graded.results / f"report_{suffix}.csv").is_file()
    html = cli_report.read_text(encoding="utf-8")
    run_facts = section(html, "run")
    for fact in ("bubblewrap", manifest["course_version"], manifest["secret_fingerprint"], "students</dt><dd>6<"):
        assert fact in run_facts


def test_the_page_is_self_contained(cli_report):
    page = parse(cli_report)
    assert not [t for t, _ in page.tags if t in ("script", "iframe", "object", "embed", "link", "base", "form")]
    assert len(page.images) == 3  # distributions, losses, misconceptions
    for img in page.images:
        assert img["src"].startswith("data:image/png;base64,")
        assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
    for tag, attrs in page.tags:
        for key, value in attrs.items():
            if key in ("src", "href") and tag != "img":
                assert not re.match(r"[a-z]+:", value or ""), (tag, value)  # only relative links (the CSV files)
    assert "default-src 'none'" in cli_report.read_text()


def test_scores_functions_and_misconceptions_agree_with_the_results(graded):
    students = report.collect(graded.results)
    assert [d["student_id"] for d in students] == [rc.HOSTILE_FOLDER, "buggy_a", "buggy_b", "damaged", "key", "slow"]
    students = [d for d in students if d["student_id"] not in ("damaged", rc.HOSTILE_FOLDER)]  # who handed in notebook 3
    rows = {r["function"]: r for r in class_report.function_losses(students)}
    assert rows["backward_propagation"]["students_losing_points"] == 2
    assert rows["backward_propagation"]["points_lost"] == pytest.approx(
        sum(5 - sum(t["score"] for t in d["tests"] if t["number"].endswith("/backward_propagation")) for d in students))
    assert rows["update_parameters"]["points_lost"] == 0
    found = {m["id"]: m for m in class_report.misconceptions(students)}
    assert found["not_averaged"]["who"] == ["buggy_a", "buggy_b"]
    assert dict(found["not_averaged"]["functions"])["backward_propagation"] == 2
    assert dict(found["not_averaged"]["functions"])["compute_cost"] == 1
    assert found["sigmoid_exponent_sign"]["who"] == ["buggy_a"]
    for m in found.values():
        assert all(sid not in m["example"] for sid in ("buggy_a", "buggy_b", "key", "slow"))
    table = list(csv.DictReader(io.StringIO((graded.results / "report_misconceptions.csv").read_text())))
    assert {r["misconception"]: r["student_ids"] for r in table}["not_averaged"] == "buggy_a buggy_b"
    rows = csv.DictReader(io.StringIO((graded.results / "report_scores.csv").read_text()))
    scores = {r["student_id"]: r for r in rows}
    assert float(scores["key"]["score"]) == course.total_points()
    assert float(scores["damaged"]["01_chain_rule"]) == 0.0 and float(scores["buggy_b"]["07_softmax_classifier"]) == 0


def test_submissions_not_graded_fully_are_listed_with_the_reason(graded, cli_report):
    rows = class_report.incomplete(class_report.load_class(graded.results))
    what = {(r["student"], r["notebook"], r["what"]) for r in rows}
    assert (rc.LINKED, "", "refused") in what
    assert not [w for w in what if w[0] == rc.HOSTILE_FOLDER and w[2] == "refused"]  # graded, whatever its name
    assert ("damaged", "01_chain_rule", "damaged") in what
    assert ("damaged", "03_network", "not submitted") in what
    assert ("buggy_b", "07_softmax_classifier", "not submitted") in what
    assert ("slow", "02_activations", "timed out") in what
    assert ("slow", "02_activations", "cell skipped") in what
    assert not [r for r in rows if r["student"] in ("key", "buggy_a")]
    skipped = next(r for r in rows if r["what"] == "cell skipped")
    assert "`relu`" in skipped["reason"] and "went over the 2 s of CPU time" in skipped["reason"]
    html = section(cli_report.read_text(encoding="utf-8"), "incomplete")
    assert "went over the 2 s of CPU time" in html
    assert "<img" not in html
    assert "<img src=x" not in cli_report.read_text(encoding="utf-8")  # the hostile folder, graded: no markup


def test_nbgrader_results_give_the_same_report(graded, nbgrader_report):
    cli = class_report.load_class(graded.results)
    cli.students = [d for d in cli.students if d["student_id"] not in ("damaged", rc.HOSTILE_FOLDER)]  # handed in
    # after nbgrader ran
    nbg = class_report.load_class(graded.root)
    assert nbg.source.startswith("nbgrader")
    ids = ["buggy_a", "buggy_b", "key", "slow"]
    assert [d["student_id"] for d in nbg.students] == ids
    why = "submitted but not autograded (see the log of `nbgrader autograde`)"
    assert sorted(nbg.refused) == sorted([(rc.HOSTILE_FOLDER, why), ("damaged", why), (rc.LINKED, why)])
    book = gradebook_scores(graded.root)
    cli_losses = {r["function"]: r["points_lost"] for r in class_report.function_losses(cli.students)}
    nbg_losses = {r["function"]: r["points_lost"] for r in class_report.function_losses(nbg.students)}
    assert nbg_losses == pytest.approx(cli_losses, abs=1e-5)
    for d in nbg.students:
        assert {t["name"]: t["score"] for t in d["tests"]} == pytest.approx(book[d["student_id"]], abs=1e-6)
    # each misconception recognised in nbgrader's feedback text is the one the CLI tagged, for the same students
    cli_found = {m["id"]: m["who"] for m in class_report.misconceptions(cli.students)}
    nbg_found = {m["id"]: m["who"] for m in class_report.misconceptions(nbg.students)}
    assert nbg_found == cli_found
    kinds = {(r["student"], r["notebook"], r["what"]) for r in class_report.incomplete(nbg)}
    assert {("buggy_b", "07_softmax_classifier", "not submitted"), ("slow", "02_activations", "timed out"),
            ("slow", "02_activations", "cell skipped")} <= kinds
    assert [d["student_id"] for d in class_report.load_class(graded.root / "autograded").students] == ids
    page = parse(nbgrader_report)
    assert len(page.images) == 3 and "nbgrader" in section(nbgrader_report.read_text(), "run")


def test_feedback_text_reader_finds_the_catalogue_sentence():
    from autograder import diagnose

    message = ("`backward_propagation` gives a wrong `dW1`: 30 of 30 entries differ (max relative error 8.9e-01). "
               + diagnose.hint("not_averaged", output="`dW1`", capital=True) + ".")
    text = "backward_propagation: 0.0 / 5 points\n" + "\n".join(report.wrap(message, "  FAIL ")) + \
        "\n  ok   2 of 9 checks passed\n  note: code cell 3 raised\n        NameError\n"
    fails, notes = nbgrader_results.parse_feedback(text)
    assert fails == [message] and notes == ["code cell 3 raised NameError"]
    assert nbgrader_results.misconception_in(message) == "not_averaged"
    assert nbgrader_results.misconception_in("`f` gives a wrong return value: 3 of 4 entries differ.") is None


# ---------------------------------------------------------------------------------------------------
# Untrusted text.


def test_hostile_ids_and_feedback_stay_text(graded, tmp_path):
    out = tmp_path / "r.html"
    written = class_report.build(rc.hostile_results(), out)
    html = out.read_text(encoding="utf-8")
    page = parse(out)
    assert not [t for t, _ in page.tags if t in ("script", "b")]
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    text = "".join(page.text)
    assert rc.HOSTILE_ID in text  # shown, as text
    assert '</td></tr></table><script>alert("feedback")</script>' in text  # the example, as text
    assert html.count("<table>") == html.count("</table>")
    for path in written.values():
        if path.suffix == ".csv":
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                for cell in row:
                    assert cell[:1] not in ("=", "+", "-", "@"), (path.name, cell)
    examples = {r["misconception"]: r["example"] for r in
                csv.DictReader(io.StringIO(written["misconceptions"].read_text(encoding="utf-8")))}
    assert examples[rc.HOSTILE_TAG].startswith("'" + rc.FORMULA)
    assert len(examples[rc.HOSTILE_TAG]) <= class_report.MAX_TEXT + 1


def test_csv_cells_that_look_like_formulas_are_quoted():
    assert [class_report.csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "plain", 1.5)] == \
        ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "plain", "1.5"]


def test_the_page_stays_small_for_a_large_class(graded, tmp_path):
    """300 students (the class's results copied under new ids): bounded size, plots that do not grow."""
    big = tmp_path / "big"
    big.mkdir()
    originals = report.collect(graded.results)
    for i in range(300):
        data = dict(originals[i % len(originals)], student_id=f"student_{i:03d}")
        (big / data["student_id"]).mkdir()
        (big / data["student_id"] / "results.json").write_text(json.dumps(data))
    written = class_report.build(big)
    assert written["html"].stat().st_size < 600_000
    assert len(list(csv.reader(io.StringIO(written["scores"].read_text())))) == 301


# ---------------------------------------------------------------------------------------------------
# explain.


@pytest.fixture(scope="module")
def explained(graded):
    import os

    os.environ["AUTOGRADER_SECRET"] = rc.SECRET
    try:
        return explain.explain_student(graded.results, "buggy_a", "backward_propagation")
    finally:
        os.environ.pop("AUTOGRADER_SECRET", None)


def test_explain_recreates_the_failed_case_exactly(graded, explained):
    items, facts = explained
    recorded = {t["name"]: t for t in report.read_student(graded.results / "buggy_a" / "results.json")["tests"]
                if t["number"].endswith("/backward_propagation")}
    lost = {name for name, t in recorded.items() if t["status"] != "passed"}
    assert lost and {i.check for i in items} == lost
    assert all(i.agrees and i.feedback == recorded[i.check]["output"] for i in items)
    assert facts["seed"] == seeds.seed_for("buggy_a", secret=rc.SECRET)
    # the student's function (the mutant, run here from the corpus) gives the same wrong value on each case
    ns = rc.corpus().submission_namespace(rc.mutant("backward_not_averaged"))
    checks = {c.name: c for c in engine.checks_for("backward_propagation")}
    compared = 0
    for item in items:
        check = checks[item.check]
        case = check.inputs(seeds.generator_for(facts["seed"], check.name))
        assert [name for name, _ in item.inputs][:len(case.args)] == ["X", "Y", "parameters", "cache"]
        for (_, shown), arg in zip(item.inputs, case.args):
            assert _equal(shown, arg)
        if item.property or item.expected is None:
            continue  # a property check: no single expected value
        key = check.kind.key
        mine = select(engine.InProcessCall(ns)(check.function, case.args, case.kwargs, check.provide).value, key)
        assert np.array_equal(np.asarray(item.got), np.asarray(mine)), item.check
        assert not np.allclose(item.got, item.expected), item.check
        assert np.allclose(item.got, item.expected * case.context["m"])  # not averaged: m times too large
        assert item.n_different == np.asarray(item.expected).size and item.differences
        compared += 1
    assert compared >= 4  # dW1, db1, dW2, db2 at least


def _equal(a, b) -> bool:
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in b)
    return np.array_equal(np.asarray(a), np.asarray(b))


def test_explain_cli_for_the_instructor_and_for_the_student(graded):
    teacher = run("explain", str(graded.results), "buggy_a", "sigmoid")
    student = run("explain", str(graded.results), "buggy_a", "sigmoid", "--for-student")
    assert teacher.returncode == 0 and student.returncode == 0, teacher.stderr + student.stderr
    seed = str(seeds.seed_for("buggy_a", secret=rc.SECRET))
    assert seed in teacher.stdout and class_report.secret_fingerprint(rc.SECRET) in teacher.stdout
    assert "re-run: gives the recorded result" in teacher.stdout
    for private in (seed, class_report.secret_fingerprint(rc.SECRET), "re-run", "context", "course version"):
        assert private not in student.stdout
    for shown in ("== sigmoid.", "feedback: ", "inputs (the hidden case):", "your value", "expected",
                  "differing entries"):
        assert shown in student.stdout
    assert "buggy_b" not in student.stdout


def test_explain_through_nbgrader_and_with_the_wrong_secret(graded):
    via_nbgrader = run("explain", str(graded.root), "buggy_b", "compute_cost")
    assert via_nbgrader.returncode == 0, via_nbgrader.stderr
    assert "re-run: gives the recorded result" in via_nbgrader.stdout and "DIFFERS" not in via_nbgrader.stdout
    env = dict(harness._env(), AUTOGRADER_SECRET="another-secret")
    wrong = subprocess.run([sys.executable, "-m", "autograder", "explain", str(graded.results), "buggy_a"],
                           capture_output=True, text=True, timeout=300, env=env, cwd=harness.REPO)
    assert wrong.returncode == 2 and "is not the one the class was graded with" in wrong.stderr


def test_differences_name_each_entry_and_count_them_all():
    expected = {"dW": np.arange(12.0).reshape(3, 4), "db": np.zeros((3, 1))}
    got = {"dW": expected["dW"] * 2, "db": np.zeros((3, 1))}
    n, lines = explain.differences(got, expected, 1e-6, 1e-9)
    assert n == 11 and len(lines) == explain.MAX_DIFFERENCES  # dW[0, 0] = 0 is right
    assert lines[0] == "dW[0, 1]: yours 2, expected 1"
    n, lines = explain.differences({"dW": np.zeros((4, 3))}, {"dW": np.zeros((3, 4))}, 1e-6, 1e-9)
    assert (n, lines) == (1, ["dW: yours has shape (4, 3), expected (3, 4)"])
    assert explain.differences(0.5, 0.5, 1e-6, 1e-9) == (0, [])


def test_explain_prints_no_control_character_a_student_returned():
    item = explain.Explained("sigmoid.values", "sigmoid", "02_activations", 0.0, 1.0, "feedback", None, True,
                             [("z", 1.0)], {}, got={"\x1b[2J\x1b[31mred": 1.0}, expected={"a": 1.0})
    facts = {"student": "s", "seed": 1, "secret_fingerprint": "f", "course_version": "v", "functions": ["sigmoid"]}
    for for_student in (False, True):
        text = explain.render([item], facts, for_student)
        assert "\x1b" not in text and "?[2J?[31mred" in text


def test_the_example_of_a_misconception_names_no_student():
    def student(sid, output):
        return {"student_id": sid, "score": 0.0, "max_score": 99.0, "output": "All notebooks were graded.",
                "tests": [{"name": "sigmoid.values", "number": "02_activations/sigmoid", "score": 0.0,
                           "max_score": 1.0, "status": "failed", "output": output, "tags": ["sigmoid_exponent_sign"]}]}

    found = class_report.misconceptions([student("alice_w", "`sigmoid` raised for alice_w: 1 / (1 + exp(z))"),
                                         student("bob_k", "`sigmoid` is wrong")])
    assert found[0]["who"] == ["alice_w", "bob_k"] and found[0]["students"] == 2
    assert found[0]["example"] == "`sigmoid` is wrong"  # the shortest of the most common wordings
    alone = class_report.misconceptions([student("alice_w", "`sigmoid` raised for alice_w: 1 / (1 + exp(z))")])
    assert alone[0]["example"] == "`sigmoid` raised for <student>: 1 / (1 + exp(z))"
