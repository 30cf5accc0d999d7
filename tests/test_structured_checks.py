"""The hidden inputs cover the shapes a general implementation must handle, the documented arguments are
honoured, and no returned value (non-finite, denormal, absurdly large) games a check or costs the trusted
side more than bounded work."""

import numpy as np
import pytest

import corpus
from autograder import course
from autograder.checks import CHECKS, InProcessCall, run_checks, seeds
from autograder.checks.engine import CallOutcome, Trial, run_check
from autograder.checks.kinds import Unchanged
from autograder.reference import STUDENT_FUNCTIONS

SEED = seeds.seed_for("structured", secret="tests")
STUDENTS = [seeds.seed_for(f"structured-{i}", secret="tests") for i in range(10)]


def cases(name):
    check = next(c for c in CHECKS if c.name == name)
    return [check.inputs(seeds.generator_for(s, name)) for s in STUDENTS]


def grade(source: str, functions, seed=SEED):
    """The baseline with ``source`` executed over it, graded on ``functions``: {check name: result}."""
    ns = corpus.submission_namespace()
    exec(source, ns)
    return {r.name: r for r in run_checks(InProcessCall(ns), seed, functions=functions)}


# ---------------------------------------------------------------------------------------------------
# The family of shapes and structures


def test_network_inputs_include_one_example_few_examples_and_one_hidden_unit():
    for case in cases("forward_propagation.one_example") + cases("backward_propagation.dW1@one_example"):
        assert case.args[0].shape[1] == 1
    for case in cases("backward_propagation.dW1@few_examples") + cases("forward_propagation.few_examples"):
        X, params = case.args[0], case.args[-1] if len(case.args) == 2 else case.args[2]
        assert X.shape[1] < X.shape[0] and params["W1"].shape[0] == 1
    assert all(c.args[0].shape == (1, 1) for c in cases("compute_cost.one_example"))


