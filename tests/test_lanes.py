"""A lone student's notebooks shared among grading processes (``grade_submission(..., lanes=k)``, Gradescope's and
Classroom's case): the same results as one process, whatever a lane does; a lane that fails or hangs costs
nothing (its notebooks are graded by the process that forked it)."""

import os
import time

import pytest

from attacks import harness
from autograder import course, grade, sandbox
from autograder.discover import discover

SOURCE = harness.REPO / "source" / course.ASSIGNMENT


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    """A buggy student (hints, partial marks) with a damaged notebook and one not handed in."""
    root = tmp_path_factory.mktemp("lanes")
    folder = root / "lane-student" / course.ASSIGNMENT
    harness.make_damaged(folder, harness.buggy_sources())
    return discover(root)[0]


def _graded(sub, lanes):
    data = grade.grade_submission(sub, SOURCE, "lanes-secret", isolation=sandbox.isolation(False), lanes=lanes)
    data.pop("execution_time", None)
    return data


@pytest.fixture(scope="module")
def one_lane(student):
    return _graded(student, 1)


def test_the_notebooks_are_shared_without_loss_or_repeat():
    names = list(course.NOTEBOOKS)
    for lanes in range(1, 6):
        groups = grade._lanes(names, lanes)
        assert len(groups) == min(lanes, len(names)) and sorted(sum(groups, [])) == sorted(names)
        assert all(g == sorted(g, key=names.index) for g in groups)  # each group in course order
    assert grade._lanes([], 3) == [] and grade._lanes(names[:1], 3) == [names[:1]]


def test_three_lanes_give_what_one_gives(student, one_lane):
    assert _graded(student, 3) == one_lane
    assert one_lane["score"] < course.total_points()  # the buggy student loses points: there is something to compare


def test_a_failing_lane_costs_nothing(student, one_lane, monkeypatch):
    def dies(*args):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os._exit(1)
        os.close(w)
        return pid, r
    monkeypatch.setattr(grade, "_fork_lane", dies)
    assert _graded(student, 2) == one_lane


def test_a_lane_that_never_answers_is_killed_and_its_notebooks_graded_here(monkeypatch):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        time.sleep(600)
        os._exit(0)
    os.close(w)
    monkeypatch.setattr(grade, "LANE_GRACE", 0.5)
    start = time.monotonic()
    assert grade._join_lane((pid, r), ["01_chain_rule"], sandbox.Limits(notebook_timeout=0.5)) is None
    assert time.monotonic() - start < 30
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped


def test_a_lone_student_gets_one_lane_per_cpu_at_most_four():
    assert grade.lone_lanes(1) == 1 and grade.lone_lanes(3) == 3 and grade.lone_lanes(9) == 4
    assert grade.lone_lanes(None, cpus=1) == 1 and 1 <= grade.lone_lanes(None, cpus=8) <= 4


def test_lanes_end_with_a_grader_that_fails_while_they_grade(student, monkeypatch):
    parent, forked = os.getpid(), []
    real_fork, real_grade = grade._fork_lane, grade._grade_notebooks

    def fork(*args):
        child = real_fork(*args)
        forked.append(child[0])
        return child

    def grade_or_fail(*args):
        if os.getpid() == parent:
            raise RuntimeError("a grader bug")
        return real_grade(*args)
    monkeypatch.setattr(grade, "_fork_lane", fork)
    monkeypatch.setattr(grade, "_grade_notebooks", grade_or_fail)
    with pytest.raises(RuntimeError, match="a grader bug"):
        _graded(student, 3)
    assert len(forked) == 2
    for pid in forked:  # killed and reaped, not left grading
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
