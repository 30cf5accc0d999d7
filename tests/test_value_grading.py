"""Notebook 1's class exercise `Value` graded end to end: extracted from a submitted notebook (a helper the class
calls in a cell of its own, before or after the class, and a method the student added), run in the sandbox through
the checks' drivers, with the same scores and misconceptions as in process; the release's stub scores 0."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import corpus
from autograder import course
from autograder.checks import InProcessCall, run_checks, seeds
from autograder.extract import extract_notebook, load_source_plan
from autograder.sandbox import SandboxCall

ROOT = Path(__file__).resolve().parent.parent
NB = "01_chain_rule"
SOURCE = ROOT / "source" / course.ASSIGNMENT / f"{NB}.ipynb"
RELEASE = ROOT / "release" / course.ASSIGNMENT / f"{NB}.ipynb"
SEED = seeds.seed_for("value-grading", secret="tests")


def _variant(name):
    return next(v for v in [*corpus.load_honest(), *corpus.load_mutants()] if v.name == name)


def _submission(class_source: str, helper: str | None = None, helper_first: bool = True):
    """The released notebook with the Value cell filled in and, optionally, a new code cell for a helper."""
    nb = nbformat.read(RELEASE, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.get("id") == "Value")
    nb.cells[at].source = class_source
    if helper is not None:
        nb.cells.insert(at if helper_first else at + 1, nbformat.v4.new_code_cell(helper))
    return extract_notebook(nb, load_source_plan(SOURCE), NB)


def _split(source: str):
    """(the helper function's text, the class's text) of the honest variant with a helper."""
    start = source.index("def topological_order")
    cls = source.index("class Value")
    return "import math\n\n" + source[start:cls].strip(), "import math\n\n" + source[cls:]


def _score(results):
    return sum(r.score for r in results if r.function == "Value")


@pytest.mark.parametrize("helper_first", [True, False])
def test_a_helper_in_another_cell_and_an_added_method_earn_full_marks_in_the_sandbox(helper_first):
    helper, cls = _split(_variant("engine_visited_list").source)
    cls = cls.replace("    def backward(self):", "    def relu(self):\n        out = Value(max(self.data, 0.0), (self,), "
                      "'relu')\n\n        def _backward():\n            self.grad += (out.data > 0) * out.grad\n\n"
                      "        out._backward = _backward\n        return out\n\n    def backward(self):")
    extracted = _submission(cls, helper, helper_first)
    assert extracted.error is None and any(kind == "added" for kind, _, _ in extracted.cells)
    with SandboxCall(extracted.cells) as call:
        results = run_checks(call, SEED, functions=["Value"])
    assert all(r.status == "passed" for r in results), [r.output for r in results if r.status != "passed"]
    assert _score(results) == pytest.approx(course.NOTEBOOKS[NB]["Value"])


@pytest.mark.parametrize("name", ["engine_assign_grads", "engine_preorder", "engine_tanh_of_input"])
def test_a_mutant_gets_the_same_verdict_in_the_sandbox_as_in_process(name):
    variant = _variant(name)
    source = variant.source
    with SandboxCall(_submission(source).cells) as call:
        far = run_checks(call, SEED, functions=["Value"])
    near = run_checks(InProcessCall(corpus.submission_namespace(variant)), SEED, functions=["Value"])
    assert [(r.name, r.status, r.misconception) for r in far] == [(r.name, r.status, r.misconception) for r in near]
    assert variant.expect in {r.misconception for r in far}


def test_the_release_stub_scores_zero_with_the_error_named():
    stub = next(c.source for c in nbformat.read(RELEASE, as_version=4).cells if c.get("id") == "Value")
    with SandboxCall(_submission(stub).cells) as call:
        results = run_checks(call, SEED, functions=["Value"])
    assert _score(results) == 0 and all("NotImplementedError" in r.output for r in results)


def test_driver_over_a_class_without_the_skeleton_names_is_an_exception_not_a_crash():
    broken = "class Value:\n    def __init__(self, data, _children=(), _op=''):\n        self.value = data\n"
    results = run_checks(InProcessCall({"np": np, **_exec(broken)}), SEED, functions=["Value"])
    assert _score(results) == 0 and all(r.status == "failed" for r in results)


def _exec(source):
    ns: dict = {}
    exec(source, ns)
    return ns
