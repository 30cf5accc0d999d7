"""Every graded reference function is self-contained source (docs/design.md, "Reference functions are
injectable"): executed alone into {"np": numpy} plus the other student functions it gives the same results."""

import builtins
import copy
import dis
import inspect

import numpy as np
import pytest
from conftest import assert_unchanged, make_problem, snapshot

from autograder import course
from autograder.reference import PROVIDED_FUNCTIONS, REFERENCE, STUDENT_FUNCTIONS, batches, network
from autograder.reference import regularization as ref9
from autograder.reference import softmax_classifier as ref7

GRADED = [fn for _, fn, _ in course.exercises()]
BUILTINS = set(dir(builtins))


def example_calls():
    """name -> list of (args, kwargs): typical inputs for each graded function."""
    rng = np.random.default_rng(7)
    z = rng.standard_normal((3, 7)) * 3
    X, Y, p = make_problem([3, 5, 1], seed=1)
    A2, cache = network.forward_propagation(X, p)
    g = network.backward_propagation(X, Y, p, cache)
    wave = batches.net_init(3, 4, seed=1)  # the provided model of notebook 4
    Z1 = wave["W1"] @ X + wave["b1"]  # notebook 5's regression network (the same model), its cache keys
    hunt_cache = {"Z1": Z1, "A1": np.tanh(Z1), "A2": wave["W2"] @ np.tanh(Z1) + wave["b2"]}
    pc = {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1)),
          "W2": rng.standard_normal((3, 4)), "b2": rng.standard_normal((3, 1))}  # notebook 7, C = 3
    Yc = np.eye(3)[:, rng.integers(0, 3, X.shape[1])]
    return {
        "forward_graph": [((z,), {}), ((1.5,), {})],
        "backward_graph": [((dict(x=z, g=z**2, f=z**2 + 1, y=(z**2 + 1) ** 3),), {})],
        "dz_dt": [((z,), {}), ((0.3,), {})],
        # a class: its example calls are calls of the checks' driver DRIVEN[name] over it
        "Value": [(([0.4, -1.1, 0.7], [["mul", 0, 1], ["tanh", 3, 0], ["mul", 4, 4], ["add", 5, 2], ["addc", 6, 2.0],
                                       ["mulc", 7, -0.5], ["add", 8, 3]], True), {})],
        "sigmoid": [((z,), {}), ((np.array([[-1000.0, 1000.0]]),), {})],
        "sigmoid_derivative": [((1 / (1 + np.exp(-z)),), {})],
        "tanh_derivative": [((np.tanh(z),), {})],
        "relu": [((z,), {})],
        "relu_derivative": [((z,), {})],
        "leaky_relu": [((z,), {}), ((z,), {"alpha": 0.2})],
        "leaky_relu_derivative": [((z,), {}), ((z, 0.3), {})],
        "softmax": [((z,), {}), ((z * 500,), {})],
        "softmax_jacobian": [((np.array([0.2, 0.5, 0.3]),), {}), ((np.array([[0.1], [0.9]]),), {})],
        "initialize_parameters": [(([3, 5, 4, 1],), {"seed": 2})],
        "forward_propagation": [((X, p), {})],
        "compute_cost": [((A2, Y), {})],
        "backward_propagation": [((X, Y, p, cache), {})],
        "update_parameters": [((p, g, 0.1), {})],
        "train": [((X, Y, [3, 5, 1]), {"num_iterations": 20, "learning_rate": 0.3})],
        "random_mini_batches": [((X, Y), {"mini_batch_size": 3, "seed": 4})],
        "per_example_gradients": [((X, Y, wave), {})],
        "mini_batch_gradient_descent": [((X, Y, wave), {"num_epochs": 2, "mini_batch_size": 3, "seed": 1})],
        "net_init": [((3, 4), {"seed": 1})],
        "net_forward": [((X, wave), {})],
        "net_cost": [((batches.net_forward(X, wave)[0], Y), {})],
        "net_backward": [((X, Y, wave, batches.net_forward(X, wave)[1]), {})],
        "dictionary_to_vector": [((p,), {}), ((g,), {})],
        "vector_to_dictionary": [((np.arange(26.0).reshape(-1, 1), [3, 5, 1]), {})],
        "gradient_check": [((X, Y, p, g), {})],
        "numerical_derivative": [((np.sin, 0.3), {}), ((abs, 0.0), {"epsilon": 0.1})],
        "bug_report": [((), {})],
        "backward_corrected": [((X, Y, wave, hunt_cache), {})],
        "backward_a": [((X, Y, wave, hunt_cache), {})],
        "backward_b": [((X, Y, wave, hunt_cache), {})],
        # 06_deep_network
        "linear_forward": [((X, p["W1"], p["b1"]), {})],
        "linear_backward": [((cache["Z1"], (X, p["W1"], p["b1"])), {})],
        "activation_forward": [((X, p["W1"], p["b1"], act), {}) for act in ("relu", "tanh", "sigmoid")],
        "activation_backward": [((cache["A1"], ((X, p["W1"], p["b1"]), cache["Z1"]), act), {})
                                for act in ("relu", "tanh", "sigmoid")],
        "initialize_he": [(([3, 5, 4, 1],), {"seed": 2})],
        "L_model_forward": [((X, p), {}), ((X, p), {"hidden_activation": "tanh"})],
        "compute_cost_l2": [((A2, Y, p, 0.7), {})],
        "L_model_backward": [((A2, Y, [((X, p["W1"], p["b1"]), cache["Z1"]), ((cache["A1"], p["W2"], p["b2"]), cache["Z2"])]),
                              {"lambd": 0.5, "parameters": p})],
        "layer_gradient_norms": [((X, Y, p), {}), ((X, Y, p), {"hidden_activation": "tanh"})],
        # 07_softmax_classifier
        "softmax_cost": [((ref7.classifier_forward(X, pc)[0], Yc), {})],
        "classifier_forward": [((X, pc), {}), ((X, {k: v * 300 for k, v in pc.items()}), {})],
        "classifier_backward": [((X, Yc, pc, ref7.classifier_forward(X, pc)[1]), {})],
        "predict_classes": [((X, pc), {})],
        "train_classifier": [((X, Yc, 4), {"num_iterations": 5, "learning_rate": 0.5, "seed": 3})],
        # 08_optimizers
        "initialize_adam": [((p,), {})],
        "momentum_step": [((p, g, {k: 0.5 * v for k, v in g.items()}), {"learning_rate": 0.1, "beta": 0.7})],
        "adam_step": [((p, g, {"t": 2, "m": {k: 0.5 * v for k, v in g.items()}, "v": {k: v**2 for k, v in g.items()}}),
                       {"learning_rate": 0.1, "epsilon": 1e-3})],
        # 09_regularization
        "dropout_forward": [((X, 0.7), {"seed": 3}), ((X, 0.7), {"seed": 3, "train": False})],
        "dropout_backward": [((X, (X > 0).astype(float), 0.7), {})],
        "batchnorm_forward": [((cache["Z1"], g["db1"], p["b1"], {"mean": p["b1"], "var": p["b1"] ** 2}), {"train": t})
                              for t in (True, False)],
        "batchnorm_backward": [((cache["Z1"], ref9.batchnorm_forward(cache["Z1"], g["db1"], p["b1"],
                                                                      {"mean": p["b1"], "var": p["b1"] ** 2})[1]), {})],
        # 10_digits
        "train_validation_split": [((X, np.arange(X.shape[1])), {"validation_fraction": 0.3, "seed": 5})],
        "initial_loss_check": [((X, Yc, pc), {}), ((X, Yc, pc), {"tolerance": 5.0})],
        "overfit_check": [((X, Yc), {"n_examples": 4, "n_h": 6, "num_iterations": 20, "seed": 2})],
    }