def test_dicts_come_with_shuffled_keys_and_deep_networks_where_the_notebook_allows_any_depth():
    for name in ("dictionary_to_vector.three_layers", "dictionary_to_vector.four_layer_gradients",
                 "update_parameters.shuffled_keys", "backward_propagation.dW1@few_examples"):
        for case in cases(name):
            d = next(a for a in case.args if isinstance(a, dict))
            assert list(d) != sorted(d) and list(d) != sorted(d, key=lambda k: (k[-1], k)), (name, list(d))
    depth = {name: {len(c.args[0]) - 1 for c in cases(name)} for name in
             ("initialize_parameters.three_layers", "initialize_parameters.four_layers")}
    assert depth == {"initialize_parameters.three_layers": {3}, "initialize_parameters.four_layers": {4}}
    assert {len(c.args[0]) // 2 for c in cases("dictionary_to_vector.four_layer_gradients")} == {4}
    assert {len(c.args[1]) - 1 for c in cases("vector_to_dictionary.four_layers")} == {4}


# functions with nothing that could be changed in place
NO_MUTABLE_INPUTS = {
    "numerical_derivative": "its arguments are a function and a float",
    "bug_report": "it takes no argument",
    "Value": "a class graded through drivers: the drivers build every object, no caller's arrays",
}


def test_every_function_but_update_parameters_checks_that_all_its_inputs_are_unchanged():
    for _, fn, _ in course.exercises():
        if fn in NO_MUTABLE_INPUTS:
            continue
        kinds = [c.kind for c in CHECKS if c.function == fn and isinstance(c.kind, Unchanged)]
        assert kinds, f"{fn} has no inputs-unchanged check"
        covered = set().union(*[set(k.positions) if k.positions is not None else {"all"} for k in kinds])
        if fn == "update_parameters":
            assert covered == {1}  # the contract lets it update the parameters in place, not the gradients
        elif fn != "gradient_check":
            assert "all" in covered, fn
        else:
            assert covered == {0, 1, 2, 3}


@pytest.mark.parametrize("source, function, failed", [
    # m = max(X.shape) is right while examples outnumber features
    ("def backward_propagation(X, Y, parameters, cache):\n"
     "    m = max(X.shape)\n"
     "    dZ2 = cache['A2'] - Y\n"
     "    dZ1 = (parameters['W2'].T @ dZ2) * (cache['Z1'] > 0)\n"
     "    return {'dW1': dZ1 @ X.T / m, 'db1': dZ1.sum(axis=1, keepdims=True) / m,\n"
     "            'dW2': dZ2 @ cache['A1'].T / m, 'db2': dZ2.sum(axis=1, keepdims=True) / m}\n",
     "backward_propagation", {f"{k}@{shape}" for k in ("dW1", "db1", "dW2", "db2")
                              for shape in ("few_examples", "one_example")}),
    # the dict's insertion order instead of the layer order
    ("def dictionary_to_vector(d):\n    return np.concatenate([v.reshape(-1, 1) for v in d.values()])\n",
     "dictionary_to_vector", {"three_layers", "four_layer_gradients"}),
    # a softmax normalised over everything is right on a single column only
    ("def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum()\n",
     "softmax", {"values", "extreme_logits"}),
])
def test_shortcuts_fail_exactly_the_shapes_they_cannot_handle(source, function, failed):
    results = grade(source, [function])
    assert {n.split(".", 1)[1] for n, r in results.items() if r.status == "failed"} == failed


# ---------------------------------------------------------------------------------------------------
# Arguments honoured


TRAIN = """
def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, **kwargs):
    parameters = initialize_parameters(layer_dims, seed=kwargs.get("seed", 0))
    for i in range({loop}):
        A2, cache = forward_propagation(X, parameters)
        gradients = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, gradients, {rate})
    return parameters
"""


@pytest.mark.parametrize("loop, rate, failed", [
    ("num_iterations", "learning_rate", set()),
    ("num_iterations", "0.3", {"learning_rate", "num_iterations"}),  # converges: it passed before
    # both converge; the one-step results at two rates need the right number of steps too
    ("1000", "learning_rate", {"learning_rate", "num_iterations"}),
    ("num_iterations + 1", "learning_rate", {"learning_rate", "num_iterations"}),
    ("num_iterations", "learning_rate ** 2", {"learning_rate", "num_iterations"}),
])
def test_train_follows_the_reference_trajectory_at_two_rates_and_two_lengths(loop, rate, failed):
    results = grade(TRAIN.format(loop=loop, rate=rate), ["train"])
    assert {n.split(".", 1)[1] for n, r in results.items() if r.status == "failed"} == failed, \
        [r.output for r in results.values() if r.status == "failed"]


def test_train_may_start_anywhere_the_trajectory_is_judged_from_its_own_start():
    own_start = TRAIN.format(loop="num_iterations", rate="learning_rate").replace(
        'initialize_parameters(layer_dims, seed=kwargs.get("seed", 0))',
        "{k: v * 37.0 + 0.1 for k, v in initialize_parameters(layer_dims, seed=5).items()}")
    results = grade(own_start, ["train"])
    assert results["train.learning_rate"].status == results["train.num_iterations"].status == "passed"


@pytest.mark.parametrize("rng_line, misconception", [
    ("rng = np.random.default_rng(seed)", None),
    ("np.random.seed(seed); rng = np.random", None),
    ("rng = np.random.default_rng(12)", "seed_ignored_fixed"),
    ("rng = np.random.default_rng()", "seed_ignored_random"),
])
def test_initialize_parameters_is_deterministic_in_its_seed_and_differs_between_seeds(rng_line, misconception):
    source = (f"def initialize_parameters(layer_dims, seed=0):\n    {rng_line}\n    p = {{}}\n"
              "    for l in range(1, len(layer_dims)):\n"
              "        p[f'W{l}'] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01\n"
              "        p[f'b{l}'] = np.zeros((layer_dims[l], 1))\n    return p\n")
    r = grade(source, ["initialize_parameters"])["initialize_parameters.seed"]
    assert (r.status, r.misconception) == (("passed", None) if misconception is None else ("failed", misconception))


def test_every_documented_argument_changes_the_result_as_the_reference_does():
    """A function that ignores any one of its documented arguments loses points."""
    ignoring = {
        "leaky_relu": "def leaky_relu(z, alpha=0.01):\n    return np.where(z > 0, z, 0.01 * z)\n",
        "leaky_relu_derivative": "def leaky_relu_derivative(z, alpha=0.01):\n    return np.where(z > 0, 1.0, 0.01)\n",
        "update_parameters": "def update_parameters(parameters, gradients, learning_rate):\n"
                             "    return {k: v - 0.1 * gradients['d' + k] for k, v in parameters.items()}\n",
        "random_mini_batches": "def random_mini_batches(X, Y, mini_batch_size=64, seed=0):\n"
                               "    p = np.random.default_rng(seed).permutation(X.shape[1])\n"
                               "    return [(X[:, p][:, k:k + 64], Y[:, p][:, k:k + 64])\n"
                               "            for k in range(0, X.shape[1], 64)]\n",
        "gradient_check": None,  # epsilon: tests/mutants/gc_fixed_epsilon.py
        "vector_to_dictionary": "def vector_to_dictionary(theta, layer_dims):\n"
                                "    return {'W1': theta[:0], 'b1': theta[:0], 'W2': theta[:0], 'b2': theta[:0]}\n",
    }
    for fn, source in ignoring.items():
        if source is None:
            continue
        results = grade(source, [fn])
        assert any(r.status == "failed" for r in results.values()), fn


# ---------------------------------------------------------------------------------------------------
# Values that must not game a check, and bounded work


def _trial_for(name: str, value) -> Trial:
    check = next(c for c in CHECKS if c.name == name)
    case = check.inputs(seeds.generator_for(SEED, name))
    more = tuple(CallOutcome(value, args) for args, _ in case.more)
    return Trial(check, case, CallOutcome(value, case.args), STUDENT_FUNCTIONS, more)


@pytest.mark.parametrize("poison", ["nan", "inf", "denormal", "tiny_rows"])
def test_non_finite_or_denormal_weights_do_not_pass_the_no_symmetry_check(poison):
    trial = _trial_for("initialize_parameters.no_symmetry", None)
    dims = trial.case.args[0]
    value = {}
    for l in range(1, len(dims)):
        W = np.full((dims[l], dims[l - 1]), 0.01)
        column = {"nan": np.nan, "inf": np.inf, "denormal": 5e-324, "tiny_rows": 1e-300}[poison]
        W[:, 0] = column * np.arange(1, dims[l] + 1)  # the only thing that tells the rows apart
        value[f"W{l}"], value[f"b{l}"] = W, np.zeros((dims[l], 1))
    trial.outcome.value.update(value) if isinstance(trial.outcome.value, dict) else None
    trial = Trial(trial.check, trial.case, CallOutcome(value, trial.case.args), STUDENT_FUNCTIONS)
    assert trial.check.kind.verify(trial) is not None


def test_a_huge_mini_batch_answer_is_rejected_before_any_loop():
    """The attack of issue 10: a crafted answer that kept the trusted side busy for minutes."""
    check = next(c for c in CHECKS if c.name == "random_mini_batches.pairs")
    case = check.inputs(seeds.generator_for(SEED, check.name))
    X, Y = case.args
    one = (X[:, :1], Y[:, :1])
    for value in ([one] * 300_000, [(np.repeat(X, 4000, axis=1)[:, :400_000], np.zeros((1, 400_000)))]):
        trial = Trial(check, case, CallOutcome(value, case.args), STUDENT_FUNCTIONS)
        failure = check.kind.verify(trial)
        assert failure is not None and ("batches for" in failure.message or "more numbers" in failure.message)


def test_a_nan_mini_batch_partition_fails():
    check = next(c for c in CHECKS if c.name == "random_mini_batches.partition")
    case = check.inputs(seeds.generator_for(SEED, check.name))
    X, Y = case.args
    value = [(np.full_like(X, np.nan), Y)]
    trial = Trial(check, case, CallOutcome(value, case.args), STUDENT_FUNCTIONS)
    assert check.kind.verify(trial) is not None


def test_huge_returned_weights_are_rejected_without_heavy_work():
    trial = _trial_for("initialize_parameters.no_symmetry", None)
    dims = trial.case.args[0]
    value = {f"{p}{l}": np.random.default_rng(0).normal(size=(2000, 500)) for l in range(1, len(dims)) for p in "Wb"}
    trial = Trial(trial.check, trial.case, CallOutcome(value, trial.case.args), STUDENT_FUNCTIONS)
    failure = trial.check.kind.verify(trial)
    assert failure is not None and "far larger" in failure.message


def test_an_import_that_fails_is_named():
    results = grade("def sigmoid(z):\n    import scipy_is_not_here\n    return z\n", ["sigmoid"])
    failed = [r for r in results.values() if r.status == "failed"]
    assert failed and all(r.misconception == "import_failed" for r in failed)
    assert "ModuleNotFoundError" in failed[0].output


def test_run_check_never_raises_on_a_check_that_calls_more_than_once():
    check = next(c for c in CHECKS if c.name == "train.learning_rate")

    def flaky(function, args=(), kwargs=None, provide=()):
        from autograder.checks import StudentError

        if kwargs.get("learning_rate") == 0.7:
            raise StudentError("timeout", "`train` took too long")
        return CallOutcome(STUDENT_FUNCTIONS["initialize_parameters"](args[2]), args)

    r = run_check(check, flaky, SEED, STUDENT_FUNCTIONS, 1.0)
    assert r.status == "failed" and "too long" in r.output


def test_the_large_logits_of_classifier_forward_differ_in_level_and_spread_between_columns():
    """Columns near -1000 and near +1000 (one maximum for the whole matrix empties the low ones) and columns whose
    logits spread over thousands (a shift by the mean or the minimum overflows there), for every student."""
    check = next(c for c in CHECKS if c.name == "classifier_forward.large_logits")
    for i in range(10):
        case = check.inputs(seeds.generator_for(seeds.seed_for(f"s{i}", secret="t"), check.name))
        X, p = case.args
        Z2 = p["W2"] @ np.maximum(0, p["W1"] @ X + p["b1"]) + p["b2"]
        top, spread = Z2.max(axis=0), Z2.max(axis=0) - Z2.min(axis=0)
        assert top.min() < -500 and top.max() > 500 and top.max() - top.min() > 1500
        assert spread.max() > 1500 and spread.min() < 50
        assert np.any((top > 500) & (spread < 50))  # high but unsaturated: every column checked, not only low ones


_HALF_AT_ZERO = '''
def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (np.sign(Z) + 1) / 2      # 1 where Z > 0, 0 where Z < 0, but 0.5 at exactly 0
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
'''


def test_the_relu_slope_at_exactly_zero_is_graded_with_the_contracts_leniency():
    """activation_backward's relu case has Z exactly 0 in two entries (where dA is not 0): the mask Z > 0 (the
    notebook's) and Z >= 0 (the contract's "either at 0") pass, a slope of 0.5 there fails and is named. The
    notebook's visible test has no exact zeros, so this mutant is tested here rather than in tests/mutants/."""
    for case in cases("activation_backward.dW@relu"):
        dA, (_, Z), _ = case.args
        assert np.sum(Z == 0) == 2 and np.all(dA[Z == 0] != 0) and np.any(Z > 0) and np.any(Z < 0)
    results = grade(_HALF_AT_ZERO, ["activation_backward"])
    relu = {n: r for n, r in results.items() if n.endswith("@relu")}
    assert relu and all(r.status == "failed" and r.misconception == "relu_slope_at_zero" for r in relu.values())
    assert all(r.status == "passed" for n, r in results.items() if n not in relu)
    for mask in ("(Z > 0)", "(Z >= 0)", "np.where(Z >= 0, 1.0, 0.0)", "(Z > 0).astype(float)"):
        ok = grade(_HALF_AT_ZERO.replace("(np.sign(Z) + 1) / 2", mask), ["activation_backward"])
        assert all(r.status == "passed" for r in ok.values()), mask


# The notebook states the form exactly and its visible test rejects anything else: the grader must too (issue 25,
# "the grader accepting what the notebook says is wrong"). Each source passes the values but not the stated form.
_FORM_SLIPS = {
    "forward_graph": ("""
def forward_graph(x):
    g = x**2
    f = g + 1
    y = f**3
    return y, {"x": x, "g": g, "f": f, "y": y, "dy_df": 3 * f**2}   # exactly the keys x, g, f, y
""", "forward_graph.cache"),
    "per_example_gradients": ("""
def per_example_gradients(X, Y, params):
    grads = [net_backward(X[:, i:i + 1], Y[:, i:i + 1], params, net_forward(X[:, i:i + 1], params)[1])
             for i in range(X.shape[1])]
    out = {k: np.stack([g[k] for g in grads]) for k in grads[0]}
    out["m"] = X.shape[1]                                            # the keys of net_backward only
    return out
""", "per_example_gradients.values"),
    "mini_batch_gradient_descent": ("""
_right = mini_batch_gradient_descent
def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    return list(_right(X, Y, params, learning_rate, num_epochs, mini_batch_size, seed))  # a tuple (params, costs)
""", "mini_batch_gradient_descent.parameters"),
    "vector_to_dictionary": ("""
_right = vector_to_dictionary
def vector_to_dictionary(theta, layer_dims):
    return dict(_right(theta, layer_dims), L=len(layer_dims) - 1)   # W1, b1, ... only
""", "vector_to_dictionary.values"),
    "gradient_check": ("""
_right = gradient_check
def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    return np.array([_right(X, Y, parameters, gradients, epsilon)])  # one number
""", "gradient_check.wrong_gradients"),
    "numerical_derivative": ("""
def numerical_derivative(f, x, epsilon=1e-5):
    return np.array([(f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)])  # one float
""", "numerical_derivative.smooth"),
    "relu_derivative": ("""
def relu_derivative(z):
    return (np.sign(z) + 1) / 2                                      # 0 or 1 at exactly 0, not 0.5
""", "relu_derivative.values"),
    "leaky_relu_derivative": ("""
def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z > 0, 1.0, np.where(z < 0, alpha, 0.5))         # 1 or alpha at exactly 0
""", "leaky_relu_derivative.values"),
    "initialize_parameters": ("""
_right = initialize_parameters
def initialize_parameters(layer_dims, seed=0):
    return dict(_right(layer_dims, seed), L=len(layer_dims) - 1)     # exactly W1, b1, ..., WL, bL
""", "initialize_parameters.shapes"),
    "compute_cost_l2": ("""
_right = compute_cost_l2
def compute_cost_l2(AL, Y, parameters, lambd):
    return np.array([_right(AL, Y, parameters, lambd)])               # one number
""", "compute_cost_l2.values"),
    "softmax_cost": ("""
_right = softmax_cost
def softmax_cost(A, Y):
    return np.array([[_right(A, Y)]])                                 # one number
""", "softmax_cost.values"),
    "train_classifier": ("""
_right = train_classifier
def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    p, costs = _right(X, Y, n_h, learning_rate, num_iterations, seed)
    return p, costs or [0.0]                                          # no cost without an iteration
""", "train_classifier.start"),
}

_FORM_RIGHT = {
    "forward_graph": "def forward_graph(x):\n    y = (x**2 + 1) ** 3\n    return y, dict(x=x, g=x**2, f=x**2 + 1, y=y)\n",
    "gradient_check": "_right = gradient_check\ndef gradient_check(*a, **k):\n    return np.asarray(_right(*a, **k))\n",
    "numerical_derivative": "def numerical_derivative(f, x, epsilon=1e-5):\n"
                            "    return np.float64((f(x + epsilon) - f(x - epsilon)) / (2 * epsilon))\n",
    "relu_derivative": "def relu_derivative(z):\n    return np.heaviside(z, 1.0)\n",
    "leaky_relu_derivative": "def leaky_relu_derivative(z, alpha=0.01):\n    return np.where(z >= 0, 1.0, alpha)\n",
}


@pytest.mark.parametrize("function", list(_FORM_SLIPS))
def test_the_form_the_notebook_states_is_graded(function):
    source, check = _FORM_SLIPS[function]
    results = grade(source, [function])
    assert results[check].status == "failed", f"{function}: {results[check].output}"
    if function in _FORM_RIGHT:  # the same values in a form the notebook allows: full marks
        ok = grade(_FORM_RIGHT[function], [function])
        assert all(r.status == "passed" for r in ok.values()), [r.output for r in ok.values() if r.status != "passed"]


# Parameters read by position: right when the keys come in layer order (as in the notebooks' visible tests, which is
# why these are not in tests/mutants/), wrong on the grader's shuffled dicts. The student's own code, called again
# with the keys in layer order, passes: exact evidence that names `dict_order` (and not "the shapes do not line up").
_BY_POSITION = {
    "forward_propagation": """
def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters.values()
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
""",
    "classifier_forward": """
def classifier_forward(X, parameters):
    W1, b1, W2, b2 = [parameters[k] for k in parameters]
    Z1 = W1 @ X + b1
    A1 = np.maximum(0, Z1)
    Z2 = W2 @ A1 + b2
    e = np.exp(Z2 - np.max(Z2, axis=0, keepdims=True))
    A2 = e / np.sum(e, axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
""",
}


@pytest.mark.parametrize("function", list(_BY_POSITION))
def test_parameters_read_by_position_are_named_by_calling_the_code_again_in_layer_order(function):
    results = grade(_BY_POSITION[function], [function])
    failed = [r for r in results.values() if r.status == "failed"]
    # (inputs_unchanged passes in layer order whatever the values: it names nothing)
    assert failed and {r.misconception for r in failed if not r.name.endswith("inputs_unchanged")} == {"dict_order"}
    assert all("matrix product" not in r.output for r in failed)
    # a mistake that stays wrong in layer order is not blamed on the order
    wrong = _BY_POSITION[function].replace("Z1 = W1 @ X + b1", "Z1 = W1 @ X - b1")
    assert all(r.misconception != "dict_order" for r in grade(wrong, [function]).values())


def test_an_error_names_a_cause_only_when_the_error_and_the_inputs_fix_it():
    from autograder import diagnose
    from autograder.checks.engine import Case, StudentError

    check = next(c for c in CHECKS if c.name == "dictionary_to_vector.parameters")
    three = Case(({"W1": 0, "b1": 0, "W2": 0, "b2": 0, "W3": 0, "b3": 0},))

    def named(message, case=three, on=check):
        return diagnose.explain_error(on, StudentError("exception", f"`{on.function}` raised {message}"), case)

    assert named("KeyError: 'W4'") == "layer_past_the_end"
    assert named("KeyError: 'db4'") == "layer_past_the_end"
    assert named("KeyError: 'W0'") == "layer_zero"
    assert named("KeyError: 'W3'") is None and named("KeyError: 'W5'") is None  # not one past the end
    assert named("KeyError: 'W4'", case=Case(({"W1": 0, "W3": 0},))) is None  # the inputs' layers are not 1 .. L
    assert named("ValueError: operands could not be broadcast together with shapes (5,12) (12,5)") \
        == "elementwise_transposed"
    # a broadcast that is neither a transpose nor a product's swapped axes: no cause, and not "a matrix product"
    forward = next(c for c in CHECKS if c.name == "forward_propagation.A2")
    assert named("ValueError: operands could not be broadcast together with shapes (5,12) (3,1)", on=forward) is None
    assert named("ValueError: operands could not be broadcast together with shapes (12,5) (5,1)", on=forward) \
        == "matrix_dimensions"
    assert named("ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0", on=forward) \
        == "matrix_dimensions"
    # the two factors of a product met entry by entry (`*` for `@`): named where the function multiplies matrices,
    # never for square operands, a bias column, or a function without matrix products
    assert named("ValueError: operands could not be broadcast together with shapes (7,10) (10,4)", on=forward) \
        == "elementwise_for_product"
    assert named("ValueError: operands could not be broadcast together with shapes (5,12) (12,12)", on=forward) is None
    assert named("ValueError: operands could not be broadcast together with shapes (7,10) (10,1)", on=forward) \
        != "elementwise_for_product"
    batchnorm = next(c for c in CHECKS if c.name == "batchnorm_forward.out")
    assert named("ValueError: operands could not be broadcast together with shapes (7,10) (10,4)", on=batchnorm) \
        is None
    assert "order of the factors" not in diagnose.CATALOGUE["matrix_dimensions"].message
