"""The nbgrader autograde step that scores in the sandbox: ``SandboxGrade`` replaces ``Execute``.

nbgrader's own ``Execute`` runs the whole submitted notebook in a Jupyter kernel, unsandboxed, with
the grader's files (gradebook.db, other submissions, the course secret) in reach. ``SandboxGrade``
runs no kernel at all. For the notebook being autograded (after nbgrader's sanitize steps, so the
locked cells are already restored) it

1. extracts the code the grader runs (``autograder.extract``: the source's ``setup_*`` cells and the
   submission's solution cells, matched by grade_id, in source order),
2. runs the checks of the notebook's functions in the sandbox (``autograder.grade.grade_extracted``,
   the same function the CLI uses, with the same seed), and
3. writes each graded test cell ``test_<function>``'s outputs: a stdout stream with the feedback and
   an ``execute_result`` whose text is the score, which ``nbgrader.utils.determine_grade`` reads as
   partial credit; and removes the cell's hidden-test region, so ``generate_feedback`` cannot show it.

Enable it in nbgrader_config.py (done in this course's config):

    c.Autograde.autograde_preprocessors = ["autograder.nbgrader_plugin.SandboxGrade", ...nbgrader's others]
"""

from __future__ import annotations

import os
import re
import warnings

from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Float, Unicode

from autograder import course

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.MULTILINE | re.DOTALL)


def strip_hidden_tests(source: str) -> str:
    """``source`` without its ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions."""
    return HIDDEN.sub("", source).rstrip() + "\n" if HIDDEN.search(source) else source


def feedback_text(function: str, results, problems: list[str]) -> str:
    """What the student reads under the test cell of ``function``."""
    score = sum(r.score for r in results)
    points = course.NOTEBOOKS[results[0].notebook][function] if results else 0
    lines = [f"{function}: {score:.2f} / {points} points (hidden checks, run in the grader's sandbox)"]
    lines += [f"  {'ok  ' if r.status == 'passed' else 'FAIL'} {r.output}" for r in results]
    lines += [f"  note: {p}" for p in problems]
    return "\n".join(lines) + "\n"


