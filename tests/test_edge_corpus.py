"""Grade what the student ran: correct notebooks changed the way real students change them
(tests/edge_corpus.py) get the expected score through the CLI and through nbgrader, the same with any
--jobs, and the same slow notebook gets the same grade run after run beside a CPU load."""

import functools
import multiprocessing
import shutil
import tempfile
import atexit
from pathlib import Path

import pytest

import edge_corpus
from attacks import harness
from autograder import course, report


def graded():
    """The edge class graded once per session (a failure too: it is raised again, not graded again)."""
    result = _graded()
    if isinstance(result, BaseException):
        raise result
    return result


@functools.lru_cache(maxsize=1)
def _graded():
    try:
        return _grade_edges()
    except Exception as exc:  # noqa: BLE001
        return exc


def _grade_edges():
    tmp = Path(tempfile.mkdtemp(prefix="autograder-edge-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = harness.make_course(tmp / "course")
    students = edge_corpus.write_class(root / "submitted")
    cli = harness.run_cli(root / "submitted", tmp / "results", "--jobs", "2", tmp=tmp / "cli-tmp")
    serial = harness.run_cli(root / "submitted", tmp / "results-serial", "--jobs", "1", tmp=tmp / "cli-tmp")
    harness.nbgrader("autograde", course.ASSIGNMENT, cwd=root, tmp=tmp / "nbgrader-tmp")
    return {"students": students, "root": root, "results": tmp / "results", "cli": cli, "serial": serial,
            "cli_scores": report.function_scores(tmp / "results"),
            "serial_scores": report.function_scores(tmp / "results-serial"),
            "nbgrader_scores": harness.nbgrader_scores(root)}


EDGES = {f"edge-{e.name}": e for e in edge_corpus.EDGES}


def test_the_corpus_is_large_and_varied():
    assert len(EDGES) >= 25
    assert {e.notebook for e in EDGES.values()} == set(course.NOTEBOOKS)


@pytest.mark.parametrize("student", sorted(EDGES))
def test_each_changed_notebook_gets_its_expected_score_through_both_paths(student):
    g = graded()
    assert g["cli"].returncode == 0, g["cli"].stderr[-2000:]
    edge = EDGES[student]
    for path in ("cli_scores", "serial_scores", "nbgrader_scores"):
        scores = g[path][student]
        got = sum(scores[fn] for fn in course.NOTEBOOKS[edge.notebook])
        assert got == pytest.approx(edge.expected(), abs=1e-6), (path, edge.what, {
            fn: s for fn, s in scores.items() if fn in course.NOTEBOOKS[edge.notebook]})
        for fn, lost in edge.lost.items():
            assert scores[fn] == pytest.approx(course.NOTEBOOKS[edge.notebook][fn] - lost, abs=1e-6)
    if edge.feedback:
        assert edge.feedback in (g["results"] / student / "feedback.md").read_text()


def test_the_answer_key_handed_in_as_it_is_gets_full_marks_with_no_false_note():
    g = graded()
    for path in ("cli_scores", "serial_scores", "nbgrader_scores"):
        assert sum(g[path]["edge-solutions"].values()) == pytest.approx(course.total_points()), path
    data = report.read_student(g["results"] / "edge-solutions" / report.RESULTS_FILE)
    assert "missing" not in data["output"] and "lacks" not in data["output"]


def test_the_cli_and_nbgrader_and_any_jobs_agree_to_the_last_digit():
    g = graded()
    assert g["cli_scores"] == g["serial_scores"]
    for student, scores in g["cli_scores"].items():
        for fn, score in scores.items():
            assert g["nbgrader_scores"][student].get(fn, 0.0) == pytest.approx(score, abs=1e-9), (student, fn)


def _spin(stop):
    x = 0
    while not stop.is_set():
        x += 1


def test_the_same_slow_notebook_gets_the_same_grade_beside_a_cpu_load(tmp_path):
    """Two busy processes hold both cores while a notebook with a slow experiment is graded three times."""
    edge = EDGES["edge-slow_experiment"]
    edge_corpus.write_class(tmp_path / "submitted", [edge])
    shutil.rmtree(tmp_path / "submitted" / "edge-solutions")
    stop = multiprocessing.Event()
    load = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(2)]
    for p in load:
        p.start()
    try:
        runs = []
        for i in range(3):
            proc = harness.run_cli(tmp_path / "submitted", tmp_path / f"results{i}", "--jobs", str(1 + i % 2),
                                   tmp=tmp_path / "tmp")
            assert proc.returncode == 0, proc.stderr[-2000:]
            data = report.read_student(tmp_path / f"results{i}" / "edge-slow_experiment" / report.RESULTS_FILE)
            runs.append([(t["name"], t["score"], t["output"]) for t in data["tests"]])
    finally:
        stop.set()
        for p in load:
            p.join()
    assert runs[0] == runs[1] == runs[2]
    assert sum(score for _, score, _ in runs[0]) == pytest.approx(edge.expected())
