"""Write the answer key ``solutions/backprop/*.ipynb``: the source notebooks, solved and executed.

    python -m authoring.build_solutions

From each committed source notebook (``source/backprop/``):
  * the ``### BEGIN SOLUTION`` / ``### END SOLUTION`` marker lines are removed, the solution code stays;
  * the hidden test regions (``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``) are removed, so the key
    runs without ``autograder.hidden`` and shows no grader output;
  * the nbgrader cell metadata is dropped: the key is a plain notebook, not something to feed to nbgrader
    (cell ids are kept, so a cell of the key can be matched with its source cell);
then the notebook is executed top to bottom with nbclient, as the student id ``answer_key`` (``AUTOGRADER_STUDENT``:
notebook 5 makes the development bug-hunt code of that id when no code is set, and the key shows its version) (outputs and plots included) and written with sorted
keys and no timing metadata. Output that measures time (notebook 4) differs from run to run; everything else
is reproducible.
"""

from __future__ import annotations

import argparse
import os
import copy
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder import course
from autograder.hidden import STUDENT_ENV

ROOT = Path(__file__).resolve().parent.parent
KEY_STUDENT = "answer_key"
SOURCE_DIR = ROOT / "source" / course.ASSIGNMENT
SOLUTIONS_DIR = ROOT / "solutions" / course.ASSIGNMENT

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def solved_source(source: str) -> str:
    """A source cell's code with the solution markers and the hidden test regions removed."""
    kept, hidden = [], False
    for line in source.split("\n"):
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden and BEGIN_SOLUTION not in line and END_SOLUTION not in line:
            kept.append(line)
    return "\n".join(kept).rstrip()


def solved_notebook(source_nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The unexecuted answer key of one source notebook."""
    nb = copy.deepcopy(source_nb)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.source = solved_source(cell.source)
    return nb


def execute(nb: nbformat.NotebookNode, timeout: int = 120) -> float:
    """Run ``nb`` in place in a fresh python3 kernel from the solutions folder; return the seconds it took."""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(SOLUTIONS_DIR)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: all of autograder.course)")
    args = parser.parse_args(argv)
    os.environ[STUDENT_ENV] = KEY_STUDENT  # the kernels inherit it
    # One BLAS thread per kernel: on a busy machine OpenBLAS's spinning threads made notebook 10's training cell
    # take over 120 s of wall time for 1.5 s of CPU; one thread also makes the printed numbers the same everywhere.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    SOLUTIONS_DIR.mkdir(parents=True, exist_ok=True)
    if (SOURCE_DIR / "data").is_dir():  # the files a notebook reads (notebook 10's digits), as nbgrader releases them
        shutil.copytree(SOURCE_DIR / "data", SOLUTIONS_DIR / "data", dirs_exist_ok=True)
    for name in args.notebooks or list(course.NOTEBOOKS):
        nb = solved_notebook(nbformat.read(SOURCE_DIR / f"{name}.ipynb", as_version=4))
        seconds = execute(nb)
        path = SOLUTIONS_DIR / f"{name}.ipynb"
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} (executed in {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