# Classes among the graded names -> the driver of autograder.checks that their example calls go through.
DRIVEN = {"Value": "value_graph"}


def run_example(name, impl, args, kwargs):
    """One example call of ``name``: the function itself, or for a class its driver over it."""
    if name in DRIVEN:
        from autograder.checks.engine import run_driver

        return run_driver(DRIVEN[name], {name: impl}, args, kwargs)
    return impl(*args, **kwargs)


def code_objects(obj):
    """The code of a function, or of every method of a class."""
    if inspect.isclass(obj):
        return [f.__code__ for f in vars(obj).values() if inspect.isfunction(f)]
    return [obj.__code__]


def global_names(code):
    """Every global name a function's code (including nested comprehensions and closures) looks up."""
    names = {ins.argval for ins in dis.get_instructions(code) if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= global_names(const)
    return names


def same(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return np.array_equal(a, b)


def test_student_functions_cover_the_course_table_exactly():
    assert sorted(STUDENT_FUNCTIONS) == sorted(GRADED)
    assert sorted(example_calls()) == sorted(REFERENCE)
    assert not set(PROVIDED_FUNCTIONS) & set(GRADED)  # a provided function is never an exercise
    assert all(fn.__name__ == name for name, fn in STUDENT_FUNCTIONS.items())


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_source_uses_only_np_builtins_and_student_functions(name):
    allowed = {"np"} | set(REFERENCE) | BUILTINS
    used = set().union(*(global_names(code) for code in code_objects(REFERENCE[name]))) - {name}
    assert used <= allowed, f"{name} uses {sorted(used - allowed)}, which the sandbox will not have"


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_source_executed_alone_gives_the_same_results(name):
    namespace = {"np": np}
    namespace.update({other: fn for other, fn in REFERENCE.items() if other != name})
    exec(inspect.getsource(REFERENCE[name]), namespace)
    injected = namespace[name]
    assert injected is not REFERENCE[name]
    for args, kwargs in example_calls()[name]:
        assert same(run_example(name, injected, args, kwargs), run_example(name, REFERENCE[name], args, kwargs)), name


def test_all_sources_together_form_a_working_namespace():
    """The whole course, rebuilt from source text alone, trains to the same parameters."""
    namespace = {"np": np}
    for fn in STUDENT_FUNCTIONS.values():
        exec(inspect.getsource(fn), namespace)
    X, Y, _ = make_problem([3, 5, 1], seed=1)
    assert same(namespace["train"](X, Y, [3, 5, 1], num_iterations=30),
                STUDENT_FUNCTIONS["train"](X, Y, [3, 5, 1], num_iterations=30))
    p = STUDENT_FUNCTIONS["initialize_parameters"]([3, 5, 1], seed=0, scale=0.5)
    g = STUDENT_FUNCTIONS["backward_propagation"](X, Y, p, STUDENT_FUNCTIONS["forward_propagation"](X, p)[1])
    assert namespace["gradient_check"](X, Y, p, g) < 1e-7


@pytest.mark.parametrize("name", GRADED)
def test_reference_leaves_its_inputs_unchanged(name):
    for args, kwargs in example_calls()[name]:
        if name == "update_parameters":  # it updates `parameters` in place by design: the rest must stay
            parameters, rest = args[0], args[1:]
            before = snapshot(rest, kwargs)
            STUDENT_FUNCTIONS[name](copy.deepcopy(parameters), *rest, **kwargs)
            assert_unchanged(before, snapshot(rest, kwargs), f"{name} input")
            continue
        before = snapshot(args, kwargs)
        run_example(name, STUDENT_FUNCTIONS[name], args, kwargs)
        assert_unchanged(before, snapshot(args, kwargs), f"{name} input")
