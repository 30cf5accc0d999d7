"""Find submissions in nbgrader's layout: ``<SUBMITTED>/<student_id>/<assignment>/<notebook>.ipynb``.

First stage of the grading pipeline (discover -> extract -> sandbox -> checks -> diagnose -> report).
``discover(path)`` accepts the whole ``submitted/`` folder, one student's folder
(``<SUBMITTED>/<student_id>``) or one student's assignment folder (``.../<student_id>/backprop``).
Only notebooks named in ``autograder.course.NOTEBOOKS`` are graded; a missing one is simply absent
from ``Submission.notebooks`` (its checks then score 0 with a message). Nothing here reads a notebook
and nothing follows a symbolic link: a linked folder or notebook is not the student's file.

Every folder is graded, whatever its name (``summary.csv``, ``-h``, ``=HYPERLINK(...)``, non-ASCII
letters, a bidi override): ``report`` escapes the id wherever it is written and files each student's
results under ``report.folder_name(id)``. ``valid_student_id`` tells the plain names, which are used
as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder import course

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")
RESERVED_IDS = frozenset({"summary.csv", "junit.xml", "results.json", "feedback.md"})


@dataclass(frozen=True)
class Submission:
    """One student's assignment folder and the graded notebooks found in it."""

    student_id: str
    folder: Path  # <SUBMITTED>/<student_id>/<assignment>
    notebooks: dict[str, Path] = field(default_factory=dict)  # notebook name -> path, only those present

    def missing(self) -> list[str]:
        return [nb for nb in course.NOTEBOOKS if nb not in self.notebooks]


class Discovered(list):
    """The submissions found (a list), and ``rejected``: (folder name, why) of the folders not graded."""

    def __init__(self, subs=(), rejected=()):
        super().__init__(subs)
        self.rejected = list(rejected)


def valid_student_id(name: str) -> bool:
    """Whether ``name`` can be a student id: a plain file name that no class file uses."""
    return bool(_ID.fullmatch(name)) and name not in RESERVED_IDS and not name.startswith(".")


def _real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _submission(student_id: str, folder: Path) -> Submission:
    # a linked notebook is kept: extract refuses to read it and says why, so the student sees it
    found = {nb: folder / f"{nb}.ipynb" for nb in course.NOTEBOOKS
             if (folder / f"{nb}.ipynb").is_file() or (folder / f"{nb}.ipynb").is_symlink()}
    return Submission(student_id, folder, found)


def _has_notebooks(folder: Path) -> bool:
    return any((folder / f"{nb}.ipynb").exists() or (folder / f"{nb}.ipynb").is_symlink() for nb in course.NOTEBOOKS)


def discover(path: str | Path, assignment: str = course.ASSIGNMENT) -> Discovered:
    """Every submission under ``path``, sorted by student id; FileNotFoundError if ``path`` is no folder."""
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder of submissions (expected <SUBMITTED>/<student>/{assignment}/)")
    if _has_notebooks(root):  # one student's assignment folder
        return _checked([(root.resolve().parent.name, root)])
    children = [d for d in sorted(root.iterdir(), key=lambda p: p.name) if _real_dir(d / assignment) and _real_dir(d)]
    single = root / assignment
    if _real_dir(single) and _has_notebooks(single) and not any(d.name != assignment for d in children):
        return _checked([(root.resolve().name, single)])  # one student's folder
    skipped = [(d.name, "it is a symbolic link") for d in sorted(root.iterdir(), key=lambda p: p.name)
               if d.is_symlink()]
    return _checked([(d.name, d / assignment) for d in children if d.name != ".ipynb_checkpoints"], skipped)


def _checked(found, rejected=()) -> Discovered:
    return Discovered([_submission(name, folder) for name, folder in found if name], rejected)
