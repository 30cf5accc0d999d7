"""Notebook 5's bug-hunt codes for a roster: ``python -m autograder bug-codes [ID ...] [--roster FILE]``.

Each student hunts the planted bug of their own bug-hunt code (``reference.gradient_checking.bug_code`` of their
seed, so of the course secret and their id). The instructor hands the codes out, on a JupyterHub as the
environment variable ``AUTOGRADER_BUG_CODE`` of each user, or as a list; grading computes the same codes itself.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import warnings
from pathlib import Path


def read_roster(path: str | os.PathLike) -> list[str]:
    """The student ids of a roster file: one a line; blank lines and lines starting with # are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def gradebook_students(course_root: str | os.PathLike) -> list[str]:
    """The student ids in nbgrader's gradebook.db of ``course_root``."""
    from nbgrader.api import Gradebook

    path = Path(course_root) / "gradebook.db"
    if not path.is_file():
        raise FileNotFoundError(f"no gradebook.db in {course_root}: pass the nbgrader course folder")
    with Gradebook(f"sqlite:///{path}") as gb:
        return [student.id for student in gb.students]


def codes(student_ids, secret: str) -> list[tuple[str, str]]:
    """(id, bug-hunt code) of each id under the course secret ``secret``, in the order given, once each."""
    from autograder.checks import seeds
    from autograder.reference.gradient_checking import bug_code

    return [(sid, bug_code(seeds.seed_for(sid, secret=secret))) for sid in dict.fromkeys(student_ids)]


def main(args: argparse.Namespace) -> int:
    from autograder.checks import seeds

    ids = list(args.ids)
    try:
        for roster in args.roster or ():
            ids += read_roster(roster)
        if args.gradebook:
            ids += gradebook_students(args.gradebook)
    except (OSError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not ids:
        print("error: no student ids: give them as arguments, with --roster FILE, or with --gradebook COURSE",
              file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        secret = seeds.course_secret()
    if caught or secret == seeds.DEV_SECRET:
        print("warning: these are the codes of the public development secret (no course secret was found: set "
              f"{seeds.SECRET_ENV} or write {seeds.SECRET_FILE} in the course root): students can compute them, "
              "and a notebook given no code makes the same one from the student id it finds", file=sys.stderr)
    rows = codes(ids, secret)
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["student_id", "bug_code"])
        writer.writerows(rows)
    else:
        for sid, code in rows:
            print(f"{sid}\t{code}")
    return 0
