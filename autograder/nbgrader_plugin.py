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

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.api import MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor, OverwriteCells
from traitlets import Bool, Float, Unicode

from autograder import course

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.MULTILINE | re.DOTALL)


def strip_hidden_tests(source: str) -> str:
    """``source`` without its ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` regions."""
    return HIDDEN.sub("", source).rstrip() + "\n" if HIDDEN.search(source) else source


def feedback_text(function: str, results, problems: list[str]) -> str:
    """What the student reads under the test cell of ``function``: the score, then each finding once
    (the mistake's sentence first, a stub named once), in lines of at most ``report.WIDTH`` characters,
    because nbgrader's feedback HTML and formgrader show this text in a box that does not wrap."""
    from autograder import report

    score = sum(r.score for r in results)
    maximum = course.NOTEBOOKS[results[0].notebook][function] if results else 0
    lines = report.wrap(f"{function}: {report.points(score)} / {report.points(maximum)} points "
                        "(hidden checks, run in the grader's sandbox)")
    tests = [{"status": r.status, "output": r.output, "misconception": r.misconception, "function": r.function}
             for r in results]
    messages = report.check_messages(tests)
    for message in messages:
        lines += report.wrap(message, "  FAIL ")
    passed = sum(r.status == "passed" for r in results)
    if results and passed == len(results):
        lines.append(f"  ok   {'the check' if passed == 1 else f'all {passed} checks'} passed")
    elif passed:
        lines.append(f"  ok   {passed} of {len(results)} checks passed")
    for p in problems:
        lines += report.wrap(p, "  note: ")
    return "\n".join(lines) + "\n"


class OverwriteReleasedCells(OverwriteCells):
    """nbgrader's ``OverwriteCells`` (the autograde step that puts back locked and test cells from the
    gradebook), comparing each locked cell with what the student was given.

    The gradebook stores a test cell as written in the source, hidden tests included, while the
    release (and so every submission) has the hidden region removed: nbgrader's check then reports
    "Attribute 'checksum' ... has changed" for every test cell with hidden tests, untouched or not. Here
    a locked cell equal to its released form (the source cell with ``ClearHiddenTests`` applied) is
    restored silently; any other change is reported and restored by nbgrader's own code, as before."""

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None and utils.is_locked(cell):
            try:
                source_cell = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except MissingEntry:
                source_cell = None
            if source_cell is not None and source_cell.locked and cell.source == self._released(source_cell):
                cell.source = source_cell.source
        return super().preprocess_cell(cell, resources, cell_index)

    def _released(self, source_cell) -> str:
        """The source of ``source_cell`` as generate_assignment released it (hidden tests removed)."""
        released = NotebookNode({"cell_type": source_cell.cell_type, "source": source_cell.source, "metadata": {}})
        ClearHiddenTests(config=self.config)._remove_hidden_test_region(released)
        return released.source


def _add_submission_without_autoflush(add_submission):
    """``Gradebook.add_submission`` run under SQLAlchemy's ``no_autoflush``.

    nbgrader 0.9 builds a new submission's notebooks and grades from relationships of objects that
    are not yet in the session; with SQLAlchemy 2 each lazy load on the way triggers an autoflush that
    warns "Object of type <SubmittedAssignment> not in session, add operation ... will not proceed"
    (harmless: nbgrader adds the submission right after). Without the autoflush the same rows are
    written, in one flush at nbgrader's commit, and nothing is warned."""
    import functools

    @functools.wraps(add_submission)
    def wrapper(self, *args, **kwargs):
        with self.db.no_autoflush:
            return add_submission(self, *args, **kwargs)

    wrapper.without_autoflush = True
    return wrapper


def quiet_gradebook() -> None:
    """Install ``_add_submission_without_autoflush`` on nbgrader's Gradebook (once; nbgrader_config.py calls it)."""
    from nbgrader.api import Gradebook

    if not getattr(Gradebook.add_submission, "without_autoflush", False):
        Gradebook.add_submission = _add_submission_without_autoflush(Gradebook.add_submission)


def _fresh_id(taken: set) -> str:
    import uuid

    while (candidate := uuid.uuid4().hex[:8]) in taken:
        pass
    return candidate


_close_spare_registered = False


def _start_spare(mode: str, limits) -> None:
    """Start a fresh sandbox for the next notebook (it runs no student code until it is taken, so it may go to
    any student); the last one nobody takes ends with the process."""
    import atexit

    from autograder.grade import close_spare, start_spare

    global _close_spare_registered
    if not _close_spare_registered:
        atexit.register(close_spare)
        _close_spare_registered = True
    start_spare(mode, limits)


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
        ids = {c.get("id") for c in nb.cells}
        unmarked: list[str] = []
        for grade_id in wanted:
            if grade_id not in originals:
                continue
            function = grade_id[len("test_"):]
            cell = copy.deepcopy(originals[grade_id])
            cell.outputs = []
            cell.execution_count = None
            stripped = next((i for i, other in enumerate(nb.cells) if other.get("id") == cell.get("id")
                             and other.cell_type == "code" and not other.get("metadata", {}).get("nbgrader")), None)
            if stripped is not None:  # the test cell is there without its nbgrader metadata: replace it
                nb.cells[stripped] = cell
                unmarked.append(grade_id)
                continue
            if cell.get("id") in ids:  # a cell id must be unique in a notebook (nbformat 4.5)
                cell.id = _fresh_id(ids)
            ids.add(cell.get("id"))
            at = len(nb.cells)
            for i, other in enumerate(nb.cells):
                meta = other.get("metadata", {}).get("nbgrader", {})
                if other.cell_type == "code" and (meta.get("grade_id") == function or (
                        not meta and function in defined_names(other.source))):
                    at = i + 1
                    break
            nb.cells.insert(at, cell)
            self.log.warning("SandboxGrade: the test cell %s was missing; restored from the source", grade_id)
        if unmarked:
            self.log.warning("SandboxGrade: %s: %d test cells had lost their nbgrader metadata (%s); replaced by "
                             "the source's", notebook, len(unmarked), ", ".join(unmarked))

    def preprocess(self, nb, resources):
        from autograder.checks import seeds
        from autograder.extract import extract_notebook, load_source_plan
        from autograder import sandbox
        from autograder.grade import grade_extracted, take_zygote
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
        if not extracted.error:  # the sandbox started ahead while the last notebook was graded, if it fits
            zygote = take_zygote(mode, sandbox.preload_for(c for _, _, c in extracted.cells), limits)
            _start_spare(mode, limits)  # the next notebook's: nbgrader grades them one by one
        try:
            results = grade_extracted(extracted, seed, limits, zygote, student)
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


class DropDuplicateIds(NbGraderPreprocessor):
    """nbgrader's DeduplicateIds, but an earlier copy of a cell loses its nbgrader metadata entirely.

    A cell copied and pasted in JupyterLab keeps its grade id. nbgrader's own step keeps the last copy and
    sets the earlier ones' metadata to ``{}``, which its CheckCellMetadata step then rejects as "an old
    version of the nbgrader metadata format", failing the whole submission; here the earlier copies become
    plain cells (the student's own code), as ``autograder.extract`` treats them in the CLI.
    """

    def preprocess(self, nb, resources):
        from autograder.extract import _earlier_duplicates

        for index in sorted(_earlier_duplicates(nb.cells)):
            cell = nb.cells[index]
            self.log.warning("Cell with id '%s' exists multiple times; the earlier copy is graded as the "
                             "student's own code", cell.metadata.nbgrader.get("grade_id"))
            del cell.metadata["nbgrader"]
        return nb, resources

