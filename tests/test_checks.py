"""The check engine, the call interface, seeds and hidden.check, on small hand-made submissions."""

import inspect
import textwrap

import numpy as np
import pytest

import corpus
from autograder import course, diagnose, hidden
from autograder.checks import CHECKS, Check, InProcessCall, StudentError, checks_for, run_checks, seeds
from autograder.checks.compare import compare
from autograder.checks.engine import CallOutcome, Case, to_plain
from autograder.checks.kinds import Values
from autograder.reference import STUDENT_FUNCTIONS

SEED = seeds.seed_for("unit", secret="tests")


def reference_namespace():
    """A submission made of the reference's own sources, as the sandbox would execute them."""
    ns = {"np": np}
    for fn in STUDENT_FUNCTIONS.values():
        exec(textwrap.dedent(inspect.getsource(fn)), ns)
    return ns


def test_every_graded_function_has_checks_and_the_scores_add_up_to_its_points():
    results = run_checks(InProcessCall(reference_namespace()), SEED)
    assert [r.name for r in results] == [c.name for c in CHECKS]
    for nb, fn, points in course.exercises():
        mine = [r for r in results if r.function == fn]
        assert mine and all(r.notebook == nb for r in mine)
        assert sum(r.max_score for r in mine) == pytest.approx(points)


def test_the_reference_earns_full_marks():
    results = run_checks(InProcessCall(reference_namespace()), SEED)
    assert [r.output for r in results if r.status != "passed"] == []
    assert sum(r.score for r in results) == pytest.approx(course.total_points())


def test_checks_for_and_names():
    assert [c.name for c in checks_for("backward_propagation")][:4] == [
        "backward_propagation.dW1", "backward_propagation.db1", "backward_propagation.dW2", "backward_propagation.db2"]
    for c in CHECKS:
        assert c.function not in c.provide
        assert all(m in diagnose.CATALOGUE for m in c.misconceptions)


def test_a_missing_function_scores_zero_and_says_where_to_define_it():
    ns = corpus.submission_namespace()
    del ns["relu"]
    results = run_checks(InProcessCall(ns), SEED, functions=["relu"])
    assert all(r.score == 0 and r.status == "failed" for r in results)
    assert "`relu` is not defined at the top level of a solution cell in 02_activations" in results[0].output


def test_an_exception_scores_zero_with_its_message():
    ns = corpus.submission_namespace()
    exec("def sigmoid(z):\n    raise ValueError('not yet')", ns)
    results = run_checks(InProcessCall(ns), SEED, functions=["sigmoid"])
    assert all(r.score == 0 and "raised ValueError: not yet" in r.output for r in results)


def test_a_shape_error_in_matrix_products_is_named():
    ns = corpus.submission_namespace()
    exec("def forward_propagation(X, parameters):\n    return X @ parameters['W1'], {}", ns)
    results = run_checks(InProcessCall(ns), SEED, functions=["forward_propagation"])
    # the inputs-unchanged check is never re-run with the keys in layer order (dict_order), so it names no cause
    assert {r.misconception for r in results if not r.name.endswith("inputs_unchanged")} == {"matrix_dimensions"}
    assert all(r.misconception is None for r in results if r.name.endswith("inputs_unchanged"))


