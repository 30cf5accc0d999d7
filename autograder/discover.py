"""Find submissions in nbgrader's layout: ``<SUBMITTED>/<student_id>/<assignment>/<notebook>.ipynb``.

First stage of the grading pipeline (discover -> extract -> sandbox -> checks -> diagnose -> report).
``discover(path)`` accepts the whole ``submitted/`` folder, one student's folder
(``<SUBMITTED>/<student_id>``) or one student's assignment folder (``.../<student_id>/backprop``).
Only notebooks named in ``autograder.course.NOTEBOOKS`` are graded; a missing one is simply absent
from ``Submission.notebooks`` (its checks then score 0 with a message). Nothing here reads a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograder import course


@dataclass(frozen=True)
class Submission:
    """One student's assignment folder and the graded notebooks found in it."""

    student_id: str
    folder: Path  # <SUBMITTED>/<student_id>/<assignment>
    notebooks: dict[str, Path] = field(default_factory=dict)  # notebook name -> path, only those present

    def missing(self) -> list[str]:
        return [nb for nb in course.NOTEBOOKS if nb not in self.notebooks]


def _submission(student_id: str, folder: Path) -> Submission:
    found = {nb: folder / f"{nb}.ipynb" for nb in course.NOTEBOOKS if (folder / f"{nb}.ipynb").is_file()}
    return Submission(student_id, folder, found)


def discover(path: str | Path, assignment: str = course.ASSIGNMENT) -> list[Submission]:
    """Every submission under ``path``, sorted by student id; FileNotFoundError if ``path`` is no folder."""
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder of submissions (expected <SUBMITTED>/<student>/{assignment}/)")
    if root.name == assignment and any(root.glob("*.ipynb")):
        return [_submission(root.resolve().parent.name, root)]
    if (root / assignment).is_dir():
        return [_submission(root.resolve().name, root / assignment)]
    subs = [
        _submission(d.name, d / assignment)
        for d in sorted(root.iterdir(), key=lambda p: p.name)
        if d.is_dir() and not d.name.startswith(".") and (d / assignment).is_dir()
    ]
    return subs
