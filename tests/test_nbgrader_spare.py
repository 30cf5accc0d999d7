"""nbgrader grades a class notebook by notebook in one process: SandboxGrade boots the next notebook's sandbox
while the current one is graded, and each notebook still gets a fresh sandbox of its own."""

from pathlib import Path

import nbformat
import pytest

from autograder import course, grade, sandbox
from autograder.nbgrader_plugin import SandboxGrade

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sandbox.isolation(False) == sandbox.PYTHON_ONLY, reason="needs a kernel-level mode")
def test_each_notebook_takes_the_sandbox_booted_during_the_last(monkeypatch):
    started, closed = [], []
    real = sandbox.Zygote

    class Counting(real):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

        def close(self):
            closed.append(self)
            super().close()

    monkeypatch.setattr(sandbox, "Zygote", Counting)
    names = list(course.NOTEBOOKS)[:3]
    try:
        for i, name in enumerate(names):
            nb = nbformat.read(REPO / "release" / course.ASSIGNMENT / f"{name}.ipynb", as_version=4)
            pre = SandboxGrade(source_notebook=str(REPO / "source" / course.ASSIGNMENT / f"{name}.ipynb"))
            resources = {"nbgrader": {"notebook": name, "student": "spare-student", "assignment": course.ASSIGNMENT}}
            pre.preprocess(nb, resources)
            # the notebook's own sandbox is closed; one more is booting for the next notebook
            assert len(started) == i + 2 and started[i] in closed and started[i + 1] not in closed, i
        assert len(set(map(id, started))) == len(started)  # never one sandbox for two notebooks
    finally:
        grade.close_spare()
    assert set(map(id, closed)) == set(map(id, started))
