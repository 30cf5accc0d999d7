"""``python -m autograder grade``: discover, extract, report, and the class-level driver (parallel,
atomic, resumable, never touching the submissions)."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import nbformat
import pytest

from attacks import harness
from autograder import course, report
from autograder.discover import discover
from autograder.extract import extract, extract_notebook, load_source_plan, plain_python

REPO = harness.REPO
SOURCE = REPO / "source" / course.ASSIGNMENT
RELEASE = REPO / "release" / course.ASSIGNMENT


@pytest.fixture(scope="module")
def graded():
    return harness.graded_class()


# ----------------------------------------------------------------------------- discover


def test_discover_reads_nbgraders_layout_and_single_student_folders(tmp_path):
    for student in ("bob", "alice"):
        harness.copy_notebooks(RELEASE, tmp_path / student / course.ASSIGNMENT)
    (tmp_path / "carol" / course.ASSIGNMENT).mkdir(parents=True)
    (tmp_path / "carol" / course.ASSIGNMENT / "01_chain_rule.ipynb").write_text("{}")
    (tmp_path / ".hidden" / course.ASSIGNMENT).mkdir(parents=True)
    (tmp_path / "not_a_student").mkdir()
    subs = discover(tmp_path)
    assert [s.student_id for s in subs] == [".hidden", "alice", "bob", "carol"]  # every id is graded
    assert set(subs[1].notebooks) == set(course.NOTEBOOKS) and subs[3].missing() == list(course.NOTEBOOKS)[1:]
    assert [s.student_id for s in discover(tmp_path / "bob")] == ["bob"]
    assert [s.student_id for s in discover(tmp_path / "bob" / course.ASSIGNMENT)] == ["bob"]
    with pytest.raises(FileNotFoundError):
        discover(tmp_path / "nobody")


# ----------------------------------------------------------------------------- extract


def _release(nb_name="02_activations"):
    return nbformat.read(RELEASE / f"{nb_name}.ipynb", as_version=4)


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _extract(nb, name="02_activations"):
    return extract_notebook(nb, load_source_plan(SOURCE / f"{name}.ipynb"), name)


def test_extract_runs_what_restart_and_run_all_runs():
    """Locked cells from the source, solution cells and the student's own cells from the submission,
    in the submission's order; never the test cells, nor the course's demonstration cells as released."""
    nb = _release()
    _cell(nb, "setup_imports").source = "raise SystemExit('the student changed the setup')"
    _cell(nb, "relu").source = "def relu(z):\n    %timeit 1\n    return helper(z)\n"
    _cell(nb, "test_relu").source = "STOLEN = open('/etc/passwd').read()"
    demos = [c for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader")]
    at = nb.cells.index(_cell(nb, "relu"))
    nb.cells.insert(at, nbformat.v4.new_code_cell("def helper(z):\n    return np.maximum(0, z)  # added by the student"))
    assert demos, "the release has demonstration cells"
    out = _extract(nb)
    labels = [label for _, label, _ in out.cells]
    kinds = [kind for kind, _, _ in out.cells]
    code = "\n".join(src for _, _, src in out.cells)
    assert kinds[0] == "setup" and "`setup_imports`" in labels[0] and "the student changed the setup" not in code
    helper = next(i for i, (_, _, c) in enumerate(out.cells) if "added by the student" in c)
    relu = next(i for i, (_, lab, _) in enumerate(out.cells) if "`relu`" in lab)
    assert out.cells[helper][0] == "added" and helper == relu - 1  # the student's order
    assert "STOLEN" not in code and "# %timeit 1" in code
    assert all(demo.source.strip() not in code for demo in demos if demo.source.strip())
    solutions = {lab.split("`")[1] for kind, lab, _ in out.cells if kind == "solution"}
    assert set(course.NOTEBOOKS["02_activations"]) <= solutions
    assert out.problems == [] and out.error is None


def test_extract_runs_a_changed_demo_and_a_solution_that_lost_its_metadata():
    nb = _release()
    demo = next(c for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader"))
    demo.source += "\nEXPERIMENT = 1  # the student's change"
    relu = _cell(nb, "relu")
    relu.source = "def relu(z):\n    return np.maximum(0, z)  # mine\n"
    del relu.metadata["nbgrader"]
    out = _extract(nb)
    code = [(kind, src) for kind, _, src in out.cells]
    assert ("added", plain_python(demo.source)) in code
    assert any(kind == "added" and "# mine" in src for kind, src in code)


def test_extract_restores_lost_locked_cells_in_the_source_order():
    nb = _release("03_network")
    nb.cells.remove(_cell(nb, "setup_data"))
    copy = nbformat.v4.new_code_cell(_cell(nb, "setup_imports").source, metadata=_cell(nb, "setup_imports").metadata)
    nb.cells.insert(0, copy)  # a duplicated locked cell runs once
    out = _extract(nb, "03_network")
    labels = [label for _, label, _ in out.cells]
    assert sum("`setup_imports`" in lab for lab in labels) == 1
    data = next(i for i, lab in enumerate(labels) if "`setup_data`" in lab)
    assert "`setup_imports`" in labels[data - 1] and "`setup_small_example`" in labels[data + 1]


def test_extract_reports_corrupt_and_missing_notebooks(tmp_path):
    bad = tmp_path / "01_chain_rule.ipynb"
    bad.write_text('{"cells": [')
    out = extract(bad, SOURCE / "01_chain_rule.ipynb", "01_chain_rule")
    assert out.error and "could not be read" in out.error and out.cells == []
    out = extract(tmp_path / "nope.ipynb", SOURCE / "01_chain_rule.ipynb", "01_chain_rule")
    assert out.error and "not submitted" in out.error
    link = tmp_path / "linked.ipynb"
    link.symlink_to(RELEASE / "01_chain_rule.ipynb")
    out = extract(link, SOURCE / "01_chain_rule.ipynb", "01_chain_rule")
    assert out.error and "symbolic link" in out.error
    odd = tmp_path / "odd.ipynb"
    odd.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                               "cells": [1, "x", None, {"cell_type": "code", "source": 5, "metadata": []}]}))
    out = extract(odd, SOURCE / "01_chain_rule.ipynb", "01_chain_rule")
    assert out.error is None and [kind for kind, _, _ in out.cells] == ["setup"] * len(out.cells)


def test_extract_refuses_a_notebook_over_the_size_cap(tmp_path, monkeypatch):
    from autograder import extract as extract_module

    monkeypatch.setattr(extract_module, "MAX_NOTEBOOK_BYTES", 4096)
    big = tmp_path / "01_chain_rule.ipynb"
    big.write_text(json.dumps({"nbformat": 4, "cells": [], "pad": "x" * 10_000}))
    out = extract(big, SOURCE / "01_chain_rule.ipynb", "01_chain_rule")
    assert out.error and "too large" in out.error and "Clear" in out.error


# ----------------------------------------------------------------------------- report


def test_results_are_in_gradescope_format(graded):
    data = json.loads((graded.results / harness.KEY_STUDENT / "results.json").read_text())
    assert data["score"] == pytest.approx(course.total_points()) and data["max_score"] == course.total_points()
    assert data["execution_time"] > 0 and len(data["tests"]) > len(course.exercises())
    for t in data["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(t)
        assert t["status"] == "passed" and t["visibility"] == "visible"
    per = {}
    for t in data["tests"]:
        per[t["number"]] = per.get(t["number"], 0) + t["max_score"]
    assert per == pytest.approx({f"{nb}/{fn}": pts for nb, fn, pts in course.exercises()})


def test_feedback_names_each_function_and_the_diagnosis(graded):
    text = " ".join((graded.results / "control_a" / "feedback.md").read_text().split())  # lines are wrapped
    for _, fn, _ in course.exercises():
        assert f"`{fn}`" in text
    assert "needs work" in text and "relative error" in text  # what is wrong, never the expected values
    assert "(passed)" in (graded.results / harness.KEY_STUDENT / "feedback.md").read_text()
    damaged = " ".join((graded.results / harness.DAMAGED / "feedback.md").read_text().split())
    assert "02_activations.ipynb was not submitted" in damaged and "`compute_cost` is not defined after running your notebook" in damaged


def test_summary_and_junit_have_one_entry_per_student_and_check(graded):
    rows = list(csv.DictReader((graded.results / "summary.csv").open()))
    students = sorted(p.parent.name for p in graded.results.glob("*/results.json"))
    assert [r["student_id"] for r in rows] == students
    n_checks = len(json.loads((graded.results / harness.KEY_STUDENT / "results.json").read_text())["tests"])
    assert len(rows[0]) == 3 + n_checks
    suites = ET.parse(graded.results / "junit.xml").getroot()
    assert [s.get("name") for s in suites] == students
    assert all(len(s.findall("testcase")) == n_checks for s in suites)
    key = next(s for s in suites if s.get("name") == harness.KEY_STUDENT)
    assert key.get("failures") == "0"


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    report.atomic_write(tmp_path / "x" / "f.txt", "hello")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["f.txt"]


# ----------------------------------------------------------------------------- the CLI


def test_exit_code_is_nonzero_only_when_the_grader_cannot_run(tmp_path):
    proc = harness.run_cli(tmp_path / "missing", tmp_path / "results")
    assert proc.returncode != 0 and "not a folder" in proc.stderr
    (tmp_path / "empty").mkdir()
    assert harness.run_cli(tmp_path / "empty", tmp_path / "results").returncode == 0


def test_kill_minus_9_then_resume_loses_and_duplicates_nothing(tmp_path):
    submitted = tmp_path / "submitted"
    students = [f"s{i:02d}" for i in range(6)]
    for s in students:
        harness.copy_notebooks(REPO / "solutions" / course.ASSIGNMENT, submitted / s / course.ASSIGNMENT)
    (submitted / "s03" / course.ASSIGNMENT / "01_chain_rule.ipynb").write_text("not json")
    before = harness.hash_tree(submitted)
    results = tmp_path / "results"
    cmd = [sys.executable, "-m", "autograder", "grade", str(submitted), "--results", str(results), "--jobs", "1",
           "--quiet"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=harness._env(tmp_path / "tmp"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(results.glob("*/results.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = {p.parent.name: p.stat().st_mtime_ns for p in results.glob("*/results.json")}
    assert 1 <= len(done_before) < len(students)
    assert not list(results.rglob("*.tmp"))  # nothing half-written is visible
    time.sleep(0.5)  # the killed grader's zygotes see their control socket close and exit
    assert harness.sandbox_processes(tmp_path / "tmp") == []
    resumed = harness.run_cli(submitted, results, "--resume", "--jobs", "2", tmp=tmp_path / "tmp")
    assert resumed.returncode == 0, resumed.stderr
    for name, mtime in done_before.items():  # graded once, not again
        assert (results / name / "results.json").stat().st_mtime_ns == mtime
    rows = list(csv.DictReader((results / "summary.csv").open()))
    assert [r["student_id"] for r in rows] == students
    scores = {r["student_id"]: float(r["score"]) for r in rows}
    assert scores["s03"] == course.total_points() - sum(course.NOTEBOOKS["01_chain_rule"].values())
    assert all(scores[s] == course.total_points() for s in students if s != "s03")
    assert len(ET.parse(results / "junit.xml").getroot()) == len(students)
    assert harness.hash_tree(submitted) == before
    assert harness.sandbox_processes(tmp_path / "tmp") == []
    assert list((tmp_path / "tmp").glob("autograder-sandbox-*")) == []  # the killed run's scratch was swept


# ----------------------------------------------------------------------------- isolation and the class


def test_without_kernel_isolation_the_cli_refuses_unless_asked_and_records_the_mode(tmp_path):
    harness.copy_notebooks(RELEASE, tmp_path / "submitted" / "alice" / course.ASSIGNMENT)
    env = harness._env(tmp_path / "tmp")
    # as on a machine without bubblewrap, not root, and without seccomp or Landlock
    env.update(AUTOGRADER_BWRAP="0", AUTOGRADER_UID_MODE="0", AUTOGRADER_FILTERS="0")
    cmd = [sys.executable, "-m", "autograder", "grade", str(tmp_path / "submitted"), "--results",
           str(tmp_path / "results"), "--quiet"]
    refused = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "--insecure-python-only" in refused.stderr
    assert not (tmp_path / "results" / "alice").exists()
    allowed = subprocess.run(cmd + ["--insecure-python-only"], cwd=REPO, env=env, capture_output=True, text=True,
                             timeout=300)
    assert allowed.returncode == 0 and allowed.stderr.count("WITHOUT kernel-level isolation") == 1
    data = report.read_student(tmp_path / "results" / "alice" / report.RESULTS_FILE)
    assert data["extra_data"]["isolation"] == "python-only (insecure)"
    default = harness.run_cli(tmp_path / "submitted", tmp_path / "results-bwrap", tmp=tmp_path / "tmp")
    data = report.read_student(tmp_path / "results-bwrap" / "alice" / report.RESULTS_FILE)
    assert default.returncode == 0 and data["extra_data"]["isolation"] == "bubblewrap"


def test_no_folder_name_or_damaged_notebook_stops_the_class(tmp_path):
    submitted = tmp_path / "submitted"
    key = REPO / "solutions" / course.ASSIGNMENT
    for student in ("alice", course.ASSIGNMENT, "summary.csv", "=HYPERLINK(1)", "bob"):
        harness.copy_notebooks(key, submitted / student / course.ASSIGNMENT)
    (submitted / "linked").symlink_to(submitted / "alice")
    bob = submitted / "bob" / course.ASSIGNMENT
    (bob / "01_chain_rule.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                                         "cells": [7, None, "x", {"cell_type": 3}]}))
    (bob / "02_activations.ipynb").unlink()
    (bob / "02_activations.ipynb").symlink_to(key / "02_activations.ipynb")
    before = harness.hash_tree(submitted)
    proc = harness.run_cli(submitted, tmp_path / "results", "--jobs", "2", tmp=tmp_path / "tmp")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "'linked'" in proc.stderr and "summary.csv'" not in proc.stderr  # every real folder is graded
    rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader((tmp_path / "results" / "summary.csv").open())}
    assert set(rows) == {"alice", course.ASSIGNMENT, "bob", "summary.csv", "'=HYPERLINK(1)"}  # a formula as text
    assert rows["alice"] == rows[course.ASSIGNMENT] == rows["summary.csv"] == rows["'=HYPERLINK(1)"] \
        == course.total_points()
    for odd in ("summary.csv", "=HYPERLINK(1)"):
        assert report.read_student(tmp_path / "results" / report.folder_name(odd) / report.RESULTS_FILE)["student_id"] == odd
    assert rows["bob"] == course.total_points() - sum(course.NOTEBOOKS["01_chain_rule"].values()) \
        - sum(course.NOTEBOOKS["02_activations"].values())
    bob_notes = report.read_student(tmp_path / "results" / "bob" / report.RESULTS_FILE)["output"]
    assert "symbolic link" in bob_notes
    assert harness.hash_tree(submitted) == before


def test_the_default_is_two_jobs_per_cpu_as_memory_allows():
    from autograder.grade import JOB_MEMORY, default_jobs

    assert default_jobs(2, 24 * 2**30) == 4
    assert default_jobs(8, 3 * JOB_MEMORY + 1) == 3  # memory binds first
    assert default_jobs(2, JOB_MEMORY // 2) == 1  # never fewer than one
    assert 1 <= default_jobs() <= 2 * (os.cpu_count() or 1)


def test_a_containers_memory_limit_bounds_the_default_jobs(tmp_path):
    # Gradescope's container and a JupyterHub pod cap memory in their cgroup while /proc/meminfo shows the host's
    from autograder.sandbox.cgroups import memory_room

    v2 = tmp_path / "v2"
    (v2 / "pod").mkdir(parents=True)
    (v2 / "pod" / "memory.max").write_text("2147483648\n")
    (v2 / "pod" / "memory.current").write_text("536870912\n")
    assert memory_room(str(v2), "0::/pod\n") == 1536 * 2**20
    (v2 / "pod" / "memory.max").write_text("max\n")
    assert memory_room(str(v2), "0::/pod\n") is None
    v1 = tmp_path / "v1"
    (v1 / "memory" / "docker" / "abc").mkdir(parents=True)
    (v1 / "memory" / "docker" / "abc" / "memory.limit_in_bytes").write_text("805306368\n")
    (v1 / "memory" / "docker" / "abc" / "memory.usage_in_bytes").write_text("104857600\n")
    assert memory_room(str(v1), "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n") == 668 * 2**20  # 768 MiB less 100 MiB
    assert memory_room(str(v1), "5:cpu:/docker/abc\n") is None
