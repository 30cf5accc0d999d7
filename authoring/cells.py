"""Cell helpers: every notebook module is a list of ``(kind, text, metadata)`` tuples made by these functions.

kinds
    markdown   locked markdown (nbgrader read-only cell)
    setup      locked code the exercises need (grade_id ``setup_*``); the grader runs these and nothing else
    provided   locked code for the demonstrations; like every locked cell it also runs in grading (autograder.extract)
    demo       ordinary code cell, free to edit (plots, experiments); never run by the grader
    solution   the student's cell: the function(s) with ``### BEGIN SOLUTION`` / ``### END SOLUTION`` bodies
    tests      the graded, locked cell ``test_<function>``: visible asserts, then the hidden check region
               (added by ``authoring.build_source``, as are its points from ``autograder.course``)
"""

from __future__ import annotations

import textwrap

Cell = tuple[str, str, dict]


def _clean(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def markdown(text: str, grade_id: str | None = None) -> Cell:
    return ("markdown", _clean(text), {"grade_id": grade_id} if grade_id else {})


def setup(grade_id: str, text: str) -> Cell:
    if not grade_id.startswith("setup_"):
        raise ValueError(f"setup cell grade_id {grade_id!r} must start with 'setup_'")
    return ("setup", _clean(text), {"grade_id": grade_id})


def provided(grade_id: str, text: str) -> Cell:
    if grade_id.startswith("setup_"):
        raise ValueError(f"provided cell {grade_id!r} must not start with 'setup_' (setup cells are the cheap ones)")
    return ("provided", _clean(text), {"grade_id": grade_id})


def demo(text: str) -> Cell:
    return ("demo", _clean(text), {})


def solution(grade_id: str, text: str, graded: bool = True) -> Cell:
    """A solution cell. ``graded=False`` marks a helper cell that is not an exercise of course.NOTEBOOKS."""
    return ("solution", _clean(text), {"grade_id": grade_id, "graded_exercise": graded})


def tests(function: str, text: str) -> Cell:
    return ("tests", _clean(text), {"grade_id": f"test_{function}", "function": function})


# The visible tests' comparison helper. Every notebook needs it in its first setup cell (notebooks run in
# separate kernels and ship no helper module), so its text lives here once.
_EXPECT_CLOSE = '''
def expect_close(name, got, expected, atol=1e-6):
    """Visible-test helper: say which output is wrong, its shape, and what was expected."""
    assert got is not None, f"{name} is None: did you forget a return statement?"
    expected = np.asarray(expected, dtype=float)
    got = np.asarray(got, dtype=float)
    assert got.shape == expected.shape, f"{name} has shape {got.shape}, expected shape {expected.shape}"
    assert np.allclose(got, expected, rtol=1e-6, atol=atol), (
        f"{name} is {np.round(got, 6).tolist()}, expected about {np.round(expected, 6).tolist()}")
'''


def setup_imports(*modules: str) -> Cell:
    """The first setup cell of a notebook: ``import`` of the given stdlib modules, numpy, and expect_close."""
    lines = [f"import {name}" for name in modules] + ([""] if modules else []) + ["import numpy as np", "", "", ""]
    return setup("setup_imports", "\n".join(lines) + _EXPECT_CLOSE.strip("\n"))
