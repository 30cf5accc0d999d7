"""What nbgrader's hidden test cells call: ``check("<function>", globals())``.

The cell's last expression is the call, so the returned score (a float between 0 and the exercise's
points) becomes the cell's output, which nbgrader reads as partial credit. The feedback of every check
is printed on stdout; nothing is written to stderr (nbgrader gives 0 to a cell with stderr output).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from autograder import course
from autograder.checks import seeds
from autograder.checks.engine import InProcessCall, run_checks

STUDENT_ENV = "AUTOGRADER_STUDENT"
BUG_CODE_ENV = "AUTOGRADER_BUG_CODE"  # notebook 5's bug-hunt code: a JupyterHub may set it per user; grading sets it


def current_student(cwd: str | os.PathLike | None = None) -> str:
    """The student being graded: env AUTOGRADER_STUDENT, else the folder after nbgrader's
    ``submitted/`` or ``autograded/`` in the working directory, else "student"."""
    student = os.environ.get(STUDENT_ENV, "").strip()
    if student:
        return student
    parts = Path(cwd or os.getcwd()).resolve().parts
    for marker in ("autograded", "submitted", "feedback"):
        if marker in parts:
            i = len(parts) - 1 - parts[::-1].index(marker)
            if i + 1 < len(parts):
                return parts[i + 1]
    return "student"


BUG_HUNT = ("bug_report", "backward_corrected")  # graded against the bug-hunt code of the kernel's STUDENT_ID


def check(function: str, namespace: dict, student_id: str | None = None) -> float:
    """Run the hidden checks of ``function`` on the notebook's namespace; print feedback; return the score."""
    course.notebook_of(function)  # KeyError with a clear message for a name that is not graded
    own = namespace.get("STUDENT_ID")
    if student_id is None and function in BUG_HUNT and type(own) is str and own:
        student_id = own  # the id this kernel's locked cell made its development code from (notebook 5)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        student_id = student_id or current_student()
        seed = seeds.seed_for(student_id)
    for w in caught:
        print(f"note for the instructor: {w.message}")
    # notebook 5's report is graded against the bug-hunt code of this id and seed; the kernel's locked cell drew its
    # backward_b from its own AUTOGRADER_BUG_CODE, else the development code of STUDENT_ID: under a course secret,
    # set AUTOGRADER_BUG_CODE per student when grading with these cells
    results = run_checks(InProcessCall(namespace), seed, functions=[function], student_id=student_id)
    for r in results:
        mark = "ok  " if r.status == "passed" else "FAIL"
        print(f"{mark} {r.name} [{r.score:.2f}/{r.max_score:.2f}] {r.output if r.status != 'passed' else ''}".rstrip())
    return round(sum(r.score for r in results), 6)
