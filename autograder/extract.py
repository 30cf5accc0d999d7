"""Take from one submitted notebook the code the grader runs, and nothing else.

Second stage of the grading pipeline. For one notebook the grader runs, in the SOURCE notebook's order:

- every ``setup_*`` cell, taken from the source notebook (``source/backprop/``), never from the
  submission, so a student cannot change what the setup does;
- every solution cell, matched by nbgrader ``grade_id`` to the source's solution cells, taken from the
  submission.

Test cells, demo cells, markdown and any cell the source does not mark as a solution are never run.
A notebook that cannot be read gives ``Extracted.error`` (every check of it scores 0 with that
message); a deleted or renamed solution cell gives a note in ``Extracted.problems`` (its function is
then missing, and only its checks score 0). IPython magics and shell escapes (``%...``, ``!...``) are
commented out: the grader runs plain Python.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path


SETUP_PREFIX = "setup_"
MAX_CELL_CHARS = 200_000
_MAGIC = re.compile(r"^(\s*)([%!])", re.MULTILINE)
_DEF = re.compile(r"\bdef\s+(\w+)")


@dataclass
class Extracted:
    """The code of one notebook for the sandbox: ``cells`` is ``[(kind, grade_id, source), ...]``."""

    notebook: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # for the student's feedback
    error: str | None = None  # set when nothing of the notebook can be graded


def _meta(cell) -> dict:
    md = cell.get("metadata", {}) if isinstance(cell, dict) else {}
    nbg = md.get("nbgrader", {}) if isinstance(md, dict) else {}
    return nbg if isinstance(nbg, dict) else {}


def _text(source) -> str:
    if isinstance(source, list):
        source = "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def plain_python(source: str) -> str:
    """``source`` with IPython magics and shell escapes commented out."""
    return _MAGIC.sub(r"\1# \2", source)


def source_plan(source_nb) -> list[tuple[str, str, str]]:
    """The source notebook's graded code cells in order: ("setup", id, code) and ("solution", id, "")."""
    plan = []
    for cell in source_nb.cells:
        if cell.get("cell_type") != "code":
            continue
        meta = _meta(cell)
        grade_id = meta.get("grade_id")
        if not isinstance(grade_id, str):
            continue
        if grade_id.startswith(SETUP_PREFIX):
            plan.append(("setup", grade_id, plain_python(_text(cell.get("source")))))
        elif meta.get("solution"):
            plan.append(("solution", grade_id, ""))
    return plan


@functools.lru_cache(maxsize=32)
def _source_plan_cached(path: str, mtime: float) -> tuple:
    return tuple(source_plan(read_notebook(path)))


class _Notebook(dict):
    """A v4 notebook's JSON with ``nb.cells`` access, like nbformat's NotebookNode at the top level."""

    @property
    def cells(self):
        return self["cells"]


def read_notebook(path: str | Path):
    """The notebook at ``path``. A v4 notebook is taken as its JSON, without nbformat's schema
    validation (a third of a student's grading time, and it only logs: extraction checks every field
    it uses itself); other versions go through nbformat's converters. Raises on unreadable files."""
    text = Path(path).read_bytes().decode("utf-8")
    data = json.loads(text)
    if isinstance(data, dict) and data.get("nbformat") == 4 and isinstance(data.get("cells"), list):
        return _Notebook(data)  # only the top level: the cells stay plain dicts
    import nbformat  # older formats only: importing it costs a second (jsonschema), so not at start-up

    return nbformat.reads(text, as_version=4)


def load_source_plan(source_path: str | Path) -> list[tuple[str, str, str]]:
    """``source_plan`` of the notebook file at ``source_path`` (cached while the file is unchanged)."""
    path = Path(source_path)
    return list(_source_plan_cached(str(path.resolve()), path.stat().st_mtime))


def defined_names(source: str) -> set[str]:
    """The functions a cell defines at its top level (empty if it does not parse)."""
    try:
        tree = ast.parse(plain_python(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def solution_cells(submission_nb, wanted: set[str]) -> tuple[dict[str, str], set[str]]:
    """``{grade_id: source}`` of the submission's solution cells, and the ids found by the fallback.

    A solution cell is matched by its nbgrader grade_id. When that cell is gone, a code cell WITHOUT
    any nbgrader metadata that defines the function ``grade_id`` at its top level stands in for it (a
    notebook whose metadata was lost, or the answer key in solutions/); cells that carry nbgrader
    metadata of another kind (tests, locked, renamed solution cells) are never taken.
    """
    found: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for cell in getattr(submission_nb, "cells", None) or []:
        if cell.get("cell_type") != "code":
            continue
        meta = _meta(cell)
        grade_id = meta.get("grade_id")
        if meta.get("solution") and isinstance(grade_id, str):
            found.setdefault(grade_id, _text(cell.get("source")))
        elif not meta:
            text = _text(cell.get("source"))
            if len(text) <= MAX_CELL_CHARS and not wanted.isdisjoint(_DEF.findall(text)):  # parse only then
                for name in defined_names(text) & wanted:
                    fallback.setdefault(name, text)
    used = {gid for gid in wanted if gid not in found and gid in fallback}
    return {**{gid: fallback[gid] for gid in used}, **found}, used


def extract_notebook(submission_nb, plan: list[tuple[str, str, str]], notebook: str) -> Extracted:
    """The cells to run for an already-read submission ``submission_nb`` (also used by nbgrader)."""
    out = Extracted(notebook)
    solutions, by_definition = solution_cells(submission_nb, {gid for kind, gid, _ in plan if kind == "solution"})
    if by_definition:
        out.problems.append(f"{notebook}.ipynb lacks the nbgrader metadata of the solution cells "
                            f"{', '.join(f'`{g}`' for g in sorted(by_definition))}; the cells that define "
                            "those functions were graded instead")
    taken: set[str] = set()
    for kind, grade_id, code in plan:
        if kind == "setup":
            out.cells.append(("setup", grade_id, code))
        elif grade_id in solutions:
            code = solutions[grade_id]
            if code in taken and grade_id in by_definition:
                continue  # one unmarked cell defining several functions runs once
            taken.add(code)
            if len(code) > MAX_CELL_CHARS:
                out.problems.append(f"the solution cell `{grade_id}` is longer than {MAX_CELL_CHARS} characters "
                                    "and was not run")
                continue
            out.cells.append(("solution", grade_id, plain_python(code)))
        else:
            out.problems.append(f"the solution cell `{grade_id}` is missing from {notebook}.ipynb (deleted, or its "
                                "nbgrader metadata was changed), so its code was not run")
    return out


def extract(submission_path: str | Path | None, source_path: str | Path, notebook: str) -> Extracted:
    """The cells to run for the notebook file ``submission_path`` (None: not submitted)."""
    if submission_path is None or not Path(submission_path).is_file():
        return Extracted(notebook, error=f"{notebook}.ipynb was not submitted, so every check of it scores 0")
    plan = load_source_plan(source_path)
    try:
        nb = read_notebook(submission_path)
    except Exception as exc:  # noqa: BLE001  any damage to the file: JSON, encoding, schema
        return Extracted(notebook, error=f"{notebook}.ipynb could not be read as a notebook "
                         f"({type(exc).__name__}), so every check of it scores 0; re-download it from Jupyter "
                         "(File > Download) and submit it again")
    return extract_notebook(nb, plan, notebook)
