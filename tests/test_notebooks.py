"""The notebooks: source, student release and answer key (issue "notebooks").

What is checked, and what it costs:
  * in process, well under a second: ``source/`` is what ``authoring`` writes, byte for byte; the nbgrader cell
    structure of docs/design.md; the student-facing signatures of the contract; the answer key's code is the
    source's code without markers and hidden tests; no locked or demo cell gives away an exercise; the
    solutions agree with ``autograder.reference`` to 1e-10;
  * one nbgrader subprocess (a few seconds): ``nbgrader generate_assignment`` in a temporary copy of the course
    reproduces the committed ``release/`` byte for byte, and the release holds only stubs;
  * ten notebook executions in Jupyter kernels (about 15 s, run once in a module fixture): nbgrader's Validator
    passes every source notebook (visible and hidden tests, with the real ``autograder.hidden``) and fails every
    release notebook (its stubs raise NotImplementedError).
"""

from __future__ import annotations

import ast
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import numpy as np
import pytest

from authoring import build_solutions, build_source
from autograder import course
from autograder import reference as ref

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / course.ASSIGNMENT
RELEASE = ROOT / "release" / course.ASSIGNMENT
SOLUTIONS = ROOT / "solutions" / course.ASSIGNMENT
NOTEBOOKS = list(course.NOTEBOOKS)
EXERCISES = {fn for _, fn, _ in course.exercises()}

# The student-facing contract (/work/shared/CONTRACT.md) and docs/design.md "Notebook 1 functions" and
# "Functions beyond the shared contract".
# A default written ``...`` means "any default".
CONTRACT = {
    "forward_graph": "forward_graph(x)",
    "backward_graph": "backward_graph(cache)",
    "dz_dt": "dz_dt(t)",
    "Value": "Value(data, _children=(), _op='')",  # a class: the signature of its __init__, self left out
    "sigmoid": "sigmoid(z)",
    "sigmoid_derivative": "sigmoid_derivative(a)",
    "tanh_derivative": "tanh_derivative(a)",
    "relu": "relu(z)",
    "relu_derivative": "relu_derivative(z)",
    "leaky_relu": "leaky_relu(z, alpha=0.01)",
    "leaky_relu_derivative": "leaky_relu_derivative(z, alpha=0.01)",
    "softmax": "softmax(z)",
    "softmax_jacobian": "softmax_jacobian(a)",
    "initialize_parameters": "initialize_parameters(layer_dims, seed=0)",
    "forward_propagation": "forward_propagation(X, parameters)",
    "compute_cost": "compute_cost(A2, Y)",
    "backward_propagation": "backward_propagation(X, Y, parameters, cache)",
    "update_parameters": "update_parameters(parameters, gradients, learning_rate)",
    "train": "train(X, Y, layer_dims, learning_rate=..., num_iterations=..., **kwargs)",
    "dictionary_to_vector": "dictionary_to_vector(d)",
    "vector_to_dictionary": "vector_to_dictionary(theta, layer_dims)",
    "gradient_check": "gradient_check(X, Y, parameters, gradients, epsilon=1e-07)",
    "numerical_derivative": "numerical_derivative(f, x, epsilon=1e-05)",
    "bug_report": "bug_report()",
    "backward_corrected": "backward_corrected(X, Y, parameters, cache)",
    "random_mini_batches": "random_mini_batches(X, Y, mini_batch_size=64, seed=0)",
    # docs/design.md "Functions beyond the shared contract"
    "per_example_gradients": "per_example_gradients(X, Y, params)",
    "mini_batch_gradient_descent":
        "mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0)",
    "linear_forward": "linear_forward(A_prev, W, b)",
    "linear_backward": "linear_backward(dZ, cache)",
    "activation_forward": "activation_forward(A_prev, W, b, activation)",
    "activation_backward": "activation_backward(dA, cache, activation)",
    "initialize_he": "initialize_he(layer_dims, seed=0)",
    "L_model_forward": "L_model_forward(X, parameters, hidden_activation='relu')",
    "compute_cost_l2": "compute_cost_l2(AL, Y, parameters, lambd)",
    "L_model_backward": "L_model_backward(AL, Y, caches, hidden_activation='relu', lambd=0.0, parameters=None)",
    "layer_gradient_norms": "layer_gradient_norms(X, Y, parameters, hidden_activation='relu')",
    "momentum_step": "momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9)",
    "initialize_adam": "initialize_adam(parameters)",
    "adam_step": "adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8)",
    "dropout_forward": "dropout_forward(A, keep_prob, seed=0, train=True)",
    "dropout_backward": "dropout_backward(dA, mask, keep_prob)",
    "batchnorm_forward": "batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-05)",
    "batchnorm_backward": "batchnorm_backward(dout, cache)",
    "softmax_cost": "softmax_cost(A, Y)",
    "classifier_forward": "classifier_forward(X, parameters)",
    "classifier_backward": "classifier_backward(X, Y, parameters, cache)",
    "predict_classes": "predict_classes(X, parameters)",
    "train_classifier": "train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0)",
    "train_validation_split": "train_validation_split(X, labels, validation_fraction=0.2, seed=0)",
    "initial_loss_check": "initial_loss_check(X, Y, parameters, tolerance=0.1)",
    "overfit_check": "overfit_check(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, "
                     "tolerance=0.01)",
}

