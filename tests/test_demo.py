"""``python -m autograder demo`` on a small class: results folder, both plots, and scores that follow the mix."""

import argparse
import json
import os

import pytest

from autograder import course, demo, synthetic

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """A 6-student demo: the answer key, the untouched release, one planted bug, and 3 drawn students."""
    out = tmp_path_factory.mktemp("demo") / "demo_output"
    corpora = synthetic.Corpora()
    plans = [synthetic.uniform_plan("key_student", "correct"), synthetic.uniform_plan("blank_student", "stub"),
             synthetic.uniform_plan("buggy_student", "correct", corpora, mutant="backward_not_averaged"),
             *synthetic.plan_class(3, seed=11, corpora=corpora)]
    old = os.environ.get("AUTOGRADER_SECRET")
    os.environ["AUTOGRADER_SECRET"] = "test-demo-secret"
    try:
        paths = demo.run(out, plans=plans, jobs=2, training=False)
    finally:
        if old is None:
            os.environ.pop("AUTOGRADER_SECRET", None)
        else:
            os.environ["AUTOGRADER_SECRET"] = old
    return out, paths, plans


def per_function(results_json):
    data = json.loads(results_json.read_text())
    scores, tags = {fn: 0.0 for _, fn, _ in course.exercises()}, {}
    for t in data["tests"]:
        fn = t["number"].split("/")[1]
        scores[fn] += t["score"]
        tags.setdefault(fn, set()).update(t.get("tags", ()))
    return data, scores, tags


def test_the_demo_writes_the_class_the_results_and_both_plots(ran):
    out, paths, plans = ran
    ids = sorted(p.student_id for p in plans)
    assert sorted(p.name for p in (out / "submitted").iterdir()) == ids
    for sid in ids:
        assert (out / "results" / sid / "results.json").is_file() and (out / "results" / sid / "feedback.md").is_file()
    assert (out / "results" / "summary.csv").is_file() and (out / "results" / "junit.xml").is_file()
    for key in ("histogram", "misconceptions"):
        assert paths[key].read_bytes().startswith(PNG) and paths[key].stat().st_size > 5000
    assert paths["histogram"] == out / "score_histogram.png" and paths["misconceptions"] == out / "misconceptions.png"
    assert [p.student_id for p in synthetic.load_plans(out / "class_plan.json")] == ids


def test_scores_follow_the_mix(ran):
    out, _, plans = ran
    points = {fn: pts for _, fn, pts in course.exercises()}
    totals = {}
    for plan in plans:
        data, scores, tags = per_function(out / "results" / plan.student_id / "results.json")
        totals[plan.student_id] = data["score"]
        for fn, choice in plan.exercises.items():
            where = (plan.student_id, fn, choice)
            if choice.kind == "correct":
                assert scores[fn] == pytest.approx(points[fn]), where
            elif choice.kind == "stub":
                assert scores[fn] == 0, where
            else:
                assert scores[fn] < points[fn] and choice.expect in tags[fn], where
    assert totals["key_student"] == pytest.approx(course.total_points())
    assert totals["blank_student"] == 0
    assert totals["buggy_student"] < course.total_points()


def test_the_misconception_counts_come_from_the_results(ran):
    out, _, plans = ran
    from autograder import report

    counts = demo.misconception_counts(report.collect(out / "results"))
    assert counts["not_averaged"] >= 1  # the planted bug of buggy_student
    planted = {c.expect for p in plans for c in p.exercises.values() if c.kind == "mutant"}
    assert planted <= set(counts)


def test_main_accepts_the_cli_namespace(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(demo, "run", lambda *a, **k: calls.append((a, k)))
    assert demo.main(argparse.Namespace(out=str(tmp_path))) == 0
    assert calls[0][0] == (str(tmp_path), demo.STUDENTS, demo.SEED)
