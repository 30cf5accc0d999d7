"""Write the nbgrader source notebooks ``source/backprop/*.ipynb`` from the modules of ``authoring``.

    python -m authoring.build_source            # (re)write every notebook
    python -m authoring.build_source --check    # exit 1 if a committed notebook differs from what would be written

The output is deterministic: cell ids are the nbgrader grade_ids (or ``cell-<position>`` for plain cells), there
are no outputs, execution counts or timestamps, and the JSON is written with sorted keys, so regenerating is
byte-identical.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

import nbformat
from nbformat import v4

from authoring import rules
from autograder import course

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "source" / course.ASSIGNMENT

# notebook name -> authoring module, in course order
MODULES = {
    "01_chain_rule": "authoring.nb01_chain_rule",
    "02_activations": "authoring.nb02_activations",
    "03_network": "authoring.nb03_network",
    "04_batches": "authoring.nb04_batches",
    "05_gradient_checking": "authoring.nb05_gradient_checking",
    "06_deep_network": "authoring.nb06_deep_network",
    "07_softmax_classifier": "authoring.nb07_softmax_classifier",
    "08_optimizers": "authoring.nb08_optimizers",
    "09_regularization": "authoring.nb09_regularization",
    "10_digits": "authoring.nb10_digits",
}

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def hidden_region(function: str) -> str:
    """The only content of a hidden test region (docs/design.md, "Names that must match everywhere")."""
    return f'{BEGIN_HIDDEN}\nfrom autograder.hidden import check; check("{function}", globals())\n{END_HIDDEN}'


def _nbgrader(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def cells_of(name: str) -> list[tuple[str, str, dict]]:
    return importlib.import_module(MODULES[name]).CELLS


def _check_structure(name: str, cells) -> None:
    """Every exercise of course.NOTEBOOKS[name]: one solution cell, then right after it its graded test cell."""
    table = course.NOTEBOOKS[name]
    tested = [meta["function"] for kind, _, meta in cells if kind == "tests"]
    if tested != list(table):
        raise ValueError(f"{name}: test cells {tested} do not match course.NOTEBOOKS order {list(table)}")
    for i, (kind, text, meta) in enumerate(cells):
        if kind == "tests":
            prev_kind, prev_text, prev_meta = cells[i - 1]
            fn = meta["function"]
            if prev_kind != "solution" or prev_meta["grade_id"] != fn or (
                    f"def {fn}(" not in prev_text and f"class {fn}:" not in prev_text):
                raise ValueError(f"{name}: test_{fn} must follow the solution cell {fn!r} that defines it")
        if kind == "solution" and (BEGIN_SOLUTION not in text or END_SOLUTION not in text):
            raise ValueError(f"{name}: solution cell {meta['grade_id']!r} has no solution markers")
        if kind == "solution" and meta["graded_exercise"] and meta["grade_id"] not in table:
            raise ValueError(f"{name}: solution cell {meta['grade_id']!r} is not an exercise of course.NOTEBOOKS")
        if BEGIN_HIDDEN in text:
            raise ValueError(f"{name}: write hidden regions through build_source, not by hand")


def expand(text: str, name: str) -> str:
    """Fill the placeholders of notebook ``name``'s text: points and time (``autograder.course``), the grading
    rules of the first cell, and each exercise's *Graded* list (``{RULES:<function>}``, from ``authoring.rules``)."""
    points = course.NOTEBOOKS[name]
    text = (text.replace("{NOTEBOOK_POINTS}", str(sum(points.values())))
            .replace("{NOTEBOOK_TIME}", course.time_estimate(name))
            .replace("{COURSE_TIME}", course.course_time())
            .replace("{COURSE_POINTS}", str(course.total_points()))
            .replace("{GRADING_RULES}", rules.grading_rules()))
    return re.sub(r"\{RULES:(\w+)\}", lambda m: rules.exercise_rules(m.group(1)), text)


def build_notebook(name: str) -> nbformat.NotebookNode:
    cells = cells_of(name)
    _check_structure(name, cells)
    points = course.NOTEBOOKS[name]
    nb = v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    seen = set()
    for pos, (kind, text, meta) in enumerate(cells):
        text = expand(text, name)
        if kind == "markdown":
            gid = meta.get("grade_id") or f"md_{pos:02d}"
            cell = v4.new_markdown_cell(text, id=gid, metadata=_nbgrader(gid, locked=True))
        elif kind in ("setup", "provided"):
            gid = meta["grade_id"]
            cell = v4.new_code_cell(text, id=gid, metadata=_nbgrader(gid, locked=True))
        elif kind == "demo":
            gid = f"cell-{pos:02d}"
            cell = v4.new_code_cell(text, id=gid, metadata={})
        elif kind == "solution":
            gid = meta["grade_id"]
            cell = v4.new_code_cell(text, id=gid, metadata=_nbgrader(gid, solution=True))
        elif kind == "tests":
            gid, fn = meta["grade_id"], meta["function"]
            source = text + "\n\n" + hidden_region(fn)
            cell = v4.new_code_cell(source, id=gid,
                                    metadata=_nbgrader(gid, grade=True, locked=True, points=points[fn]))
        else:
            raise ValueError(f"{name}: unknown cell kind {kind!r} at position {pos}")
        if gid in seen:
            raise ValueError(f"{name}: duplicate cell id {gid!r}")
        seen.add(gid)
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(name: str) -> str:
    """The exact text of the source notebook ``name``."""
    return nbformat.writes(build_notebook(name)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    SOURCE_DIR.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in course.NOTEBOOKS:
        path = SOURCE_DIR / f"{name}.ipynb"
        text = render(name)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is out of date: run python -m authoring.build_source", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