class SandboxGrade(NbGraderPreprocessor):
    """Score the notebook's graded test cells with the sandboxed checks (no kernel is started)."""

    timeout = Float(10.0, help="CPU seconds per call of a student function.").tag(config=True)
    load_cpu = Float(60.0, help="CPU seconds for running a notebook's cells once.").tag(config=True)
    notebook_timeout = Float(900.0, help="Wall-clock backstop for one notebook, cells and calls.").tag(config=True)
    insecure_python_only = Bool(False, help="Grade without kernel-level isolation (bubblewrap): only for "
                                "submissions you trust.").tag(config=True)
    strip_hidden = Bool(True, help="Remove the hidden-test region from the graded test cells.").tag(config=True)
    source_notebook = Unicode(
        "", help="Path of the source notebook; default: <course root>/source/<assignment>/<notebook>.ipynb."
    ).tag(config=True)

    def _source_path(self, assignment: str, notebook: str) -> str:
        if self.source_notebook:
            return self.source_notebook
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(coursedir.source_directory, ".", assignment)
        return os.path.join(folder, f"{notebook}.ipynb")

    def _restore_test_cells(self, nb, source_path: str, notebook: str) -> None:
        """Put back, from the source notebook, every graded test cell the submission lost.

        nbgrader records no grade for a missing test cell (its ``add_missing_cells`` fails when the
        solution cell is gone too), while the CLI grades every function: restoring the test cell here
        (after the cell that defines its function, else at the end) keeps both paths equal.
        """
        import copy

        import nbformat

        from autograder.extract import defined_names

        present = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells}
        wanted = [f"test_{fn}" for fn in course.NOTEBOOKS[notebook] if f"test_{fn}" not in present]
        if not wanted:
            return
        source = nbformat.read(source_path, as_version=4)
        originals = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in source.cells}
        for grade_id in wanted:
            if grade_id not in originals:
                continue
            function = grade_id[len("test_"):]
            cell = copy.deepcopy(originals[grade_id])
            cell.outputs = []
            cell.execution_count = None
            at = len(nb.cells)
            for i, other in enumerate(nb.cells):
                meta = other.get("metadata", {}).get("nbgrader", {})
                if other.cell_type == "code" and (meta.get("grade_id") == function or (
                        not meta and function in defined_names(other.source))):
                    at = i + 1
                    break
            nb.cells.insert(at, cell)
            self.log.warning("SandboxGrade: the test cell %s was missing; restored from the source", grade_id)

    def preprocess(self, nb, resources):
        from autograder.checks import seeds
        from autograder.extract import extract_notebook, load_source_plan
        from autograder import sandbox
        from autograder.grade import grade_extracted
        from autograder.sandbox import Limits

        info = resources["nbgrader"]
        notebook, student = info["notebook"], info["student"]
        if notebook not in course.NOTEBOOKS:
            self.log.warning("SandboxGrade: %s is not a notebook of autograder.course; nothing graded", notebook)
            return nb, resources
        plan = load_source_plan(self._source_path(info["assignment"], notebook))  # setup cells + solution ids
        extracted = extract_notebook(nb, plan, notebook)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            seed = seeds.seed_for(student)
        for w in caught:
            self.log.warning("%s", w.message)
        limits = Limits(timeout=self.timeout, load_cpu=self.load_cpu, notebook_timeout=self.notebook_timeout)
        mode = sandbox.isolation(self.insecure_python_only)  # raises, with what to do, when bwrap is missing
        if mode != sandbox.BUBBLEWRAP:
            self.log.warning("SandboxGrade: grading %s/%s WITHOUT kernel-level isolation (%s)", student, notebook, mode)
        zygote = None
        if not extracted.error:
            zygote = sandbox.Zygote(mode, preload=sandbox.preload_for(c for _, _, c in extracted.cells), limits=limits)
        try:
            results = grade_extracted(extracted, seed, limits, zygote)
        finally:
            if zygote is not None:
                zygote.close()
        by_function: dict[str, list] = {}
        for r in results:
            by_function.setdefault(r.function, []).append(r)
        source_path = self._source_path(info["assignment"], notebook)
        self._restore_test_cells(nb, source_path, notebook)
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            grade_id = meta.get("grade_id", "")
            function = grade_id[len("test_"):] if grade_id.startswith("test_") else None
            if cell.cell_type != "code" or not meta.get("grade") or function not in course.NOTEBOOKS[notebook]:
                continue
            mine = by_function.get(function, [])
            points = float(meta.get("points", course.NOTEBOOKS[notebook][function]))
            score = min(max(round(sum(r.score for r in mine), 6), 0.0), points)
            problems = [p for p in extracted.problems if f"`{function}`" in p]
            cell.outputs = [
                new_output("stream", name="stdout", text=feedback_text(function, mine, problems)),
                new_output("execute_result", data={"text/plain": repr(score)}, execution_count=None),
            ]
            if self.strip_hidden:
                cell.source = strip_hidden_tests(cell.source)
        self.log.info("SandboxGrade: %s/%s: %.2f points", student, notebook, sum(r.score for r in results))
        return nb, resources


def gradebook_scores(course_root: str | os.PathLike) -> dict[str, dict[str, float]]:
    """{student: {function: score}} of the graded test cells in ``course_root``'s gradebook.db
    (0 for a function whose notebook was not submitted), to compare with ``report.function_scores``."""
    from nbgrader.api import Gradebook, MissingEntry

    out: dict[str, dict[str, float]] = {}
    with Gradebook(f"sqlite:///{os.path.join(course_root, 'gradebook.db')}") as gb:
        for student in gb.students:
            per = out.setdefault(student.id, {fn: 0.0 for _, fn, _ in course.exercises()})
            for nb_name in course.NOTEBOOKS:
                try:
                    sub = gb.find_submission_notebook(nb_name, course.ASSIGNMENT, student.id)
                except MissingEntry:
                    continue
                for grade in sub.grades:
                    if grade.name.startswith("test_"):
                        per[grade.name[len("test_"):]] = float(grade.score or 0.0)
    return out