def test_provided_functions_are_restored_after_the_call():
    ns = corpus.submission_namespace()
    exec("def relu(z):\n    return 'mine'", ns)
    mine = ns["relu"]
    call = InProcessCall(ns)
    X, p = np.ones((2, 3)), {"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
    outcome = call("forward_propagation", (X, p), provide=("relu", "sigmoid"))
    assert isinstance(outcome, CallOutcome) and outcome.value[0].shape == (1, 3)
    assert ns["relu"] is mine
    with pytest.raises(ValueError):
        call("relu", (X,), provide=("relu",))


def test_call_returns_plain_data_and_the_arguments_after_the_call():
    ns = {"np": np}
    exec("def f(a):\n    a[0] = 5.0\n    return np.float64(2.5), np.int64(3), [np.bool_(True)]", ns)
    a = np.zeros(3)
    outcome = InProcessCall(ns)("f", (a,))
    assert outcome.value == (2.5, 3, [True]) and type(outcome.value[0]) is float
    assert outcome.args_after[0][0] == 5.0 and a[0] == 0.0  # the caller's array is a copy
    with pytest.raises(StudentError) as err:
        to_plain(object())
    assert err.value.kind == "bad_output"
    with pytest.raises(StudentError):
        to_plain(np.array([object()]))


def test_compare_is_lenient_where_the_contract_is():
    assert compare(np.array([[0.5]]), 0.5) is None  # a (1, 1) cost
    assert compare(np.array(0.5), 0.5) is None  # a 0-d cost
    assert compare(np.array([1, 0]), np.array([1.0, 0.0])) is None  # ints for floats
    assert compare(np.array([True, False]), np.array([1.0, 0.0])) is None  # a bool mask
    assert compare(np.ones((2, 3)), np.ones((3, 2))).reason == "shape"
    assert compare(np.array([np.nan]), np.array([1.0])).reason == "nonfinite"
    assert compare({"a": 1.0}, {"a": 1.0, "b": 2.0}).reason == "key"


def test_feedback_names_the_wrong_entry_and_shapes_not_values():
    ns = corpus.submission_namespace()
    exec("def update_parameters(p, g, lr):\n    p = dict(p)\n    p['W2'] = p['W2'] + 0\n"
         "    p['W1'] = p['W1'] - lr * g['dW1']\n    p['b1'] = p['b1'] - lr * g['db1']\n"
         "    p['b2'] = p['b2'] - lr * g['db2']\n    return p", ns)
    r = run_checks(InProcessCall(ns), SEED, functions=["update_parameters"])[0]
    assert r.misconception == "parameter_not_updated" and "`W2` is the value that came in" in r.output
    exec("def backward_propagation(X, Y, parameters, cache):\n"
         "    g = {k: v for k, v in BASE(X, Y, parameters, cache).items()}\n    g['dW1'] = g['dW1'].T\n    return g", ns)
    ns["BASE"] = corpus.submission_namespace()["backward_propagation"]
    r = run_checks(InProcessCall(ns), SEED, functions=["backward_propagation"])[0]
    assert r.misconception == "transposed" and "expected shape" in r.output and "got shape" in r.output


def test_inputs_depend_on_the_student_and_the_check():
    a, b = seeds.seed_for("alice", secret="s"), seeds.seed_for("bob", secret="s")
    assert a != b and a == seeds.seed_for("alice", secret="s") and a != seeds.seed_for("alice", secret="t")
    for check in CHECKS:
        if check.function == "bug_report":
            continue  # no inputs: its answer depends on the student id (the colleague's version), not on the seed
        x = check.inputs(seeds.generator_for(a, check.name))
        y = check.inputs(seeds.generator_for(b, check.name))
        assert compare(x.args, y.args) is not None or compare(x.kwargs, y.kwargs) is not None, check.name
    g1 = seeds.generator_for(a, "relu.values").random()
    assert g1 != seeds.generator_for(a, "relu.inputs_unchanged").random()


def test_a_hard_coded_answer_for_one_student_scores_nothing_for_another():
    check = checks_for("backward_propagation")[0]
    case = check.inputs(seeds.generator_for(seeds.seed_for("alice", secret="s"), check.name))
    frozen = STUDENT_FUNCTIONS["backward_propagation"](*case.args)
    ns = corpus.submission_namespace()
    ns["FROZEN"] = frozen
    exec("def backward_propagation(X, Y, parameters, cache):\n    return FROZEN", ns)
    mine = run_checks(InProcessCall(ns), seeds.seed_for("alice", secret="s"), functions=["backward_propagation"])
    theirs = run_checks(InProcessCall(ns), seeds.seed_for("bob", secret="s"), functions=["backward_propagation"])
    assert mine[0].status == "passed"
    assert all(r.score == 0 for r in theirs if not r.name.endswith("inputs_unchanged"))


def test_course_secret_sources(tmp_path, monkeypatch):
    monkeypatch.delenv(seeds.SECRET_ENV, raising=False)
    (tmp_path / seeds.SECRET_FILE).write_text("from-file\n")
    (tmp_path / "nested").mkdir()
    assert seeds.course_secret(tmp_path / "nested") == "from-file"
    monkeypatch.setenv(seeds.SECRET_ENV, "from-env")
    assert seeds.course_secret(tmp_path) == "from-env"
    monkeypatch.delenv(seeds.SECRET_ENV)
    with pytest.warns(UserWarning, match="development secret"):
        assert seeds.course_secret("/") == seeds.DEV_SECRET


def test_hidden_check_prints_feedback_returns_the_score_and_writes_no_stderr(capsys, monkeypatch):
    monkeypatch.setenv(seeds.SECRET_ENV, "hidden-test")
    ns = corpus.submission_namespace()
    assert hidden.check("relu", ns, student_id="s1") == pytest.approx(1.0)
    exec("def relu(z):\n    z[z < 0] = 0\n    return z", ns)
    score = hidden.check("relu", ns, student_id="s1")
    out, err = capsys.readouterr()
    assert score == pytest.approx(0.75) and err == ""
    assert "FAIL relu.inputs_unchanged" in out and "ok   relu.values" in out
    with pytest.raises(KeyError):
        hidden.check("not_graded", ns)


def test_hidden_check_finds_the_student_in_nbgraders_folders(monkeypatch, tmp_path):
    monkeypatch.delenv(hidden.STUDENT_ENV, raising=False)
    assert hidden.current_student(tmp_path / "autograded" / "alice" / "backprop") == "alice"
    assert hidden.current_student(tmp_path) == "student"
    monkeypatch.setenv(hidden.STUDENT_ENV, "bob")
    assert hidden.current_student(tmp_path / "autograded" / "alice" / "backprop") == "bob"


def test_a_new_check_is_just_data():
    """How an instructor adds a check: declare it, run it with the engine."""
    extra = Check("relu.large_inputs", "relu", lambda rng: Case((rng.normal(0, 1e6, (3, 5)),)), Values())
    ns = corpus.submission_namespace()
    (r,) = run_checks(InProcessCall(ns), SEED, checks=[extra])
    assert r.status == "passed" and r.max_score == pytest.approx(course.NOTEBOOKS["02_activations"]["relu"])


def test_the_sandbox_gives_the_same_verdicts_as_in_process():
    """The real grading path: each notebook's solution cells (from the corpus sources) run in the sandbox."""
    sandbox = pytest.importorskip("autograder.sandbox")
    seed = seeds.seed_for("sandbox", secret="tests")
    mutants = {v.name: v for v in corpus.load_mutants()}
    for variant in [corpus.baseline(), mutants["relu_in_place"], mutants["backward_not_averaged"],
                    mutants["batches_unpaired"], mutants["gc_not_restored"], mutants["dz_dt_cos_sign"],
                    mutants["hunt_nd_forward"], mutants["hunt_bug_inverted"]]:  # a driver; a provided backward_b
        notebooks = {course.notebook_of(fn) for fn in variant.functions} or set(course.NOTEBOOKS)
        for nb in sorted(notebooks):
            functions = list(course.NOTEBOOKS[nb])
            far = run_checks(sandbox.SandboxCall(corpus.solution_cells(variant, nb)), seed, functions=functions)
            near = run_checks(InProcessCall(corpus.submission_namespace(variant)), seed, functions=functions)
            assert [(r.name, r.status, r.misconception) for r in far] == \
                [(r.name, r.status, r.misconception) for r in near], (variant.name, nb)


@pytest.mark.parametrize("student", ["s219", "ines_chowdhury"])
def test_correct_training_converges_for_the_students_where_it_once_did_not(student):
    # With secret "x", these two students' XOR problems left a correct `train` at cost 0.106 after 400
    # iterations (threshold 0.1): a right answer scored 0. The check now trains long enough for every seed.
    namespace = corpus.submission_namespace(corpus.baseline())
    results = run_checks(InProcessCall(namespace), seeds.seed_for(student, secret="x"), functions=["train"])
    assert [r.status for r in results] == ["passed"] * len(results), [r.output for r in results]
