"""A whole term through nbgrader's exchange, with nbgrader's own commands, each user with its own HOME.

The instructor releases, two students fetch, work and submit, the instructor collects, autogrades
(SandboxGrade), generates and releases feedback, and the students fetch it. At the end: the gradebook
has the scores the work deserves, each student's fetched feedback shows their own scores, and
autograde said nothing about the untouched cells while still naming the one test cell a student
edited.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from attacks import harness
from autograder import course
from autograder.nbgrader_plugin import gradebook_scores

NBGRADER = str(Path(sys.executable).parent / "nbgrader")
STUDENTS = ("alice", "bob")
TAMPERED = "test_relu"  # bob rewrites the visible asserts of this (locked) test cell


TIMES: dict[str, float] = {}


def run(args: list[str], *, home: Path, user: str, cwd: Path, exchange: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), USER=user, LOGNAME=user, BACKPROP_EXCHANGE=str(exchange),
               AUTOGRADER_SECRET="exchange-test-secret", PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
               PYTHONPATH=str(harness.REPO))
    start = time.monotonic()
    proc = subprocess.run([NBGRADER, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    TIMES[f"{user} {args[0]}"] = time.monotonic() - start
    assert proc.returncode == 0, f"{user}: nbgrader {' '.join(args)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


def fill(folder: Path, cells: dict[str, str]) -> None:
    """Put ``cells`` (function -> source) into the solution cells of the fetched notebooks in ``folder``."""
    for path in folder.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and meta.get("grade_id") in cells:
                cell.source = cells[meta["grade_id"]]
        nbformat.write(nb, path)


def tamper(path: Path, grade_id: str) -> None:
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = "print('all tests pass')\n"
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("term")
    exchange = tmp / "exchange"
    exchange.mkdir()
    root = tmp / "course"
    shutil.copytree(harness.REPO / "source", root / "source")
    shutil.copy(harness.REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    homes = {u: tmp / "home" / u for u in ("instructor", *STUDENTS)}
    for user, home in homes.items():
        (home / ".jupyter").mkdir(parents=True)
        if user != "instructor":  # what docs/grading.md tells students to write
            (home / ".jupyter" / "nbgrader_config.py").write_text(
                "c = get_config()\n"
                "c.CourseDirectory.course_id = 'backprop-course'\n"
                f"c.Exchange.root = {str(exchange)!r}\n"
                # all "users" here share one OS account, whose name nbgrader would take as the student id
                f"c.CourseDirectory.student_id = {user!r}\n")

    def teacher(*args):
        return run(list(args), home=homes["instructor"], user="instructor", cwd=root, exchange=exchange)

    def students(*args):  # every student at once, as in a class (and twice as fast on 2 cores)
        with ThreadPoolExecutor(len(STUDENTS)) as pool:
            list(pool.map(lambda u: run(list(args), home=homes[u], user=u, cwd=homes[u], exchange=exchange), STUDENTS))

    teacher("generate_assignment", course.ASSIGNMENT, "--force")
    teacher("release_assignment", course.ASSIGNMENT)
    base = harness.baseline_sources()
    work = {"alice": base,  # everything right
            "bob": {fn: base[fn] for fn in course.NOTEBOOKS["02_activations"]}}  # notebook 2 only
    students("fetch_assignment", course.ASSIGNMENT)
    for user in STUDENTS:
        fill(homes[user] / course.ASSIGNMENT, work[user])
    tamper(homes["bob"] / course.ASSIGNMENT / "02_activations.ipynb", TAMPERED)
    students("submit", course.ASSIGNMENT)
    teacher("collect", course.ASSIGNMENT)
    autograde = teacher("autograde", course.ASSIGNMENT)
    teacher("generate_feedback", course.ASSIGNMENT)
    teacher("release_feedback", course.ASSIGNMENT)
    students("fetch_feedback", course.ASSIGNMENT)
    return root, homes, autograde


def test_collect_finds_every_submission(term):
    root, _, _ = term
    for user in STUDENTS:
        assert sorted(p.stem for p in (root / "submitted" / user / course.ASSIGNMENT).glob("*.ipynb")) == \
            sorted(course.NOTEBOOKS)


def test_the_gradebook_holds_the_scores_the_work_deserves(term):
    root, _, _ = term
    scores = gradebook_scores(root)
    assert sum(scores["alice"].values()) == pytest.approx(course.total_points())
    notebook2 = course.NOTEBOOKS["02_activations"]
    assert {fn: scores["bob"][fn] for fn in notebook2} == pytest.approx(notebook2)  # tampering costs nothing here
    assert sum(scores["bob"].values()) == pytest.approx(sum(notebook2.values()))


def test_each_student_fetches_feedback_with_their_own_scores(term):
    _, homes, _ = term
    for user, total in (("alice", course.total_points()), ("bob", sum(course.NOTEBOOKS["02_activations"].values()))):
        pages = sorted((homes[user] / course.ASSIGNMENT / "feedback").glob("*/*.html"))
        assert sorted(p.stem for p in pages) == sorted(course.NOTEBOOKS), user
        html = "\n".join(p.read_text(encoding="utf-8") for p in pages)
        assert "run in the grader" in html and "HIDDEN TESTS" not in html
        found = sum(float(s) for s in re.findall(r"\(Score: ([0-9.]+) / [0-9.]+\)</h4>", html))  # per notebook
        assert found == pytest.approx(total, abs=0.01 * len(pages)), user
    bob = (homes["bob"] / course.ASSIGNMENT / "feedback")
    assert "not implemented yet" in "\n".join(p.read_text() for p in bob.glob("*/03_network.html"))


def test_autograde_warns_only_about_the_cell_a_student_changed(term):
    _, _, autograde = term
    log = autograde.stdout + autograde.stderr
    changed = re.findall(r"Attribute '(\w+)' for cell (\w+) has changed", log)
    assert changed == [("checksum", TAMPERED)]  # bob's edit, once; nothing for the untouched cells
    assert "SAWarning" not in log and "DuplicateCellId" not in log
    assert "Traceback" not in log


def test_report_step_times(term, capsys):
    with capsys.disabled():
        print("\n" + "\n".join(f"  {k}: {v:.1f} s" for k, v in TIMES.items()))
    assert len(TIMES) == 6 + 3 * len(STUDENTS)
