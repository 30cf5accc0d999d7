"""The notebooks leave no doubt (issue 12): every graded rule is stated, and the visible tests see the common slips.

  * every hidden check of ``autograder.checks`` is classified in ``authoring.rules.CHECK_RULES``, and the rule it
    grades is stated in the text of its exercise (the markdown and solution cell since the previous graded test);
    the first cell of every notebook states the course-wide grading rules;
  * the visible asserts of the test cells, run in process the way *Run All* runs them (locked and solution cells,
    then each test cell's visible part; demos skipped), pass for the answer key and every honest variant of
    tests/honest/, and fail for every mutant of tests/mutants/ (the count is printed);
  * notebook 3 runs from the start before the activations of notebook 2 are pasted: only the tests that need them
    fail, with a message that says so.

About 3 s in all.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import nbformat
import pytest

import corpus
from authoring import build_solutions, rules
from autograder import course
from autograder.checks import CHECKS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / course.ASSIGNMENT
RELEASE = ROOT / "release" / course.ASSIGNMENT
NOTEBOOKS = list(course.NOTEBOOKS)

# Mutants whose mistake a visible test cannot see without giving the answer away: none today. A name added here
# must say why in a comment.
VISIBLE_BLIND: set[str] = {
    # notebook 5's bug report: a visible test that rejected a wrong report would tell the answer; it checks the form
    "hunt_bug_db1", "hunt_bug_dw2", "hunt_bug_inverted", "hunt_bug_relative_difference",
}

# Honest variants that a visible test rejects although the hidden checks give them full marks, with the reason.
STRICTER_THAN_GRADING = {
    # The syllabus' update_parameters is written for exactly two layers. The notebook asks for any number of
    # layers (sections 3.6 and 3.7 train 4- and 11-layer networks with it) and the visible test uses three; the
    # hidden checks use two-layer networks only.
    ("syllabus", "test_update_parameters"),
}


def cells(folder: Path, name: str):
    return nbformat.read(folder / f"{name}.ipynb", as_version=4).cells


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def visible_part(source: str) -> str:
    return source.split("### BEGIN HIDDEN TESTS")[0]


def run_visible_tests(name: str, sources: dict[str, str] | None = None, replace: dict[str, str] | None = None):
    """Run notebook ``name`` of the source as *Run All* would, without its demo cells: locked code cells,
    solution cells (the answer key, or ``sources[function]`` for a graded exercise, or ``replace[grade_id]``), and
    the visible part of each graded test cell. Returns {test cell id: error message} for the test cells that
    failed, plus {cell id: message} for any other cell that raised."""
    sources, replace = sources or {}, replace or {}
    ns: dict = {"__name__": "__main__"}
    failed = {}
    for cell in cells(SOURCE, name):
        m = meta(cell)
        gid = m.get("grade_id", "")
        if cell.cell_type != "code" or not m:
            continue  # markdown, and demo cells (no nbgrader metadata)
        if m.get("grade"):
            code = visible_part(cell.source)
        elif m.get("solution"):
            code = replace.get(gid, sources.get(gid) or build_solutions.solved_source(cell.source))
        else:
            code = cell.source  # setup_* and provided cells
        try:
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(code, f"<{name}:{gid}>", "exec"), ns)
        except Exception as error:  # a failing test cell, or a student cell that raises
            failed[gid] = f"{type(error).__name__}: {error}"
    return failed


def variant_notebooks(variant) -> dict[str, dict[str, str]]:
    """The notebooks a variant changes -> {exercise: the source of its solution cell}, pasted as a student would."""
    sources = corpus.submission_sources(variant)
    return {nb: {fn: sources[fn] for fn in course.NOTEBOOKS[nb]}
            for nb in dict.fromkeys(course.notebook_of(fn) for fn in variant.functions)}


# --------------------------------------------------------------------------------------------------------------
# every graded rule is stated


def test_every_check_is_classified_and_its_rule_exists():
    names = {check.name for check in CHECKS}
    assert names == set(rules.CHECK_RULES), (
        f"classify in authoring/rules.py CHECK_RULES: {sorted(names - set(rules.CHECK_RULES))}; "
        f"stale entries: {sorted(set(rules.CHECK_RULES) - names)}")
    for check in CHECKS:
        key = rules.CHECK_RULES[check.name]
        assert key is None or key in rules.RULES.get(check.function, {}), f"{check.name}: no rule {key!r}"
    used = {(c.function, rules.CHECK_RULES[c.name]) for c in CHECKS}
    for function, by_key in rules.RULES.items():
        for key in by_key:
            assert (function, key) in used, f"the rule {function}.{key} is stated but no check grades it"


def exercise_text(name: str, function: str) -> str:
    """The markdown and the solution cell of one exercise: everything after the previous graded test cell."""
    text, collecting = [], True
    for cell in cells(SOURCE, name):
        m = meta(cell)
        if m.get("grade"):
            text, collecting = [], True
            continue
        if collecting:
            text.append(cell.source)
        if m.get("solution") and m.get("grade_id") == function:
            return "\n".join(text)
    raise AssertionError(f"{name}: no solution cell {function}")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_every_graded_rule_is_stated_in_its_exercise(check):
    key = rules.CHECK_RULES[check.name]
    if key is None:
        return  # a check of the values alone
    text = exercise_text(course.notebook_of(check.function), check.function)
    assert rules.RULES[check.function][key] in text, (
        f"the rule graded by {check.name} is not stated in the text of the exercise {check.function}")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_first_cell_states_the_grading_rules(name):
    for folder in (SOURCE, RELEASE):
        first = cells(folder, name)[0].source
        assert rules.grading_rules() in first
        for fact in (f"{rules.NOTEBOOK_CPU_SECONDS} s of CPU time", f"up to {rules.CALL_SECONDS} s", *rules.REFUSED_EXAMPLES,
                     "Restart Kernel and Run All Cells", "update_parameters"):
            assert fact in first, f"{folder.parent.name} {name}: the first cell does not say {fact!r}"


# --------------------------------------------------------------------------------------------------------------
# the visible tests see the slips, and only them


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_visible_tests_pass_for_the_answer_key(name):
    assert run_visible_tests(name) == {}


@pytest.mark.parametrize("variant", corpus.load_honest(), ids=lambda v: v.name)
def test_visible_tests_pass_for_every_honest_variant(variant):
    for name, sources in variant_notebooks(variant).items():
        failed = {k: v for k, v in run_visible_tests(name, sources).items()
                  if (variant.name, k) not in STRICTER_THAN_GRADING}
        assert failed == {}, f"{variant.name} ({variant.changes}) fails visible tests of {name}: {failed}"


def test_the_stricter_cases_are_still_stricter():
    for variant_name, test_id in STRICTER_THAN_GRADING:
        variant = next(v for v in corpus.load_honest() if v.name == variant_name)
        name = course.notebook_of(test_id.removeprefix("test_"))
        assert test_id in run_visible_tests(name, variant_notebooks(variant)[name]), (
            f"{variant_name} now passes {test_id}: remove it from STRICTER_THAN_GRADING")


def test_visible_tests_catch_every_mutant_they_can_see(capsys):
    mutants = corpus.load_mutants()
    missed = []
    for variant in mutants:
        failed = {}
        for name, sources in variant_notebooks(variant).items():
            failed.update(run_visible_tests(name, sources))
        if not failed and variant.name not in VISIBLE_BLIND:
            missed.append(f"{variant.name} ({variant.changes})")
        assert not (failed and variant.name in VISIBLE_BLIND), f"{variant.name} is caught: drop it from VISIBLE_BLIND"
    with capsys.disabled():
        print(f"\nvisible tests catch {len(mutants) - len(missed)}/{len(mutants)} mutants "
              f"({len(VISIBLE_BLIND)} declared blind)")
    assert not missed, f"mutants that pass every visible test: {missed}"


# --------------------------------------------------------------------------------------------------------------
# notebook 3 runs before the paste


def test_notebook3_runs_before_the_activations_are_pasted():
    stubs = next(c.source for c in cells(RELEASE, "03_network") if c.get("id") == "activations_from_notebook_2")
    assert "raise NotImplementedError()" in stubs
    failed = run_visible_tests("03_network", replace={"activations_from_notebook_2": stubs})
    assert set(failed) == {"test_forward_propagation", "test_backward_propagation", "test_train"}, failed
    for message in failed.values():
        assert "needs your activations of section 3.0" in message and "not pasted yet" in message, message
    # the demo cell right after the paste reports instead of raising
    demo = [c for c in cells(SOURCE, "03_network") if "activation_problems()" in c.source and not meta(c)]
    assert len(demo) == 1 and "assert" not in demo[0].source and "raise" not in demo[0].source
