"""Generated mutants of the answer key, graded by the hidden checks: ``python -m autograder.mutate``.

Every graded function's solution region (between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the
source notebooks) is parsed, and a small AST transformer makes one mutant per change of one node:

| operator | change |
|---|---|
| ``arith`` | ``+`` <-> ``-``, ``*`` <-> ``/``, ``/`` -> ``//``, ``@`` -> ``*``, unary minus dropped |
| ``compare`` | ``>`` <-> ``<``, ``>=`` <-> ``<=``, ``>`` -> ``>=``, ``<`` -> ``<=``, ``==`` <-> ``!=`` |
| ``constant`` | an int c -> c + 1 and c - 1, a float c -> 2 c (so 1/m, 2 epsilon, 0.5 all move) |
| ``axis``, ``keepdims`` | ``axis=0`` <-> ``axis=1``; ``axis=`` dropped (over the whole array); ``keepdims=True`` dropped |
| ``transpose`` | ``.T`` removed; ``.T`` added to an operand of ``@`` / ``np.dot`` |
| ``swap`` | same-shape arrays swapped by name or cache key: X/A1, A1/Z1, A2/Z2 |
| ``call`` | ``np.log`` -> ``np.log10``, ``np.maximum`` <-> ``np.minimum``, ``np.sum`` -> ``np.mean`` |
| ``slice`` | a slice bound one off (``a:b`` -> ``a+1:b``, ``a:b+1``, ``a:b-1``) |
| ``argument`` | a documented argument ignored: replaced by its default at the top of the body |
| ``augassign`` | in a class exercise's regions: ``+=`` -> ``=`` (a gradient overwritten) and ``+=`` -> ``-=`` |

Each mutant is the answer key with one function's cell replaced. ``--via cli`` (``make mutate``) writes
every mutant as a submission in nbgrader's layout and grades the lot with ``python -m autograder grade``;
``--via sandbox`` calls the same grading API (``SandboxCall`` + ``run_checks``) in batch; ``--via
inprocess`` (the test suite's sample) runs in this process under a time limit. The report (markdown and
JSON) gives the mutants generated, the equivalent ones with the reason, the caught ones among the rest,
and how many of those named a misconception (an exact twin or signature: ``autograder.diagnose``).
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import course

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / course.ASSIGNMENT
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"

_ARITH = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult, ast.FloorDiv],
          ast.MatMult: [ast.Mult]}
_COMPARE = {ast.Gt: [ast.Lt, ast.GtE], ast.Lt: [ast.Gt, ast.LtE], ast.GtE: [ast.LtE], ast.LtE: [ast.GtE],
            ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq]}
_SWAP = {"X": "A1", "A1": "Z1", "Z1": "A1", "A2": "Z2", "Z2": "A2"}
_CALLS = {"log": "log10", "maximum": "minimum", "minimum": "maximum", "sum": "mean"}

# Survivors that no check can or should catch: (function, change, a piece of the mutated line of the answer
# key, reason). A survivor not listed here is a gap: it must become a check or an entry here with its reason.
_ANY_SCALE = "the contract accepts any initialisation scale"
_PRINTING = "it only changes when the cost is printed"
_NEGATIVE_RESHAPE = "numpy's reshape reads any negative size as 'infer this one', like -1"
EQUIVALENT: list[tuple[str, str, str, str]] = [
    ("backward_graph", "* -> /", "dy_df * 1", "multiplying or dividing by 1 is the same"),
    ("relu_derivative", "> -> >=", "z > 0", "the contract accepts either value at z = 0 (no input is exactly 0)"),
    ("leaky_relu", "> -> >=", "z > 0", "both branches give 0 at z = 0"),
    ("leaky_relu_derivative", "> -> >=", "z > 0", "the contract accepts either slope at z = 0"),
    ("softmax", "keepdims dropped", "np.max", "a (m,) row of maxima broadcasts over the K rows just the same"),
    ("softmax", "keepdims dropped", "np.sum", "a (m,) row of sums broadcasts over the K rows just the same"),
    ("softmax_jacobian", "1 -> 2", "reshape(-1)", _NEGATIVE_RESHAPE),
    ("dictionary_to_vector", "1 -> 2", "(-1, 1)", _NEGATIVE_RESHAPE),
    ("vector_to_dictionary", "1 -> 2", "reshape(theta, -1)", _NEGATIVE_RESHAPE),
    ("dictionary_to_vector", "axis=0 dropped", "np.concatenate", "np.concatenate joins along axis 0 by default"),
    ("initialize_parameters", "2 -> 3", "np.sqrt(2 / n_prev)", _ANY_SCALE),
    ("initialize_parameters", "2 -> 1", "np.sqrt(2 / n_prev)", _ANY_SCALE),
    ("compute_cost", "", "np.clip(A2, 1e-15, 1 - 1e-15)",
     "the clipping bounds only act on an A2 within 1e-15 of 0 or 1, which the contract does not ask for"),
    ("backward_propagation", '"Z1" -> "A1"', 'cache["Z1"]',
     "relu_derivative(A1) equals relu_derivative(Z1): A1 = relu(Z1) is positive exactly where Z1 is"),
    ("backward_propagation", "Z1 -> A1", "relu_derivative(Z1)",
     "relu_derivative(A1) equals relu_derivative(Z1): A1 = relu(Z1) is positive exactly where Z1 is"),
    ("backward_propagation", "axis=1 dropped", "np.sum(dZ2",
     "with one output unit dZ2 is a row: its sum over everything is its sum over axis 1, the same (1, 1)"),
    ("backward_propagation", "@ -> *", "W2.T @ dZ2",
     "with one output unit W2.T is a column and dZ2 a row: their broadcast product is the matrix product"),
    ("train", "0 -> 1", 'kwargs.get("seed", 0)', "any start is right: train is judged from the start it takes"),
    ("train", "", "i % 1000 == 0", _PRINTING),
    ("gradient_check", "0 -> 1", "denominator == 0",
     "the early return only matters when both gradients are exactly zero"),
    # 06_deep_network
    ("activation_backward", "> -> >=", "Z > 0",
     "the contract accepts either slope at Z = 0 (the relu case has exact zeros and accepts the mask Z >= 0 too)"),
    ("activation_backward", "unary minus dropped", "np.exp(-Z)",
     "s (1 - s) is the same for sigmoid(Z) and sigmoid(-Z) = 1 - sigmoid(Z)"),
    ("L_model_backward", "", 'grads[f"dA{l - 1}"]', "the dA<l> entries are allowed but not graded (only dW<l>, db<l>)"),
    # notebook 5's bug hunt
    ("bug_report", "6 -> 7", "np.median(grads[wrong] / numerical[wrong])), 6)",
     "the factor is 1/5 or 5 (m = 5), the same rounded to 5, 6 or 7 decimals"),
    ("bug_report", "6 -> 5", "np.median(grads[wrong] / numerical[wrong])), 6)",
     "the factor is 1/5 or 5 (m = 5), the same rounded to 5, 6 or 7 decimals"),
    ("bug_report", "- -> +", "np.abs(grads[k] - numerical[k])",
     "bug_report is judged by its answer for the graded student's own backward_b (constants are right too), and for "
     "the four versions whose bug is a factor m the largest |grads + numerical| falls on the same gradient as the "
     "largest |grads - numerical| (all eight versions compared): a student handed one of those gets the right "
     "answer, one handed a version with 1/m is caught"),
    ("backward_corrected", "axis=1 dropped", "np.sum(dZ2",
     "with one output unit dZ2 is a row: its sum over everything is its sum over axis 1, the same (1, 1)"),
    ("backward_corrected", "@ -> *", 'parameters["W2"].T @ dZ2',
     "with one output unit W2.T is a column and dZ2 a row: their broadcast product is the matrix product"),
    # 07_softmax_classifier
    ("classifier_forward", "keepdims dropped", "np.max(Z2",
     "a (m,) row of maxima broadcasts over the C rows just the same"),
    ("classifier_forward", "keepdims dropped", "np.sum(e",
     "a (m,) row of sums broadcasts over the C rows just the same"),
    ("classifier_backward", '"Z1" -> "A1"', 'cache["Z1"] > 0',
     "A1 = relu(Z1) is positive exactly where Z1 is: the same ReLU mask"),
    ("classifier_backward", "> -> >=", 'cache["Z1"] > 0',
     "the contract accepts either slope at Z1 = 0 (no input is exactly 0)"),
    # 09_regularization
    ("dropout_forward", "< -> <=", "rng.random(A.shape) < keep_prob",
     "< and <= differ only where a uniform draw equals keep_prob exactly (a chance of about 1e-16 per entry)"),
    # 10_digits
    ("initial_loss_check", "< -> <=", "< tolerance",
     "< and <= differ only for a gap exactly equal to the tolerance, a boundary no check asks for"),
    ("overfit_check", "< -> <=", "final_cost < tolerance",
     "< and <= differ only for a cost exactly equal to the tolerance, a boundary no check asks for"),
]


def equivalence(function: str, change: str, line: str) -> str | None:
    """The documented reason why this change cannot be caught, or None."""
    for fn, what, where, reason in EQUIVALENT:
        if fn == function and what in change and where in line:
            return reason
    return None


# ---------------------------------------------------------------------------------------------------
# The answer key


@dataclass(frozen=True)
class Target:
    notebook: str
    function: str
    cell: str  # the solution cell's source, markers included
    first: int  # 1-based line range of the solution region in ``cell`` (mutations stay inside it)
    last: int
    regions: tuple = ()  # every (begin, end) marker line pair: a class has one region per method body it asks for
    is_class: bool = False


def answer_key(source_dir: Path = SOURCE) -> tuple[list[Target], dict[str, list[tuple[str, str, str]]]]:
    """The graded functions' solution cells, and each notebook's cells as the sandbox runs them."""
    import nbformat

    targets, plans = [], {}
    for nb_name, table in course.NOTEBOOKS.items():
        nb = nbformat.read(source_dir / f"{nb_name}.ipynb", as_version=4)
        plan = []
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id", "")
            if cell.cell_type != "code":
                continue
            if grade_id.startswith("setup_"):
                plan.append(("setup", grade_id, cell.source))
            elif meta.get("solution"):
                plan.append(("solution", grade_id, cell.source))
                if grade_id in table:
                    lines = cell.source.splitlines()
                    begins = [i for i, s in enumerate(lines, 1) if BEGIN in s]
                    ends = [i for i, s in enumerate(lines, 1) if END in s]
                    is_class = f"class {grade_id}" in cell.source and f"def {grade_id}(" not in cell.source
                    targets.append(Target(nb_name, grade_id, cell.source, begins[0], ends[-1],
                                          tuple(zip(begins, ends)), is_class))
        plans[nb_name] = plan
    return targets, plans


# ---------------------------------------------------------------------------------------------------
# Mutation


class _Mutator(ast.NodeTransformer):
    """Walks one function; with ``pick=None`` it lists the mutation sites, with ``pick=i`` it applies the
    i-th one. Only nodes on lines ``first..last`` (the solution region) are touched."""

    def __init__(self, first: int, last: int, pick: int | None = None, regions: tuple = (), in_class: bool = False):
        self.first, self.last, self.pick = first, last, pick
        self.regions = regions or ((first, last),)
        self.in_class = in_class  # a class's methods: no "argument ignored" sites, `+=` sites instead
        self.sites: list[tuple[str, str, int]] = []  # (operator, what, line)
        self.applied: tuple[str, str, int] | None = None

    def _inside(self, node) -> bool:
        line = getattr(node, "lineno", 0)
        return any(first < line < last for first, last in self.regions)

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if self.in_class and isinstance(node.op, ast.Add):
            if self._site(node, "augassign", "+= -> ="):
                return ast.copy_location(ast.Assign([node.target], node.value), node)
            if self._site(node, "augassign", "+= -> -="):
                return ast.copy_location(ast.AugAssign(node.target, ast.Sub(), node.value), node)
        return node

    def _site(self, node, operator: str, what: str) -> bool:
        if not self._inside(node):
            return False
        self.sites.append((operator, what, node.lineno))
        if self.pick == len(self.sites) - 1:
            self.applied = self.sites[-1]
            return True
        return False

    # arithmetic and comparisons
    def visit_BinOp(self, node):
        self.generic_visit(node)
        for new in _ARITH.get(type(node.op), []):
            if self._site(node, "arith", f"{_op(node.op)} -> {_op(new())}"):
                return ast.copy_location(ast.BinOp(node.left, new(), node.right), node)
        if isinstance(node.op, ast.MatMult):
            for side in ("left", "right"):
                if self._site(node, "transpose", f".T added to the {side} operand of @"):
                    operand = getattr(node, side)
                    new = copy.copy(node)
                    setattr(new, side, ast.Attribute(operand, "T", ast.Load()))
                    return new
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.USub) and self._site(node, "arith", "unary minus dropped"):
            return node.operand
        return node

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) == 1:
            for new in _COMPARE.get(type(node.ops[0]), []):
                if self._site(node, "compare", f"{_op(node.ops[0])} -> {_op(new())}"):
                    return ast.copy_location(ast.Compare(node.left, [new()], node.comparators), node)
        return node

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, str) and value in _SWAP and self._site(node, "swap", f'"{value}" -> "{_SWAP[value]}"'):
                return ast.copy_location(ast.Constant(_SWAP[value]), node)
            return node
        changes = [value + 1] + ([value - 1] if isinstance(value, int) and value > 0 else []) \
            if isinstance(value, int) else [value * 2]
        for new in changes:
            if self._site(node, "constant", f"{value!r} -> {new!r}"):
                return ast.copy_location(ast.Constant(new), node)
        return node

    # keywords, attributes, names, calls, slices
    def visit_Call(self, node):
        self.generic_visit(node)
        for i, kw in enumerate(node.keywords):
            if kw.arg == "axis" and isinstance(kw.value, ast.Constant) and kw.value.value in (0, 1):
                if self._site(node, "axis", f"axis={kw.value.value} -> axis={1 - kw.value.value}"):
                    new = copy.copy(node)
                    new.keywords = [*node.keywords[:i], ast.keyword("axis", ast.Constant(1 - kw.value.value)),
                                    *node.keywords[i + 1:]]
                    return new
                if self._site(node, "axis", f"axis={kw.value.value} dropped"):  # over the whole array
                    new = copy.copy(node)
                    new.keywords = node.keywords[:i] + node.keywords[i + 1:]
                    return new
            if kw.arg == "keepdims" and self._site(node, "keepdims", "keepdims dropped"):
                new = copy.copy(node)
                new.keywords = node.keywords[:i] + node.keywords[i + 1:]
                return new
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "np":
            if f.attr in _CALLS and self._site(node, "call", f"np.{f.attr} -> np.{_CALLS[f.attr]}"):
                new = copy.copy(node)
                new.func = ast.Attribute(f.value, _CALLS[f.attr], ast.Load())
                return new
            if f.attr == "dot" and len(node.args) == 2:
                for i in (0, 1):
                    if self._site(node, "transpose", f".T added to argument {i + 1} of np.dot"):
                        new = copy.copy(node)
                        new.args = list(node.args)
                        new.args[i] = ast.Attribute(node.args[i], "T", ast.Load())
                        return new
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if node.attr == "T" and self._site(node, "transpose", ".T removed"):
            return node.value
        return node

    def visit_Name(self, node):
        swap = _SWAP.get(node.id)
        if isinstance(node.ctx, ast.Load) and swap and self._site(node, "swap", f"{node.id} -> {swap}"):
            return ast.copy_location(ast.Name(_SWAP[node.id], ast.Load()), node)
        return node

    def visit_Slice(self, node):
        self.generic_visit(node)
        for bound in ("lower", "upper"):
            value = getattr(node, bound)
            for delta in (1, -1):
                if value is None and (bound == "upper" or delta < 0):
                    continue  # `:b` -> `1:b` only
                if self._site(value if value is not None else node, "slice", f"slice {bound} {delta:+d}"):
                    new = copy.copy(node)
                    base = value if value is not None else ast.Constant(0)
                    setattr(new, bound, ast.BinOp(base, ast.Add() if delta > 0 else ast.Sub(), ast.Constant(1)))
                    return new
        return node

    def visit_FunctionDef(self, node):
        # an argument with a default, ignored: `name = default` before the body
        args = node.args
        defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults):], args.defaults))
        body_line = node.body[0].lineno if node.body else node.lineno
        self.generic_visit(node)
        if self.in_class:
            return node  # a method's signature is the skeleton's, given
        for name, default in defaults.items():
            self.sites.append(("argument", f"{name} ignored (always {ast.unparse(default)})", body_line))
            if self.pick == len(self.sites) - 1:
                self.applied = self.sites[-1]
                assign = ast.Assign([ast.Name(name, ast.Store())], copy.deepcopy(default), lineno=body_line)
                node.body = [assign, *node.body]
        return node


def _op(op) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.MatMult: "@",
            ast.Gt: ">", ast.Lt: "<", ast.GtE: ">=", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!="}[type(op)]


@dataclass
class Mutant:
    id: str  # m0001 ...
    notebook: str
    function: str
    operator: str
    change: str
    line: int
    key: str  # "<function>:<operator>:<change>" (+ "#n" when one function has the same change twice)
    cell: str  # the mutated solution cell
    source_line: str = ""  # the answer key's line that was changed
    status: str = ""  # "caught" | "equivalent" | "survived" | "identical"
    feedback_kind: str = ""  # caught: "named" (a misconception) | "error" (its own exception quoted) | "facts"
    reason: str = ""
    named: list = field(default_factory=list)  # misconception ids the feedback named
    feedback: list = field(default_factory=list)


def _function_node(tree, name):
    return next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name)


def generate(targets: list[Target]) -> list[Mutant]:
    """Every mutant of every target, in course order, with stable ids and keys."""
    out, seen = [], {}
    for t in targets:
        tree = ast.parse(t.cell)
        probe = _Mutator(t.first, t.last, regions=t.regions, in_class=t.is_class)
        probe.visit(copy.deepcopy(_function_node(tree, t.function)))
        original = ast.unparse(_function_node(tree, t.function))
        for i in range(len(probe.sites)):
            mutated_tree = copy.deepcopy(tree)
            node = _function_node(mutated_tree, t.function)
            m = _Mutator(t.first, t.last, pick=i, regions=t.regions, in_class=t.is_class)
            new = m.visit(node)
            mutated_tree.body = [new if n is node else n for n in mutated_tree.body]
            ast.fix_missing_locations(mutated_tree)
            operator, change, line = m.applied
            key = f"{t.function}:{operator}:{change}"
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key += f"#{seen[key]}"
            mutant = Mutant(f"m{len(out) + 1:04d}", t.notebook, t.function, operator, change, line, key,
                            ast.unparse(mutated_tree), t.cell.splitlines()[line - 1].strip())
            if ast.unparse(_function_node(mutated_tree, t.function)) == original:
                mutant.status, mutant.reason = "identical", "the change does not alter the code"
            out.append(mutant)
    return out


# ---------------------------------------------------------------------------------------------------
# Grading


MUTANTS_STUDENT = "mutants"  # the student id the mutants are graded as


def _cells(plans, mutant: Mutant) -> list[tuple[str, str, str]]:
    return [(kind, gid, mutant.cell if gid == mutant.function else src) for kind, gid, src in plans[mutant.notebook]]


def _judge(mutant: Mutant, results) -> None:
    mine = [r for r in results if r.function == mutant.function]
    failed = [r for r in mine if r.status == "failed"]
    if failed:
        mutant.status = "caught"
        mutant.named = sorted({r.misconception for r in failed} - {None})
        mutant.feedback = [r.output for r in failed]
        mutant.feedback_kind = "named" if mutant.named else \
            "error" if any(_OWN_ERROR.search(r.output) for r in failed) else "facts"
    elif equivalence(mutant.function, mutant.change, mutant.source_line):
        mutant.status, mutant.reason = "equivalent", equivalence(mutant.function, mutant.change, mutant.source_line)
    else:
        mutant.status = "survived"


_OWN_ERROR = re.compile(r"` raised |took too long|ran out of memory|is not defined|recursed too deeply")


class _TimeLimit(Exception):
    pass


def _grade_inprocess(mutants, plans, seed) -> None:
    """In this process, each call under a 5 s alarm (for the test suite's small sample); as in the sandbox, a
    function that ran out of time is not called again for that mutant (its later checks time out at once)."""
    from autograder.checks import InProcessCall, StudentError, run_checks

    class TimedCall(InProcessCall):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self.timed_out: set = set()

        def __call__(self, function, *a, **k):
            if function in self.timed_out:
                raise StudentError("timeout", "the call took too long")

            def stop(*_):
                raise _TimeLimit()
            old = signal.signal(signal.SIGALRM, stop)
            signal.alarm(5)
            try:
                return super().__call__(function, *a, **k)
            except _TimeLimit:
                self.timed_out.add(function)
                raise StudentError("timeout", "the call took too long") from None
            finally:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, old)

    import numpy as np

    from autograder.grade import with_student
    from autograder.hidden import BUG_CODE_ENV, STUDENT_ENV

    before = {name: os.environ.get(name) for name in (STUDENT_ENV, BUG_CODE_ENV)}
    try:
        for m in mutants:
            ns = {"__name__": "submission", "np": np}
            # the first cell sets the student id and bug-hunt code
            for kind, gid, src in with_student(_cells(plans, m), MUTANTS_STUDENT, seed):
                try:
                    exec(compile(src, f"<cell {gid}>", "exec"), ns)
                except Exception:  # noqa: BLE001  a broken cell only loses its own functions
                    pass
            _judge(m, run_checks(TimedCall(ns), seed, functions=[m.function], student_id=MUTANTS_STUDENT))
    finally:  # the cells set the student id and code in this process's environment: put them back
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _grade_sandbox(mutants, plans, seed) -> None:
    from autograder.checks import run_checks
    from autograder.grade import with_student
    from autograder.sandbox import SandboxCall

    for m in mutants:
        with SandboxCall(with_student(_cells(plans, m), MUTANTS_STUDENT, seed)) as call:
            _judge(m, run_checks(call, seed, functions=[m.function], student_id=MUTANTS_STUDENT))


def _grade_cli(mutants, source_dir: Path, jobs: int, work: Path) -> None:
    """Each mutant a student of nbgrader's layout (its notebook only), one run of the real CLI."""
    import nbformat

    from autograder.checks.engine import CheckResult

    submitted, results = work / "submitted", work / "results"
    for m in mutants:
        nb = nbformat.read(source_dir / f"{m.notebook}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == m.function:
                cell.source = m.cell
        folder = submitted / m.id / course.ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{m.notebook}.ipynb")
    cmd = [sys.executable, "-m", "autograder", "grade", str(submitted), "--results", str(results), "--quiet",
           "--source", str(source_dir), "--jobs", str(jobs)]
    env = dict(os.environ)
    env.setdefault("AUTOGRADER_SECRET", "mutate")  # any secret: the report does not depend on it
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"the grading CLI failed ({proc.returncode}): {proc.stderr[-2000:]}")
    for m in mutants:
        data = json.loads((results / m.id / "results.json").read_text())
        rows = []
        for t in data["tests"]:
            function = t["number"].split("/")[1]
            tags = t.get("tags") or [None]
            rows.append(CheckResult(t["name"], m.notebook, function, t["score"], t["max_score"], t["status"],
                                    t.get("output", ""), tags[0]))
        _judge(m, rows)


# ---------------------------------------------------------------------------------------------------
# The report


def summary(mutants: list[Mutant]) -> dict:
    counted = [m for m in mutants if m.status != "identical"]
    equivalent = [m for m in counted if m.status == "equivalent"]
    rest = [m for m in counted if m.status != "equivalent"]
    caught = [m for m in rest if m.status == "caught"]
    named = [m for m in caught if m.feedback_kind == "named"]
    from autograder.diagnose import GENERIC

    generic = [m for m in named if set(m.named) <= set(GENERIC)]
    errors = [m for m in caught if m.feedback_kind == "error"]
    return {"generated": len(counted), "equivalent": len(equivalent), "non_equivalent": len(rest),
            "caught": len(caught), "survived": len(rest) - len(caught), "named": len(named),
            "named_share": round(len(named) / len(caught), 3) if caught else 0.0,
            "named_by_generic_fact_only": len(generic),
            "own_error": len(errors), "facts_only": len(caught) - len(named) - len(errors),
            "exact_share": round((len(named) + len(errors)) / len(caught), 3) if caught else 0.0,
            "by_operator": {op: sum(1 for m in caught if m.operator == op)
                            for op in sorted({m.operator for m in rest})},
            "by_function": {fn: _function_figures([m for m in rest if m.function == fn])
                            for fn in dict.fromkeys(m.function for m in rest)}}


def _function_figures(rest: list[Mutant]) -> dict:
    """One exercise's non-equivalent mutants: caught, named (a misconception), own error, facts only."""
    caught = [m for m in rest if m.status == "caught"]
    named = sum(m.feedback_kind == "named" for m in caught)
    return {"non_equivalent": len(rest), "caught": len(caught), "named": named,
            "own_error": sum(m.feedback_kind == "error" for m in caught),
            "named_share": round(named / len(caught), 3) if caught else 0.0}


def write_report(mutants: list[Mutant], out: Path, via: str) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    figures = summary(mutants)
    (out / "mutants.json").write_text(json.dumps({"via": via, "summary": figures,
                                                  "mutants": [asdict(m) for m in mutants]}, indent=1))
    lines = [f"# Generated mutants of the answer key (graded via {via})", "",
             f"- generated: {figures['generated']} (and {sum(m.status == 'identical' for m in mutants)} "
             "changes that leave the code as it was, not counted)",
             f"- equivalent: {figures['equivalent']}", f"- caught: {figures['caught']} of {figures['non_equivalent']}"
             f" non-equivalent ({figures['survived']} survived)",
             f"- named a misconception (an exact twin or signature): {figures['named']} of {figures['caught']} caught"
             f" ({figures['named_share']:.0%}; {figures['named_by_generic_fact_only']} of them only by a generic "
             "exact fact: a constant factor, a constant offset, floor division)",
             f"- quoted the mutant's own exception (its type, message and line): {figures['own_error']}",
             f"- exact feedback (either of those): {figures['exact_share']:.0%}; facts only (which output, "
             f"entries, shape): {figures['facts_only']}", ""]
    lines += ["## By exercise", "", "| exercise | non-equivalent | caught | named | own exception | named share |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {fn} | {f['non_equivalent']} | {f['caught']} | {f['named']} | {f['own_error']} | "
              f"{f['named_share']:.0%} |" for fn, f in figures["by_function"].items()] + [""]
    for title, status in (("Survivors (gaps)", "survived"), ("Equivalent", "equivalent")):
        rows = [m for m in mutants if m.status == status]
        items = [f"- `{m.id}` {m.key} in `{m.source_line}`" + (f": {m.reason}" if m.reason else "") for m in rows]
        lines += [f"## {title}", ""] + (items or ["none"]) + [""]
    lines += ["## Caught", "", "| mutant | function | change | feedback |", "|---|---|---|---|"]
    lines += [f"| {m.id} | {m.function} | {m.operator}: `{m.change}` in `{m.source_line[:60]}` | "
              f"{', '.join(m.named) or '(' + m.feedback_kind + ')'} |" for m in mutants if m.status == "caught"]
    (out / "report.md").write_text("\n".join(lines) + "\n")
    return figures


def run(via: str = "cli", out: Path | None = None, sample: int | None = None, jobs: int = 2,
        source_dir: Path = SOURCE, seed: int | None = None, functions=None,
        notebooks=None) -> tuple[list[Mutant], dict]:
    """Generate, grade, report. ``sample``: every k-th mutant only (a fixed sample); ``functions``,
    ``notebooks``: only the mutants of these exercises, of these notebooks."""
    from autograder.checks import seeds

    targets, plans = answer_key(source_dir)
    if functions:
        targets = [t for t in targets if t.function in set(functions)]
    if notebooks:
        unknown = set(notebooks) - set(course.NOTEBOOKS)
        if unknown:
            raise SystemExit(f"no notebook {sorted(unknown)}; the notebooks are {list(course.NOTEBOOKS)}")
        targets = [t for t in targets if t.notebook in set(notebooks)]
    mutants = generate(targets)
    if sample:
        mutants = mutants[::sample]
    todo = [m for m in mutants if m.status != "identical"]
    seed = seeds.seed_for(MUTANTS_STUDENT, secret="mutate") if seed is None else seed
    if via == "inprocess":
        _grade_inprocess(todo, plans, seed)
    elif via == "sandbox":
        _grade_sandbox(todo, plans, seed)
    else:
        with tempfile.TemporaryDirectory(prefix="mutate-") as work:
            _grade_cli(todo, source_dir, jobs, Path(work))
    figures = write_report(mutants, out, via) if out is not None else summary(mutants)
    return mutants, figures


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m autograder.mutate", description=__doc__.split("\n\n")[0])
    p.add_argument("--via", choices=("cli", "sandbox", "inprocess"), default="cli",
                   help="grade through the real CLI (default), the sandbox API in batch, or in this process")
    p.add_argument("--out", default="mutation_report", help="folder of report.md and mutants.json")
    p.add_argument("--sample", type=int, default=None, help="grade every k-th mutant only")
    p.add_argument("--jobs", type=int, default=2, help="students graded in parallel by the CLI")
    p.add_argument("--function", action="append", help="only this function's mutants (repeatable)")
    p.add_argument("--notebook", action="append", help="only this notebook's mutants, e.g. 07_softmax_classifier "
                   "(repeatable)")
    args = p.parse_args(argv)
    mutants, figures = run(args.via, Path(args.out), args.sample, args.jobs, functions=args.function,
                           notebooks=args.notebook)
    print(json.dumps(figures, indent=1))
    print(f"report: {Path(args.out) / 'report.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