# Provided code that may define an exercise's name: notebook 5's model must be called forward_propagation and
# compute_cost (gradient_check calls them), but it is a different model; test_notebook5_model_is_not_notebook3s
# makes sure of that.
ALLOWED_PROVIDED = {("05_gradient_checking", "forward_propagation"), ("05_gradient_checking", "compute_cost")}

HIDDEN_LINE = 'from autograder.hidden import check; check("{}", globals())'


# --------------------------------------------------------------------------------------------------------------
# helpers


def read(folder: Path, name: str) -> nbformat.NotebookNode:
    return nbformat.read(folder / f"{name}.ipynb", as_version=4)


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and meta(cell).get("solution", False)


def top_level_functions(source: str) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}


def top_level_definitions(source: str) -> dict[str, ast.FunctionDef | ast.ClassDef]:
    """The functions and classes a cell defines (an exercise may be a class, notebook 1's Value)."""
    return {node.name: node for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def exercise_def(source: str, name: str) -> ast.FunctionDef:
    """The def whose signature is the exercise's: the function itself, or a class's __init__ without self."""
    node = top_level_definitions(source)[name]
    if isinstance(node, ast.ClassDef):
        init = next(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
        init = ast.parse(ast.unparse(init)).body[0]
        init.args.args = init.args.args[1:]
        return init
    return node


def defined_names(source: str) -> set[str]:
    """Names bound at the top level of a cell (functions, classes, assignments, imports)."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def signature(fn: ast.FunctionDef) -> tuple:
    """(positional names, {name: default source}, *args name, **kwargs name) of a def."""
    args = fn.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    defaults = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    return (positional + [a.arg for a in args.kwonlyargs],
            {name: ast.unparse(node) for name, node in defaults.items()},
            args.vararg and args.vararg.arg, args.kwarg and args.kwarg.arg)


def solution_namespace(name: str) -> dict:
    """What the grader runs for one source notebook: its setup_* cells and solution cells, in order."""
    ns: dict = {}
    for cell in read(SOURCE, name).cells:
        m = meta(cell)
        if cell.cell_type == "code" and (m.get("grade_id", "").startswith("setup_") or m.get("solution")):
            exec(compile(build_solutions.solved_source(cell.source), f"<{name}:{m['grade_id']}>", "exec"), ns)
    return ns


# --------------------------------------------------------------------------------------------------------------
# source/ and its nbgrader structure


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_source_is_what_authoring_writes(name):
    on_disk = (SOURCE / f"{name}.ipynb").read_text(encoding="utf-8")
    assert on_disk == build_source.render(name), f"run python -m authoring.build_source ({name} is out of date)"


def test_source_folder_holds_only_the_notebooks():
    # nbgrader copies every other file of source/backprop into the student release: only the notebooks, and the
    # data notebook 10 reads with its licence (data/README.md), go there
    files = sorted(p.name for p in SOURCE.iterdir() if not p.name.startswith("."))  # nbgrader skips dotfiles
    assert files == sorted([f"{n}.ipynb" for n in NOTEBOOKS] + ["data"])
    assert sorted(p.name for p in (SOURCE / "data").iterdir()) == ["README.md", "digits.csv.gz"]
    assert (SOURCE / "data" / "digits.csv.gz").stat().st_size < 100_000
    assert "CC BY 4.0" in (SOURCE / "data" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_exercise_has_a_solution_cell_then_its_graded_test_cell(name):
    cells = read(SOURCE, name).cells
    ids = [meta(c).get("grade_id") for c in cells]
    for fn, points in course.NOTEBOOKS[name].items():
        assert ids.count(fn) == 1 and ids.count(f"test_{fn}") == 1, f"{name}: {fn} needs one solution, one test cell"
        i = ids.index(fn)
        sol, test = cells[i], cells[i + 1]
        assert meta(sol) == {"grade": False, "grade_id": fn, "locked": False, "schema_version": 3,
                             "solution": True, "task": False}
        assert fn in top_level_definitions(sol.source), f"{name}: the cell {fn} does not define {fn}"
        assert meta(test) == {"grade": True, "grade_id": f"test_{fn}", "locked": True, "points": points,
                              "schema_version": 3, "solution": False, "task": False}
        visible, hidden = test.source.split("### BEGIN HIDDEN TESTS\n")
        assert hidden == HIDDEN_LINE.format(fn) + "\n### END HIDDEN TESTS", f"{name}: hidden region of test_{fn}"
        assert "assert" in visible or "expect_close" in visible, f"{name}: test_{fn} has no visible test"
    graded = [meta(c)["grade_id"] for c in cells if meta(c).get("grade")]
    assert graded == [f"test_{fn}" for fn in course.NOTEBOOKS[name]]
    for cell in cells:
        if cell.cell_type == "code" and meta(cell).get("locked") and not meta(cell).get("grade"):
            assert "HIDDEN TESTS" not in cell.source and "BEGIN SOLUTION" not in cell.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_first_cell_states_the_points(name):
    first = read(SOURCE, name).cells[0]
    assert first.cell_type == "markdown"
    notebook_points = sum(course.NOTEBOOKS[name].values())
    assert f"**{notebook_points}** points of the course's **{course.total_points()}**" in first.source
    assert f"about **{course.time_estimate(name)}** (the whole course: about {course.course_time()})" in first.source


def test_contract_functions_have_exactly_the_contract_signature():
    assert EXERCISES <= set(CONTRACT), f"exercises without a contract signature: {EXERCISES - set(CONTRACT)}"
    for fn, wanted in CONTRACT.items():
        nb = read(SOURCE, course.notebook_of(fn))
        cells = [c for c in nb.cells if is_solution(c) and meta(c)["grade_id"] == fn]
        assert len(cells) == 1, f"{fn}: expected one solution cell with grade_id {fn!r}"
        got = signature(exercise_def(cells[0].source, fn))
        want = signature(ast.parse(f"def {wanted}: pass").body[0])
        assert got[0] == want[0] and got[2:] == want[2:], f"{fn}: parameters {got} differ from the contract {wanted}"
        for param, default in want[1].items():
            assert param in got[1], f"{fn}: {param} needs a default ({wanted})"
            if default != "...":
                assert ast.literal_eval(got[1][param]) == ast.literal_eval(default), f"{fn}: default of {param}"
        assert set(got[1]) == set(want[1]), f"{fn}: defaults {got[1]} differ from the contract {wanted}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_provided_or_demo_code_defines_an_exercise(name):
    """Locked cells (setup_*, provided) and demo cells are visible to every student: none may hold an answer."""
    for cell in read(SOURCE, name).cells:
        if cell.cell_type != "code" or is_solution(cell) or meta(cell).get("grade"):
            continue
        leaked = {fn for fn in defined_names(cell.source) & EXERCISES if (name, fn) not in ALLOWED_PROVIDED}
        assert not leaked, f"{name}: cell {cell.get('id')} defines the exercise(s) {sorted(leaked)}"


def test_notebook5_model_is_not_notebook3s():
    ns: dict = {}
    for cell in read(SOURCE, "05_gradient_checking").cells:
        if meta(cell).get("grade_id", "").startswith("setup_"):
            exec(cell.source, ns)
    X, Y, parameters = ns["small_problem"]()
    assert not np.allclose(ns["forward_propagation"](X, parameters)[0], ref.forward_propagation(X, parameters)[0])
    A2 = np.array([[0.2, 0.7, 0.9]])
    Y = np.array([[0.0, 1.0, 1.0]])
    assert not np.isclose(ns["compute_cost"](A2, Y), ref.compute_cost(A2, Y))


def test_notebook5_bug_hunt_matches_the_reference(monkeypatch):
    """The locked cell hands every bug-hunt code the reference's version of backward_b (the grader's ``bug_for``),
    and the notebook holds no correct backward pass (no backward_a, every version wrong); the answer key's report,
    run as a given student with their code, is that student's bug; its numerical_derivative and backward_corrected
    agree with the reference."""
    from autograder.checks import seeds
    from autograder.hidden import BUG_CODE_ENV, STUDENT_ENV
    from autograder.reference import gradient_checking as gcr

    cells = [(meta(cell).get("grade_id", ""), build_solutions.solved_source(cell.source))
             for cell in read(SOURCE, "05_gradient_checking").cells if cell.cell_type == "code"]
    cells = [(gid, code) for gid, code in cells
             if gid.startswith(("setup_", "provided_")) or gid in ("numerical_gradients", *course.NOTEBOOKS[
                 "05_gradient_checking"])]
    for student in ("alice", "bob", "answer_key", "s1", "s2", "s3", "s5", "s6", "s9"):
        bug_code = gcr.bug_code(seeds.seed_for(student, secret="notebook-test"))
        monkeypatch.setenv(STUDENT_ENV, student)
        monkeypatch.setenv(BUG_CODE_ENV, bug_code)
        ns: dict = {}
        for gid, code in cells:
            exec(compile(code, f"<05:{gid}>", "exec"), ns)
        assert "backward_a" not in ns and ns["STUDENT_ID"] == student and ns["BUG_CODE"] == bug_code
        assert ns["BACKWARD_B_SOURCE"] == gcr.COLLEAGUE_VERSIONS[gcr.colleague_index(bug_code)][0]
        X, Y, parameters = ns["small_problem"]()
        _, cache = ns["forward_propagation"](X, parameters)
        a, b = gcr.backward_a(X, Y, parameters, cache), ns["backward_b"](X, Y, parameters, cache)
        want = gcr.bug_for(bug_code)
        assert [k for k in a if not np.allclose(a[k], b[k], rtol=1e-12, atol=0)] == [want["gradient"]]
        report = ns["bug_report"]()
        assert report["gradient"] == want["gradient"] and report["factor"] == pytest.approx(want["factor"], rel=1e-6)
    for sizes in ({}, {"n_x": 4, "n_h": 1, "m": 2, "seed": 3}):
        X, Y, parameters = ns["small_problem"](**sizes)
        _, cache = ns["forward_propagation"](X, parameters)
        got, want = ns["backward_corrected"](X, Y, parameters, cache), gcr.backward_corrected(X, Y, parameters, cache)
        assert all(np.array_equal(got[k], want[k]) for k in want)
    for f, x, eps in ((np.sin, 0.3, 1e-5), (abs, 0.0, 0.2), (lambda t: t**3, 1.5, 0.3)):
        assert ns["numerical_derivative"](f, x, eps) == gcr.numerical_derivative(f, x, eps)
    for gid, code in cells:  # no cell shows a version's code: they are compressed
        assert "def backward_b" not in code, gid


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_setup_cells_are_cheap_and_do_not_plot(name):
    start = time.process_time()  # CPU time: the bound holds on a loaded machine
    ns: dict = {}
    for cell in read(SOURCE, name).cells:
        if meta(cell).get("grade_id", "").startswith("setup_"):
            assert "matplotlib" not in cell.source and "plt." not in cell.source
            exec(cell.source, ns)
    assert time.process_time() - start < 0.5


# --------------------------------------------------------------------------------------------------------------
# the solutions are right


def test_solutions_agree_with_the_reference():
    rng = np.random.default_rng(11)
    ns = {name: solution_namespace(name) for name in NOTEBOOKS}
    close = lambda a, b: np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-10, atol=1e-12)

    one = ns["01_chain_rule"]
    x = rng.standard_normal((3, 4))
    y, cache = one["forward_graph"](x)
    y_ref, cache_ref = ref.forward_graph(x)
    close(y, y_ref)
    for key in cache_ref:
        close(cache[key], cache_ref[key])
    for key, value in ref.backward_graph(cache_ref).items():
        close(one["backward_graph"](cache_ref)[key], value)
    close(one["dz_dt"](x), ref.dz_dt(x))
    from autograder.checks import chain_rule as engine_checks
    from autograder.checks.engine import run_driver

    for _ in range(3):  # the answer key's Value and the reference on random expressions
        case = engine_checks._random_expression(rng)
        got = run_driver("value_graph", {"Value": one["Value"]}, case.args)
        want = run_driver("value_graph", {"Value": ref.Value}, case.args)
        close(got["leaf grads"], want["leaf grads"])
        close(got["inner grads"], want["inner grads"])

    two = ns["02_activations"]
    z = rng.standard_normal((4, 6)) * 3
    a = ref.sigmoid(z)
    for fn, arg in [("sigmoid", z), ("sigmoid_derivative", a), ("tanh_derivative", np.tanh(z)), ("relu", z),
                    ("relu_derivative", z), ("leaky_relu", z), ("leaky_relu_derivative", z), ("softmax", z),
                    ("softmax", 1000 * z)]:
        close(two[fn](arg), getattr(ref, fn)(arg))
    close(two["leaky_relu"](z, alpha=0.2), ref.leaky_relu(z, alpha=0.2))
    close(two["softmax_jacobian"](ref.softmax(z)[:, :1]), ref.softmax_jacobian(ref.softmax(z)[:, :1]))

    three = ns["03_network"]
    X = rng.standard_normal((3, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    p = ref.initialize_parameters([3, 5, 1], seed=2, scale=1.0)
    A2, cache = three["forward_propagation"](X, p)
    A2_ref, cache_ref = ref.forward_propagation(X, p)
    for key in cache_ref:
        close(cache[key], cache_ref[key])
    close(three["compute_cost"](A2, Y), ref.compute_cost(A2_ref, Y))
    grads, grads_ref = three["backward_propagation"](X, Y, p, cache), ref.backward_propagation(X, Y, p, cache_ref)
    for key in grads_ref:
        close(grads[key], grads_ref[key])
    updated, updated_ref = three["update_parameters"](p, grads, 0.3), ref.update_parameters(p, grads_ref, 0.3)
    for key in updated_ref:
        close(updated[key], updated_ref[key])
    init = three["initialize_parameters"]([3, 5, 2, 1], seed=4)
    assert {k: v.shape for k, v in init.items()} == {k: v.shape for k, v in ref.initialize_parameters([3, 5, 2, 1]).items()}
    Xm, Ym = three["make_moons"](200, seed=0)
    trained = three["train"](Xm, Ym, [2, 8, 1], learning_rate=0.5, num_iterations=1500)
    assert ref.accuracy(Xm, Ym, trained) > 0.95

    four = ns["04_batches"]
    X, Y = rng.standard_normal((3, 10)), rng.standard_normal((1, 10))
    for (xb, yb), (xr, yr) in zip(four["random_mini_batches"](X, Y, 4, seed=5), ref.random_mini_batches(X, Y, 4, seed=5)):
        close(xb, xr)
        close(yb, yr)

    five = ns["05_gradient_checking"]
    theta = five["dictionary_to_vector"](p)
    close(theta, ref.dictionary_to_vector(p))
    close(five["dictionary_to_vector"](grads_ref), ref.dictionary_to_vector(grads_ref))
    for key, value in ref.vector_to_dictionary(theta, [3, 5, 1]).items():
        close(five["vector_to_dictionary"](theta, [3, 5, 1])[key], value)
    # gradient_check on notebook 3's model, as the reference does
    five.update(forward_propagation=ref.forward_propagation, compute_cost=ref.compute_cost)
    Xg = rng.standard_normal((3, 6))
    Yg = (rng.random((1, 6)) > 0.5).astype(float)
    _, cg = ref.forward_propagation(Xg, p)
    gg = ref.backward_propagation(Xg, Yg, p, cg)
    for gradients in (gg, {k: v * 1.01 for k, v in gg.items()}):
        np.testing.assert_allclose(five["gradient_check"](Xg, Yg, p, gradients),
                                   ref.gradient_check(Xg, Yg, p, gradients), rtol=1e-6, atol=1e-12)


def test_notebook7_solutions_and_data_agree_with_the_reference():
    from autograder import data
    from autograder.reference import softmax_classifier as ref7

    seven = solution_namespace("07_softmax_classifier")
    for m, seed in ((300, 0), (31, 4)):
        X, labels = seven["make_spiral"](m, seed=seed)
        X_ref, labels_ref = data.make_spiral(m, seed=seed)
        np.testing.assert_array_equal(X, X_ref)
        np.testing.assert_array_equal(labels, labels_ref)
        np.testing.assert_array_equal(seven["one_hot"](labels, 3), data.one_hot(labels_ref, 3))
    X, labels = data.make_spiral(40, seed=2)
    Y = data.one_hot(labels, 3)
    ours, costs = seven["train_classifier"](X, Y, 6, learning_rate=0.7, num_iterations=15, seed=5)
    theirs, costs_ref = ref7.train_classifier(X, Y, 6, learning_rate=0.7, num_iterations=15, seed=5)
    np.testing.assert_allclose(costs, costs_ref, rtol=1e-12)
    for k in theirs:
        np.testing.assert_allclose(ours[k], theirs[k], rtol=1e-10, atol=1e-12)
    A2, cache = seven["classifier_forward"](X, ours)
    grads, grads_ref = seven["classifier_backward"](X, Y, ours, cache), ref7.classifier_backward(X, Y, ours, cache)
    for k in grads_ref:
        np.testing.assert_allclose(grads[k], grads_ref[k], rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(seven["predict_classes"](X, ours), ref7.predict_classes(X, ours))
    assert seven["softmax_cost"](A2, Y) == pytest.approx(ref7.softmax_cost(A2, Y), rel=1e-12)


# --------------------------------------------------------------------------------------------------------------
# solutions/ is the source without markers and hidden tests


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_answer_key_is_the_source_without_markers_and_hidden_tests(name):
    source, key = read(SOURCE, name), read(SOLUTIONS, name)
    assert [(c.id, c.cell_type) for c in key.cells] == [(c.id, c.cell_type) for c in source.cells]
    for src, sol in zip(source.cells, key.cells):
        assert "nbgrader" not in sol.metadata
        if src.cell_type == "code":
            assert sol.source == build_solutions.solved_source(src.source)
            assert "BEGIN SOLUTION" not in sol.source and "HIDDEN TESTS" not in sol.source
            assert "autograder" not in sol.source
            assert all(o.output_type != "error" and o.get("name") != "stderr" for o in sol.outputs), (
                f"{name}: cell {sol.id} of the answer key has an error or stderr output")
        else:
            assert sol.source == src.source
    assert any(o.output_type == "display_data" for c in key.cells if c.cell_type == "code" for o in c.outputs) or (
        name == "01_chain_rule"), f"{name}: the answer key should be executed, with its plots"


# Every figure the prose quotes from an experiment, next to what the answer key's cell prints for it (issue 24:
# "every sentence in a notebook is true"). A changed experiment fails here until its prose is read again; a
# figure that is only drawn is printed too, so that it can be listed. Timing figures (notebook 4) are not quoted.
# The prose is compared with its line breaks and indents read as single spaces.
QUOTED_FIGURES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # notebook: [(what the markdown says, (what the key's outputs print, ...)), ...]
    "01_chain_rule": [
        (r"\text{depth} \cdot 2^{\text{depth}}$ multiplications", ("   12     4096          "
                                                                 "                  49152              46",)),
    ],
    "05_gradient_checking": [  # the round-off at 1e-07 is 9.9e-10 on some CPUs, 1.0e-09 on others: both fit the prose
        ("$10^{-5}$ is about 70 times more", ("epsilon = 1e-05: difference 1.4e-11",
                                             "epsilon = 1e-07: difference 9.9e-10")),
        ("round-off error (about $10^{-9}$ here)", ("epsilon = 1e-07: difference 9.9e-10",)),
        ("the difference is $0.55 - 0.45 = 0.1$", ("|x| at x = 1e-8: 0.09999999999999998",)),
    ],
    "06_deep_network": [
        ("$2^7 \\approx 130$ times He's", ("He: median |Z[L]|     0.148", "2 x He: median |Z[L]|        19")),
        ("$4^7 \\approx 16000$ times", ("4 x He: median |Z[L]|  2.43e+03",)),
        ("in the tens of thousands with $s = 1$", ("ReLU, std 1: ||dW1|| = 5.2e+04, ||dW11|| = 1.4e+04",)),
        ("near $10^{-16}$ with $s = 0.01$", ("ReLU, std 0.01: ||dW1|| = 7.9e-16, ||dW11|| = 1.2e-16",)),
        ("by a factor of about 5 per layer", ("sigmoid, std sqrt(1/n): ||dW1|| = 2.5e-08, ||dW11|| = 2.3e-01",)),
        ("$\\lambda = 0.5$ (88%)", ("lambd = 0.0: ||W|| = 10.6, accuracy 92%, on new points 88%",
                                 "lambd = 0.5: ||W|| = 9.7, accuracy 92%, on new points 88%")),
        ("they are about half as large", ("lambd = 5.0: ||W|| = 4.8, accuracy 77%, on new points 73%",)),
    ],
    "07_softmax_classifier": [
        ("a handful of examples should be learnt by heart", ("10 examples: cost 1.093 -> 0.00791, accuracy 100%",)),
    ],
    "08_optimizers": [
        ("still has about a third of the way to go", ("gradient descent (lr 0.019): ends at w1 = 0.002, w2 = 0.316",)),
        ("it is almost at $w_2 = 0$", ("momentum (lr 0.1): ends at w1 = -0.031, w2 = 0.004",)),
        ("ends about 0.02 from the minimum in both", ("Adam (lr 0.05): ends at w1 = 0.021, w2 = 0.021",)),
        ("plain descent is best at 0.3", ("gradient descent: final cost 0.0040 at learning rate 0.3",)),
        ("is still improving at 3", ("momentum: final cost 0.0018 at learning rate 3.0",)),
        ("Adam reaches the lowest cost, at 0.1", ("Adam: final cost 0.0014 at learning rate 0.1",)),
    ],
    "09_regularization": [
        ("about 1.13", ("keep_prob 1.0: at step 0 validation cost 1.133", "keep_prob 0.5: at step 0 validation cost 1.133")),
        ("to about 0.11 (96% of the training examples", ("at the end training cost 0.107 (accuracy 96.2%)",)),
        ("about 0.34 at step 100", ("lowest validation cost 0.337 at step 100",)),
        ("to 0.96 at the end", ("validation cost 0.956 (accuracy 82.6%)",)),
        ("about 0.19 (90% right)", ("training cost 0.192 (accuracy 90.0%), validation cost 0.399 (accuracy 85.0%)",)),
        ("(85.0% against 82.6%)", ("validation cost 0.399 (accuracy 85.0%)", "validation cost 0.956 (accuracy 82.6%)")),
        ("its best validation cost, about 0.34", ("lowest validation cost 0.338 at step 1200",)),
        ("about 0.01, against about 0.4 with dropout", ("true class: 0.014", "true class: 0.402")),
        ("about 0.06 against about 0.21 without", ("batch norm, step 100: training cost 0.059, validation cost 0.092",
                                                   "no batch norm, step 100: training cost 0.209, validation cost 0.211")),
        ("after all 400 steps, 0.065", ("no batch norm, step 400: training cost 0.065, validation cost 0.092",)),
        ("from 0.80 to about 14", ("training cost 0.804 at step 0, 14.3 at most, nan from step 8 on",)),
        ("training cost of about 0.04 after 400 steps and 96.6%",
         ("batch norm, step 400: training cost 0.039, validation cost 0.101 (accuracy 96.6%)",)),
        ("every example gets the same prediction", ("one example at a time: 1 distinct output(s)",)),
    ],
    "10_digits": [
        ("359 validation images and 1438", ("training 1438 images, validation 359",)),
        ("between 28 and 42 times", ("[28, 38, 33, 40, 33, 39, 32, 42, 41, 33]",)),
        ("still 2.24, close to", ("final cost 2.236, accuracy 30%, passed False",)),
        ("The training accuracy is 99.6%", ("training 99.6%, validation 96.9% (11 of 359 wrong)",)),
        ("its cost ends at 2.302", ("cost 2.299 -> 2.302; validation accuracy 7.8%, predicted digits [0]",)),
        ("1 taken for 9 twice", ("((1, 9), 2)", "((9, 1), 1)", "((2, 1), 1)", "((6, 1), 1)", "((1, 3), 1)")),
    ],
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_figures_the_prose_quotes_are_what_the_answer_key_prints(name):
    prose = " ".join(" ".join(c.source.split()) for c in read(SOURCE, name).cells if c.cell_type == "markdown")
    printed = "".join(o.get("text", "") for c in read(SOLUTIONS, name).cells if c.cell_type == "code"
                      for o in c.outputs)
    for quoted, outputs in QUOTED_FIGURES.get(name, []):
        assert quoted in prose, f"{name}: the prose no longer says {quoted!r} (spaces and line breaks alike)"
        for output in outputs:
            assert output in printed, (f"{name}: the prose says {quoted!r}, but the answer key no longer prints "
                                       f"{output!r}: re-read the prose against the new output")


# --------------------------------------------------------------------------------------------------------------
# nbgrader's Validator: the source passes everything, every release notebook fails (stubs)


@pytest.fixture(scope="module")
def validation() -> dict:
    jobs = [(folder, name) for folder in (SOURCE, RELEASE) for name in NOTEBOOKS]
    # Validator chdirs while it works, so the notebooks run in two worker processes rather than threads.
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = pool.map(_validate, [str(folder / f"{name}.ipynb") for folder, name in jobs])
        return {(folder.parent.name, name): result for (folder, name), result in zip(jobs, results)}


def _validate(path: str) -> dict:
    from nbgrader.validator import Validator

    return Validator().validate(path)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_source_notebook_validates(validation, name):
    result = validation["source", name]
    assert result == {}, f"source {name} does not validate: {[f['raw_error'][-500:] for f in result.get('failed', [])]}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_release_notebook_fails_validation(validation, name):
    failed = validation["release", name].get("failed", [])
    assert len(failed) == len(course.NOTEBOOKS[name]), f"release {name}: every graded cell should fail"
    assert all("NotImplementedError" in f["raw_error"] for f in failed)


# --------------------------------------------------------------------------------------------------------------
# release/: reproducible, and only stubs


@pytest.fixture(scope="module", autouse=True)
def release_job(tmp_path_factory):
    """Start nbgrader generate_assignment in a temporary copy of the course (config + source) right away, so it
    runs while the other tests of this module (notably the validation) do."""
    course_dir = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course_dir)
    shutil.copytree(ROOT / "source", course_dir / "source")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    job = subprocess.Popen([sys.executable, "-m", "nbgrader", "generate_assignment", course.ASSIGNMENT, "--force"],
                           cwd=course_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield course_dir, job
    if job.poll() is None:
        job.kill()
    job.communicate()


@pytest.fixture(scope="module")
def generated_release(release_job) -> Path:
    course_dir, job = release_job
    _, stderr = job.communicate(timeout=300)
    assert job.returncode == 0, stderr[-2000:]
    return course_dir / "release" / course.ASSIGNMENT


def test_release_is_reproducible(generated_release):
    assert sorted(p.name for p in generated_release.iterdir()) == sorted(p.name for p in RELEASE.iterdir())
    for name in NOTEBOOKS:
        committed = (RELEASE / f"{name}.ipynb").read_bytes()
        assert (generated_release / f"{name}.ipynb").read_bytes() == committed, (
            f"release/{course.ASSIGNMENT}/{name}.ipynb is stale: run make release")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_release_holds_only_stubs(name):
    text = "\n".join(cell.source for cell in read(RELEASE, name).cells)
    for forbidden in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "autograder", 'check("'):
        assert forbidden not in text, f"release {name} contains {forbidden!r}"
    release_cells = {c.id: c for c in read(RELEASE, name).cells}
    for src in read(SOURCE, name).cells:
        if not is_solution(src):
            continue
        stub = release_cells[src.id]
        classes = [n for n in ast.parse(src.source).body if isinstance(n, ast.ClassDef)]
        if classes:  # a class exercise: the given code stays, each solution region becomes a stub
            assert [n.name for n in ast.parse(stub.source).body] == [n.name for n in classes]
            regions = src.source.count("### BEGIN SOLUTION")
            assert stub.source.count("raise NotImplementedError()") == regions >= 1
            solved = build_solutions.solved_source(src.source)
            kept = [line for line in stub.source.splitlines() if "YOUR CODE HERE" not in line
                    and "raise NotImplementedError()" not in line]
            assert all(line in solved.splitlines() for line in kept), f"{name}: cell {src.id} changed given code"
            continue
        functions = top_level_functions(stub.source)
        assert set(functions) == set(top_level_functions(src.source)), f"{name}: cell {src.id} lost a function"
        assert all(isinstance(node, ast.FunctionDef) for node in ast.parse(stub.source).body)
        for fn, node in functions.items():
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            assert [ast.unparse(stmt) for stmt in body] == ["raise NotImplementedError()"], (
                f"{name}: the release body of {fn} is not a stub")
            src_node = top_level_functions(src.source)[fn]
            assert signature(node) == signature(src_node) and ast.get_docstring(node) == ast.get_docstring(src_node)


def test_the_readme_lists_the_course_as_course_py_does():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- COURSE TABLE -->")[1].split("<!-- /COURSE TABLE -->")[0]
    rows = [line for line in block.strip().splitlines()[2:]]
    want = course.readme_table().splitlines()[2:]
    assert rows == want
    assert f"{course.total_points()} points, about {course.course_time()}" in readme


def test_the_course_takes_a_median_student_8_to_12_hours_or_is_released_in_parts():
    minutes = sum(course.MINUTES[nb] for nb in course.NOTEBOOKS)
    assert 8 * 60 <= minutes, minutes
    if minutes > 12 * 60:  # longer than one deadline: the README's release in parts, none of them longer than 8 hours
        for part, names in course.PARTS.items():
            assert sum(course.MINUTES[nb] for nb in names) <= 8 * 60, part
    assert set(course.NOTEBOOKS) <= set(course.MINUTES)
