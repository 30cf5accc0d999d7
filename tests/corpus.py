"""The corpora of student submissions used by the tests: honest variants and mutants.

Each variant is a plain Python file in ``tests/honest/`` or ``tests/mutants/`` that overrides some
functions of ``tests/honest/baseline.py`` (a full correct submission). Its header says what it is::

    # mutant: backward_propagation   (or "# honest: <short name>")
    # expect: not_averaged           (mutants: the misconception id the feedback must name)
    # also: id, id                   (optional: other ids that are also true of this mutant and may be named)
    # changes: one line saying what is different

``submission_namespace(variant)`` executes the baseline and then the variant into one fresh namespace
(what a notebook's solution cells would define); ``submission_sources(variant)`` gives the same
submission as ``{function name: source text}``, in course order, for building real notebooks, and
``solution_cells(variant, notebook)`` as the ``[(kind, name, source)]`` cells the sandbox runs.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder import course

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "honest" / "baseline.py"


@dataclass(frozen=True)
class Variant:
    name: str  # file stem
    path: Path
    kind: str  # "honest" | "mutant"
    functions: tuple[str, ...]  # the student functions this file defines (overrides of the baseline)
    expect: str | None  # mutants: the misconception id the feedback must name
    changes: str
    also: tuple[str, ...] = ()  # mutants: other ids that are true of it too and may be named

    @property
    def allowed(self) -> set:
        """The ids the feedback may name: the expected one and the other true ones."""
        return {self.expect, *self.also}

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*(mutant|honest|expect|also|changes):\s*(.*)", line)
        if m:
            fields[m.group(1)] = m.group(2).strip()
        elif line.strip() and not line.startswith("#"):
            break
    return fields


def _defined(source: str) -> tuple[str, ...]:
    graded = {fn for _, fn, _ in course.exercises()}
    return tuple(n.name for n in ast.parse(source).body
                 if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in graded)


def _load(folder: str, kind: str) -> list[Variant]:
    out = []
    for path in sorted((HERE / folder).glob("*.py")):
        head = _header(path)
        if kind not in head:
            raise ValueError(f"{path}: the first comment lines must say '# {kind}: ...'")
        if kind == "mutant" and "expect" not in head:
            raise ValueError(f"{path}: a mutant must say '# expect: <misconception id>'")
        out.append(Variant(path.stem, path, kind, _defined(path.read_text(encoding="utf-8")),
                           head.get("expect"), head.get("changes", ""),
                           tuple(a.strip() for a in head.get("also", "").split(",") if a.strip())))
    return out


# bug_report as a student may write it for any version of the colleague's code (notebook 5 hands each student the
# version of their own bug-hunt code): measured in grading with the notebook's locked cells and the student's numerical_derivative. The corpus'
# bug_report files answer for version 0 (the one graded when no student id is given, as in the in-process tests);
# whole notebooks graded under real ids (tests/attacks/harness.py) use this one.
MEASURED_BUG_REPORT = '''def bug_report():
    X, Y, parameters = small_problem()
    grads = backward_b(X, Y, parameters, forward_propagation(X, parameters)[1])
    ratios = {}
    for name, value in parameters.items():
        numerical = np.array([numerical_derivative(cost_of_entry(parameters, name, idx), value[idx])
                              for idx in np.ndindex(value.shape)]).reshape(value.shape)
        ratios["d" + name] = float(np.median(grads["d" + name] / numerical))
    wrong = max(ratios, key=lambda k: abs(ratios[k] - 1))
    return {"gradient": wrong, "factor": ratios[wrong]}
'''


def load_honest() -> list[Variant]:
    """Every honest variant, the baseline first."""
    return _load("honest", "honest")


def load_mutants() -> list[Variant]:
    return _load("mutants", "mutant")


def baseline() -> Variant:
    return next(v for v in load_honest() if v.name == "baseline")


@functools.lru_cache(maxsize=None)
def _compiled(source: str, path: str):
    """The code object of ``source`` (compiled once: a namespace is made fresh from it for every grading)."""
    return compile(source, path, "exec")


def submission_namespace(variant: Variant | None = None) -> dict:
    """A fresh namespace holding the baseline's functions overridden by ``variant``'s, with ``np``."""
    ns: dict = {"__name__": "submission", "np": np}
    exec(_compiled(BASELINE.read_text(encoding="utf-8"), str(BASELINE)), ns)
    if variant is not None and variant.path != BASELINE:
        exec(_compiled(variant.source, str(variant.path)), ns)
    return ns


def _top_level_sources(source: str) -> dict[str, str]:
    """Each top-level def/import/assignment of ``source`` as text, by defined name (imports under '')."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out: dict[str, str] = {}
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        text = "\n".join(lines[start:node.end_lineno])
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out[node.name] = text
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out[""] = (out.get("", "") + "\n" + text).strip()
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            names = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
            for n in names:
                out[n] = text
    return out


def submission_sources(variant: Variant | None = None) -> dict[str, str]:
    """The submission as {graded function: its source}, in course order, plus its helpers.

    Helpers (non-graded top-level definitions) and imports of the variant are prepended to the source
    of the first graded function the variant defines in the same notebook, so that every notebook's
    solution cells are self-contained: pasting each notebook's functions into its solution cells (with
    numpy imported by the setup cells) reproduces the submission.
    """
    base = _top_level_sources(BASELINE.read_text(encoding="utf-8"))
    over = _top_level_sources(variant.source) if variant is not None and variant.path != BASELINE else {}
    graded = [fn for _, fn, _ in course.exercises()]
    out = {fn: over.get(fn, base[fn]) for fn in graded}
    extras = [text for name, text in over.items() if name not in graded]
    if extras:
        # the helpers go with every overridden function's notebook (a helper may be used in several)
        prefix = "\n\n".join(extras)
        seen = set()
        for fn in graded:
            nb = course.notebook_of(fn)
            if fn in over and nb not in seen:
                out[fn] = prefix + "\n\n\n" + out[fn]
                seen.add(nb)
    return out


def solution_cells(variant: Variant | None, notebook: str) -> list[tuple[str, str, str]]:
    """One notebook of the submission as ``autograder.extract`` gives it to the sandbox:
    ``[(kind, name, source), ...]`` with a setup cell importing numpy, then one solution cell per
    graded function of the notebook, in notebook order."""
    sources = submission_sources(variant)
    return [("setup", "setup_imports", "import numpy as np")] + [
        ("solution", fn, sources[fn]) for fn in course.NOTEBOOKS[notebook]]
