"""Take from one submitted notebook the program the grader runs: what Restart & Run All runs.

Second stage of the grading pipeline. The program is the submission's code cells in the submission's
order, each one of:

- a **setup or other locked cell** of the source (nbgrader ``locked``, not a test): its code is taken
  from the SOURCE notebook (``source/backprop/``), never from the submission, so a student cannot
  change what it does; a locked setup cell the submission lost is put back where the source has it;
- a **solution cell**, or **any cell the student added** (helpers, constants, imports, classes; also
  a solution cell whose nbgrader metadata was lost): the submission's code, run as it is;

and these cells are never run: **test cells** (graded, not solutions: the grader scores the functions
itself), and the notebook's own **demonstration cells** left as the source has them (plots and
experiments of the course; the first cell of each notebook says so), and markdown.

Cells run as cells (``autograder.sandbox``): a failing statement costs what depends on it, never the
cells after it. IPython magics and shell escapes (``%...``, ``!...``) are commented out: the grader
runs plain Python. A notebook that cannot be read gives ``Extracted.error`` (every check of it scores 0
with that message). Nothing here runs student code, and every size is capped.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

SETUP_PREFIX = "setup_"
TEST_PREFIX = "test_"
MAX_CELL_CHARS = 200_000
MAX_PROGRAM_CHARS = 2_000_000
MAX_NOTEBOOK_BYTES = 100 * 2**20
# JSON values a notebook may hold (counted from its separators before parsing): the parsed notebook's
# memory is bounded by this, not only by its bytes (100 MB of "{}," would be 33 million dicts)
MAX_JSON_TOKENS = 2_000_000
_MAGIC = re.compile(r"^(\s*)([%!])", re.MULTILINE)


@dataclass
class Extracted:
    """The program of one notebook for the sandbox: ``cells`` is ``[(kind, label, source), ...]``
    with kind "setup", "solution" or "added" and a label such as ``code cell 7 (`relu`)``."""

    notebook: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # for the student's feedback
    error: str | None = None  # set when nothing of the notebook can be graded


@dataclass(frozen=True)
class SourcePlan:
    """What the source notebook says about its code cells."""

    locked: dict  # grade_id -> code of every locked, non-test code cell (setup_* and provided code)
    order: tuple  # grade_ids of the locked cells and the solution cells, in source order
    solutions: frozenset  # grade_ids of the solution cells
    tests: frozenset  # grade_ids of the graded test cells
    demos: frozenset  # normalised code of the cells without nbgrader metadata (demonstrations)


def _meta(cell) -> dict:
    md = cell.get("metadata", {}) if isinstance(cell, dict) else {}
    nbg = md.get("nbgrader", {}) if isinstance(md, dict) else {}
    return nbg if isinstance(nbg, dict) else {}


def _text(source) -> str:
    if isinstance(source, list):
        source = "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _normal(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().splitlines())


def plain_python(source: str) -> str:
    """``source`` with IPython magics and shell escapes commented out."""
    return _MAGIC.sub(r"\1# \2", source)


def _cells(nb) -> list:
    cells = nb.get("cells") if isinstance(nb, dict) else getattr(nb, "cells", None)
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def _is_test(meta: dict) -> bool:
    grade_id = meta.get("grade_id")
    return bool(meta.get("grade")) and not meta.get("solution") or (
        isinstance(grade_id, str) and grade_id.startswith(TEST_PREFIX))


def source_plan(source_nb) -> SourcePlan:
    """The plan of a source notebook (see ``SourcePlan``)."""
    locked, order, solutions, tests, demos = {}, [], set(), set(), set()
    for cell in _cells(source_nb):
        if cell.get("cell_type") != "code":
            continue
        meta = _meta(cell)
        grade_id = meta.get("grade_id")
        code = _text(cell.get("source"))
        if not meta or not isinstance(grade_id, str):
            demos.add(_normal(code))
        elif _is_test(meta):
            tests.add(grade_id)
        elif meta.get("solution"):
            solutions.add(grade_id)
            order.append(grade_id)
        elif meta.get("locked") or grade_id.startswith(SETUP_PREFIX):
            locked[grade_id] = plain_python(code)
            order.append(grade_id)
        else:
            demos.add(_normal(code))
    return SourcePlan(locked, tuple(order), frozenset(solutions), frozenset(tests), frozenset(demos))


@functools.lru_cache(maxsize=32)
def _source_plan_cached(path: str, mtime: float) -> SourcePlan:
    return source_plan(read_notebook(path, max_bytes=2**31))  # the course's own notebook


class _Notebook(dict):
    """A v4 notebook's JSON with ``nb.cells`` access, like nbformat's NotebookNode at the top level."""

    @property
    def cells(self):
        return self["cells"]


class NotebookTooLarge(ValueError):
    pass


def read_notebook(path: str | Path, max_bytes: int | None = None):
    """The notebook at ``path`` (never through a symlink, at most ``MAX_NOTEBOOK_BYTES``). A v4
    notebook is taken as its JSON, without nbformat's schema validation (extraction checks every
    field it uses); other versions go through nbformat's converters. Raises on unreadable files."""
    cap = MAX_NOTEBOOK_BYTES if max_bytes is None else max_bytes
    fd = os.open(str(path), os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > cap:
            raise NotebookTooLarge(f"{info.st_size / 2**20:.1f} MB")
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(min(cap, info.st_size) + 1)  # read(n) allocates n bytes at once
    finally:
        os.close(fd)
    if len(raw) > cap:
        raise NotebookTooLarge("over the size limit")
    tokens = raw.count(b",") + raw.count(b"{") + raw.count(b"[") + raw.count(b":")
    if tokens > MAX_JSON_TOKENS:
        raise NotebookTooLarge(f"{tokens} JSON values and separators, over the {MAX_JSON_TOKENS} allowed")
    text = raw.decode("utf-8")
    data = json.loads(text)
    if isinstance(data, dict) and data.get("nbformat") == 4 and isinstance(data.get("cells"), list):
        return _Notebook(data)  # only the top level: the cells stay plain dicts
    import nbformat  # older formats only: importing it costs a second (jsonschema), so not at start-up

    return nbformat.reads(text, as_version=4)


def load_source_plan(source_path: str | Path) -> SourcePlan:
    """``source_plan`` of the notebook file at ``source_path`` (cached while the file is unchanged)."""
    path = Path(source_path)
    return _source_plan_cached(str(path.resolve()), path.stat().st_mtime)


def extract_notebook(submission_nb, plan: SourcePlan, notebook: str) -> Extracted:
    """The program of an already-read submission ``submission_nb`` (also used by nbgrader)."""
    out = Extracted(notebook)
    program: list[tuple[str, str, str, str | None]] = []  # (kind, grade_id or "", code, label name)
    seen_locked: set[str] = set()
    number = 0
    cells = _cells(submission_nb)
    duplicates = _earlier_duplicates(cells)
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        number += 1
        meta = {} if index in duplicates else _meta(cell)
        grade_id = meta.get("grade_id") if isinstance(meta.get("grade_id"), str) else None
        code = _text(cell.get("source"))
        if grade_id in plan.locked:
            if grade_id not in seen_locked:  # a duplicated locked cell runs once, from the source
                seen_locked.add(grade_id)
                program.append(("setup", grade_id, plan.locked[grade_id], f"code cell {number} (`{grade_id}`)"))
            continue
        if grade_id in plan.tests or (meta and _is_test(meta)):
            continue
        if grade_id is None and _normal(code) in plan.demos:
            continue  # the course's own demonstration, as released
        if not code.strip():
            continue
        kind = "solution" if grade_id in plan.solutions else "added"
        label = f"code cell {number} (`{grade_id}`)" if kind == "solution" else f"code cell {number}"
        if len(code) > MAX_CELL_CHARS:
            out.problems.append(f"{label} is longer than {MAX_CELL_CHARS} characters and was not run")
            continue
        program.append((kind, grade_id or "", plain_python(code), label))
    _restore_lost_locked(program, plan, seen_locked)
    if sum(len(code) for _, _, code, _ in program) > MAX_PROGRAM_CHARS:
        out.error = (f"{notebook}.ipynb holds more than {MAX_PROGRAM_CHARS} characters of code, so it was not "
                     "graded; remove the cells you do not need and submit it again")
        return out
    out.cells = [(kind, label, code) for kind, _, code, label in program]
    return out


def _earlier_duplicates(cells: list) -> set[int]:
    """Indices of the cells whose nbgrader grade id a later cell also has (a cell copied and pasted in
    JupyterLab keeps its metadata). As nbgrader's DeduplicateIds does, the last one keeps the id and the
    earlier ones count as cells the student added, so that the CLI and nbgrader run the same program."""
    seen: set[str] = set()
    earlier: set[int] = set()
    for index in range(len(cells) - 1, -1, -1):
        meta = _meta(cells[index])
        grade_id = meta.get("grade_id")
        if not isinstance(grade_id, str) or not (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            continue
        if grade_id in seen:
            earlier.add(index)
        seen.add(grade_id)
    return earlier


def _restore_lost_locked(program: list, plan: SourcePlan, seen: set[str]) -> None:
    """Put every locked source cell the submission lost back before the first program cell that
    comes after it in the source (the source's order of locked and solution cells)."""
    rank = {gid: i for i, gid in enumerate(plan.order)}
    for grade_id in plan.order:
        if grade_id not in plan.locked or grade_id in seen:
            continue
        at = next((i for i, (_, gid, _, _) in enumerate(program) if gid in rank and rank[gid] > rank[grade_id]),
                  len(program))
        program.insert(at, ("setup", grade_id, plan.locked[grade_id], f"the locked cell `{grade_id}`"))


def extract(submission_path: str | Path | None, source_path: str | Path, notebook: str) -> Extracted:
    """The program of the notebook file ``submission_path`` (None: not submitted)."""
    if submission_path is None or not os.path.lexists(submission_path):
        return Extracted(notebook, error=f"{notebook}.ipynb was not submitted, so every check of it scores 0")
    plan = load_source_plan(source_path)
    if os.path.islink(submission_path):
        return Extracted(notebook, error=f"{notebook}.ipynb is a symbolic link, not a notebook file, so every check "
                         "of it scores 0; submit the notebook itself")
    try:
        nb = read_notebook(submission_path)
    except NotebookTooLarge as exc:
        return Extracted(notebook, error=f"{notebook}.ipynb is too large to grade ({exc}; the limit is "
                         f"{MAX_NOTEBOOK_BYTES // 2**20} MB, mostly outputs): clear its outputs (Edit > Clear "
                         "Outputs of All Cells), save it and submit it again")
    except Exception as exc:  # noqa: BLE001  any damage to the file: JSON, encoding, schema, a link
        return Extracted(notebook, error=f"{notebook}.ipynb could not be read as a notebook "
                         f"({type(exc).__name__}), so every check of it scores 0; re-download it from Jupyter "
                         "(File > Download) and submit it again")
    try:
        return extract_notebook(nb, plan, notebook)
    except Exception as exc:  # noqa: BLE001  a notebook whose structure is broken in a way not foreseen
        return Extracted(notebook, error=f"{notebook}.ipynb has a structure the grader cannot read "
                         f"({type(exc).__name__}), so every check of it scores 0; re-download it from Jupyter "
                         "(File > Download) and submit it again")


def defined_names(source: str) -> set[str]:
    """The functions and classes a cell defines at its top level (empty if it does not parse)."""
    import ast

    try:
        tree = ast.parse(plain_python(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
