"""One small class graded once per test session, by nbgrader autograde and by the CLI, for the tests of
the class report and of ``explain`` (tests/test_class_report.py, tests/test_class_report_browser.py).

The class (in an nbgrader course folder made by ``attacks.harness.make_course``):

- ``key``: the baseline, right everywhere;
- ``buggy_a``: two mutants, ``backward_not_averaged`` and ``sigmoid_sign``;
- ``buggy_b``: ``backward_not_averaged`` too (so two students share it) and ``cost_not_averaged``;
  07_softmax_classifier not submitted;
- ``slow``: a ``sigmoid`` that never returns (timed out) and a ``relu`` cell that loops at the top level
  (a cell skipped);
- after nbgrader ran (nbgrader fails a whole student on a damaged notebook): ``damaged``, whose
  01_chain_rule is not JSON and who handed in only that and the untouched 02_activations, and a folder
  whose name is an HTML tag, which the CLI refuses.

A copy of the CLI's results gets a student whose id and feedback are hostile HTML (``hostile_results``).
"""

from __future__ import annotations

import atexit
import copy
import functools
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from attacks import harness
from autograder import course

SECRET = "test-secret"  # harness._env's
MUTANTS = {"buggy_a": ("backward_not_averaged", "sigmoid_sign"),
           "buggy_b": ("backward_not_averaged", "cost_not_averaged")}
HOSTILE_FOLDER = "<img src=x onerror=alert(1)>"
LINKED = "linked"
HOSTILE_ID = '<script>alert("id")</script><img src=x onerror=alert(2)>'
HOSTILE_TEXT = '</td></tr></table><script>alert("feedback")</script><b onmouseover=alert(3)>bold</b>'
FORMULA = '=HYPERLINK("http://example.invalid","click")'
HOSTILE_TAG = "transposed"
SLOW_SIGMOID = "def sigmoid(z):\n    while True:\n        pass\n"
LOOPING_CELL = "while True:\n    pass\n"


def corpus():
    sys.path.insert(0, str(harness.REPO / "tests"))
    try:
        import corpus as module
    finally:
        sys.path.pop(0)
    return module


def mutant(name: str):
    return next(v for v in corpus().load_mutants() if v.name == name)


def sources_with(*mutants: str) -> dict[str, str]:
    cells = harness.baseline_sources()
    for name in mutants:
        v = mutant(name)
        mine = corpus().submission_sources(v)
        cells.update({fn: mine[fn] for fn in v.functions if fn in mine})
    return cells


@dataclass
class Graded:
    root: Path  # the nbgrader course folder (submitted/, autograded/, gradebook.db)
    submitted: Path
    results: Path  # the CLI's RESULTS folder
    cli_proc: object
    tmp: Path


@functools.lru_cache(maxsize=1)
def graded() -> Graded:
    tmp = Path(tempfile.mkdtemp(prefix="autograder-report-class-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = harness.make_course(tmp / "course")
    submitted = root / "submitted"
    every = set(course.NOTEBOOKS)
    harness.write_submission(submitted / "key" / course.ASSIGNMENT, harness.baseline_sources(), notebooks=every)
    for who, names in MUTANTS.items():
        harness.write_submission(submitted / who / course.ASSIGNMENT, sources_with(*names), notebooks=every)
    (submitted / "buggy_b" / course.ASSIGNMENT / "07_softmax_classifier.ipynb").unlink()
    slow = dict(harness.baseline_sources(), sigmoid=SLOW_SIGMOID, relu=LOOPING_CELL)
    harness.write_submission(submitted / "slow" / course.ASSIGNMENT, slow, notebooks=every)
    harness.nbgrader("autograde", course.ASSIGNMENT, cwd=root, tmp=tmp / "nbgrader-tmp")
    harness.write_submission(submitted / HOSTILE_FOLDER / course.ASSIGNMENT, harness.baseline_sources(),
                             notebooks={"02_activations"})
    damaged = submitted / "damaged" / course.ASSIGNMENT
    harness.write_submission(damaged, {}, notebooks=set())
    for nb in course.NOTEBOOKS:
        if nb not in ("01_chain_rule", "02_activations"):
            (damaged / f"{nb}.ipynb").unlink()
    (damaged / "01_chain_rule.ipynb").write_text('{"cells": [ this is not JSON', encoding="utf-8")
    (submitted / LINKED).symlink_to(submitted / "key")  # never followed: refused, with the reason
    results = tmp / "results"
    proc = harness.run_cli(submitted, results, "--jobs", "2", tmp=tmp / "cli-tmp")
    if proc.returncode != 0:
        raise AssertionError(f"grading failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return Graded(root, submitted, results, proc, tmp)


@functools.lru_cache(maxsize=1)
def hostile_results() -> Path:
    """A copy of the CLI's results with one more student whose id and feedback are hostile HTML and a
    spreadsheet formula, tagged with a misconception the class has (so they reach every table)."""
    g = graded()
    out = g.tmp / "hostile-results"
    shutil.copytree(g.results, out)
    data = json.loads((out / "buggy_a" / "results.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["student_id"] = HOSTILE_ID
    data["output"] = f"02_activations: {HOSTILE_TEXT} was not submitted"
    for t in data["tests"]:
        if t["status"] != "passed":
            t["output"] = f"{FORMULA} {HOSTILE_TEXT} " + "x" * 120 + " " + "y" * 300
            t["tags"] = [HOSTILE_TAG]  # a misconception of this student only: its example is this text
    (out / "evil").mkdir()
    (out / "evil" / "results.json").write_text(json.dumps(data), encoding="utf-8")
    return out
