"""The misconceptions of notebook 3 (the 2-layer network: initialisation, forward pass, cost, backward pass,
update, training) and their twins, beside ``checks/network.py``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register

import re

from autograder.checks.catalogue import Evidence, _flattened, _missing_key
from autograder.checks.compare import allclose
from autograder.checks.activations_catalogue import _relu, _sig, _softmax


# signatures of this topic's misconceptions


def _learning_rate_ignored(ev: Evidence) -> bool:
    """got = p - c * g for one constant c other than the learning rate (update_parameters)."""
    params, grads, lr = ev.trial.case.args[:3]
    got = ev.trial.outcome.value
    if not isinstance(got, dict):
        return False
    steps, directions = [], []
    for name, p in params.items():
        if not isinstance(got.get(name), np.ndarray) or got[name].shape != p.shape:
            return False
        steps.append((p - got[name]).reshape(-1))
        directions.append(grads["d" + name].reshape(-1))
    step, direction = np.concatenate(steps), np.concatenate(directions)
    c = float(step @ direction / (direction @ direction))
    return abs(c - lr) > 1e-3 * abs(lr) and allclose(step, c * direction, rtol=1e-6, atol=1e-9)


def _layer_missing(ev: Evidence) -> bool:
    """The result has no W<l> or b<l> that the input asks for."""
    key = ev.mismatch.keys[-1] if ev.mismatch.keys else None
    return ev.mismatch.reason == "key" and re.fullmatch(r"d?[Wb]\d+", str(key)) is not None


def _entry_not_updated(ev: Evidence) -> bool:
    """update_parameters: the wrong entry is exactly the parameter that came in (its step is missing)."""
    if ev.trial.check.function != "update_parameters" or not ev.mismatch.keys:
        return False
    before = ev.trial.case.args[0].get(ev.mismatch.keys[0])
    return (isinstance(before, np.ndarray) and isinstance(ev.got, np.ndarray) and ev.got.shape == before.shape
            and bool(np.array_equal(ev.got, before)))


def _missing_deep_layer(ev: Evidence) -> bool:
    """The result stops after layer 2 although layer_dims asks for more."""
    return ev.mismatch.reason == "key" and re.fullmatch(r"d?[Wb]([3-9]|\d\d+)", str(ev.mismatch.keys[-1] if ev.mismatch.keys else ev.mismatch.path)) is not None


MISCONCEPTIONS = [
    # the 2-layer network
    Misconception("zero_init", "all weights start at zero, so every hidden unit gets the same gradient and "
                  "they never differ (symmetry): draw small random numbers"),
    Misconception("symmetric_init", "some rows of a weight matrix are identical, so those hidden units stay "
                  "identical forever: draw every weight at random"),
    Misconception("init_too_large", "the weights are too large (std {std:.2f}): scale the random numbers down, "
                  "e.g. * 0.01 or * np.sqrt(2 / n_prev)"),
    Misconception("bias_column", "a bias is a column of shape (n_l, 1), one row per unit of the layer "
                  "(got {got})"),
    Misconception("layers_from_one", "the layers are numbered 1 to L = len(layer_dims) - 1 (W1, b1, ..., "
                  "W{L}, b{L}); the result has {extra}"),
    Misconception("layer_missing", "the result has no {output}: return a W and a b for every layer, "
                  "l = 1 .. L (L = len(parameters) // 2)", _layer_missing),
    Misconception("layers_skipped", "stack every layer in order, l = 1, 2, ..., L, each W<l> then b<l>"),
    Misconception("cross_entropy_formula", "binary cross-entropy is -(1/m) * sum(Y * log(A2) + (1 - Y) * "
                  "log(1 - A2)): check each factor against it"),
    Misconception("bias_not_zero", "initialise the biases to zeros: np.zeros((n_l, 1))"),
    Misconception("bias_shape", "a bias must be a column of shape (n_l, 1), not a 1-D array", _flattened),
    Misconception("layers_hardcoded", "make one W<l>, b<l> pair for every layer of layer_dims, whatever its "
                  "length (loop over l = 1 .. len(layer_dims) - 1)", _missing_deep_layer),
    Misconception("z1_into_layer2", "layer 2 takes the hidden activation, not the pre-activation: "
                  "Z2 = W2 @ A1 + b2 with A1 = relu(Z1), not W2 @ Z1"),
    Misconception("cache_mixed_up", "the cache holds an array under the wrong name: store Z1, A1, Z2, A2 each "
                  "under its own key"),
    Misconception("returns_z2", "the first value returned is the output activation A2 = sigmoid(Z2), not Z2"),
    Misconception("wrong_hidden_activation", "the hidden layer uses ReLU: A1 = relu(Z1)"),
    Misconception("wrong_output_activation", "the output layer uses sigmoid: A2 = sigmoid(Z2)"),
    Misconception("bias_missing", "add the bias, with a plus: Z = W @ A_prev + b"),
    Misconception("cache_incomplete", "the cache must hold Z1, A1, Z2 and A2: the backward pass needs them",
                  _missing_key),
    Misconception("log_base", "the cross-entropy uses the natural logarithm np.log, not np.log10"),
    Misconception("cross_entropy_term_missing", "binary cross-entropy has two terms: "
                  "-(1/m) * sum(Y * log(A2) + (1 - Y) * log(1 - A2))"),
    Misconception("cost_not_reduced", "the cost is one number: sum the per-example losses and divide by m"),
    Misconception("bias_keepdims", "your {output} is a 1-D array: sum with keepdims=True so the bias "
                  "gradient stays a column like the bias", _flattened),
    Misconception("bias_sum_axis", "a bias gradient sums dZ over the examples, which are columns: "
                  "np.sum(dZ, axis=1, keepdims=True) / m"),
    Misconception("relu_mask_missing", "dZ1 is dA1 times the ReLU derivative: multiply by relu_derivative(Z1) "
                  "(1 where Z1 > 0, else 0)"),
    Misconception("a1_from_z1", "dW2 = dZ2 @ A1.T / m uses the hidden activation A1 from the cache, not Z1"),
    Misconception("dz2_from_z2", "dZ2 = A2 - Y with the output activation A2, not the pre-activation Z2"),
    Misconception("output_derivative_extra", "dZ2 = A2 - Y already includes the sigmoid's derivative: do not "
                  "multiply by A2 * (1 - A2) again"),
    Misconception("parameter_not_updated", "{output} is the value that came in, it was not updated: apply the "
                  "step to every W and b", _entry_not_updated),
    Misconception("learning_rate_divides", "the step is learning_rate * gradient, not a quotient of the two"),
    Misconception("learning_rate_ignored", "use the learning_rate argument: parameter - learning_rate * gradient",
                  _learning_rate_ignored),
    Misconception("never_updates", "the biases returned are still all zero, as initialised, so the parameters "
                  "were never updated: at every iteration call update_parameters and keep what it returns"),
    Misconception("not_converged", "after {iterations} iterations (with the reference's functions) the cost "
                  "is still {cost:.3f}, where correct training ends below {threshold}"),
    Misconception("learning_rate_ignored_by_train", "it returned the same parameters for learning_rate={a} and "
                  "learning_rate={b} (one iteration each), so the learning rate had no effect: every step is "
                  "update_parameters(parameters, gradients, learning_rate)"),
    Misconception("num_iterations_ignored_by_train", "it returned the same parameters for num_iterations={a} "
                  "and num_iterations={b}: run num_iterations steps, with the `return` after the loop"),
    Misconception("iterations_off_by_one", "asked for {n} iterations it returned the parameters after {k} "
                  "steps: run exactly num_iterations steps (for i in range(num_iterations))"),
    Misconception("seed_ignored_random", "two calls with the same seed gave different parameters: draw from "
                  "a generator seeded with the seed argument, e.g. np.random.default_rng(seed)"),
    Misconception("seed_ignored_fixed", "two different seeds gave the same parameters: seed the generator "
                  "with the seed argument, not a fixed number"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _forward(X, p, hidden=_relu, output=_sig, bias=True, z1_next=False, return_z2=False):
    Z1 = p["W1"] @ X + (p["b1"] if bias else 0)
    A1 = hidden(Z1)
    Z2 = p["W2"] @ (Z1 if z1_next else A1) + (p["b2"] if bias else 0)
    A2 = output(Z2)
    return (Z2 if return_z2 else A2), {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _cache_swapped(out, keys, drop=False):
    """The forward pass's output with cache[keys[0]] holding what belongs under keys[1] (a copy-paste
    slip); with ``drop`` the key keys[1] is gone too (a dict literal that names keys[0] twice)."""
    A2, cache = out
    cache = dict(cache, **{keys[0]: cache[keys[1]]})
    if drop:
        del cache[keys[1]]
    return A2, cache


def _backward(X, Y, p, cache, *, mask=True, recompute=None, extra=False, db_axis=(1, 1), db_sum=(True, True),
              m_rows=False, dz2_from_z=False, a1_from_z1=False):
    m = X.shape[0] if m_rows else X.shape[1]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    if recompute == "from_z":
        A1, A2 = _relu(Z1), _sig(cache["Z2"])
    elif recompute == "forward":
        A2, c = _forward(X, p)
        A1, Z1 = c["A1"], c["Z1"]
    if a1_from_z1:
        A1 = Z1
    dZ2 = (cache["Z2"] if dz2_from_z else A2) - Y
    if extra:
        dZ2 = dZ2 * A2 * (1 - A2)
    dZ1 = p["W2"].T @ dZ2
    if mask:
        dZ1 = dZ1 * (Z1 > 0)

    def db(dZ, layer):
        axis, total = db_axis[layer], db_sum[layer]
        return np.sum(dZ, axis=axis, keepdims=True) / m if total else dZ / m

    return {"dW1": dZ1 @ X.T / m, "db1": db(dZ1, 0), "dW2": dZ2 @ A1.T / m, "db2": db(dZ2, 1)}


def _cost_terms(A2, Y):
    return Y * np.log(A2) + (1 - Y) * np.log(1 - A2)


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("forward_propagation", "z1_into_layer2"): (lambda X, p: _forward(X, p, z1_next=True),),
    ("forward_propagation", "cache_mixed_up"): tuple(
        (lambda X, p, _k=keys, _d=drop: _cache_swapped(_forward(X, p), _k, _d))
        for keys in (("Z1", "A1"), ("A1", "Z1"), ("Z2", "A2"), ("A2", "Z2")) for drop in (False, True)
    ),
    ("forward_propagation", "returns_z2"): (lambda X, p: _forward(X, p, return_z2=True),),
    ("forward_propagation", "wrong_hidden_activation"): (
        lambda X, p: _forward(X, p, hidden=_sig),
        lambda X, p: _forward(X, p, hidden=np.tanh),
        lambda X, p: _forward(X, p, hidden=lambda z: z),
    ),
    ("forward_propagation", "wrong_output_activation"): (
        lambda X, p: _forward(X, p, output=lambda z: z),
        lambda X, p: _forward(X, p, output=_relu),
        lambda X, p: _forward(X, p, output=np.tanh),
        lambda X, p: _forward(X, p, output=lambda z: _softmax(z)),
    ),
    ("forward_propagation", "bias_missing"): (
        lambda X, p: _forward(X, p, bias=False),
        lambda X, p: _forward(X, dict(p, b1=-p["b1"])),
        lambda X, p: _forward(X, dict(p, b2=-p["b2"])),
    ),
    ("compute_cost", "cross_entropy_term_missing"): (
        lambda A2, Y: float(-np.sum(Y * np.log(A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum((1 - Y) * np.log(1 - A2)) / Y.shape[1]),
    ),
    ("compute_cost", "cross_entropy_formula"): tuple(
        (lambda A2, Y, _f=f: float(-np.sum(_f(A2, Y)) / Y.shape[1])) for f in (
            lambda A, Y: Y * np.log(A) + (2 - Y) * np.log(1 - A), lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(2 - A),
            lambda A, Y: Y * np.log(A) + (1 + Y) * np.log(1 - A), lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(1 + A),
            lambda A, Y: Y * np.log(A) - (1 - Y) * np.log(1 - A), lambda A, Y: Y / np.log(A) + (1 - Y) * np.log(1 - A),
            lambda A, Y: Y * np.log(A) + (1 - Y) / np.log(1 - A), lambda A, Y: Y * np.log(A) + (0 - Y) * np.log(1 - A),
            lambda A, Y: Y * np.log(A) + (1 - Y) * np.log(0 - A))
    ),
    ("compute_cost", "log_base"): (
        lambda A2, Y: float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1]),
        lambda A2, Y: float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log10(1 - A2)) / Y.shape[1]),
    ),
    ("compute_cost", "cost_not_reduced"): (
        lambda A2, Y: -_cost_terms(A2, Y),
        lambda A2, Y: -_cost_terms(A2, Y).reshape(-1),
        lambda A2, Y: -_cost_terms(A2, Y) / Y.shape[1],
    ),
    ("backward_propagation", "relu_mask_missing"): (lambda X, Y, p, c: _backward(X, Y, p, c, mask=False),),
    ("backward_propagation", "cache_not_used"): (
        lambda X, Y, p, c: _backward(X, Y, p, c, recompute="from_z"),
        lambda X, Y, p, c: _backward(X, Y, p, c, recompute="forward"),
    ),
    ("backward_propagation", "output_derivative_extra"): (lambda X, Y, p, c: _backward(X, Y, p, c, extra=True),),
    ("backward_propagation", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=axes, _s=sums: _backward(X, Y, p, c, db_axis=_a, db_sum=_s))
        for axes, sums in (((0, 0), (True, True)), ((0, 1), (True, True)), ((1, 0), (True, True)),
                           ((1, 1), (False, False)), ((1, 1), (False, True)), ((1, 1), (True, False)))
    ),
    ("backward_propagation", "m_from_features"): (lambda X, Y, p, c: _backward(X, Y, p, c, m_rows=True),),
    ("backward_propagation", "a1_from_z1"): (lambda X, Y, p, c: _backward(X, Y, p, c, a1_from_z1=True),),
    ("backward_propagation", "dz2_from_z2"): (lambda X, Y, p, c: _backward(X, Y, p, c, dz2_from_z=True),),
    ("update_parameters", "sign_flipped"): (
        lambda p, g, lr: {k: v + lr * g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v + (1 if k[0] == "W" else -1) * lr * g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v - (1 if k[0] == "W" else -1) * lr * g["d" + k] for k, v in p.items()},
    ),
    ("update_parameters", "learning_rate_divides"): (
        lambda p, g, lr: {k: v - lr / g["d" + k] for k, v in p.items()},
        lambda p, g, lr: {k: v - (lr / g["d" + k] if k[0] == "W" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - (lr / g["d" + k] if k[0] == "b" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - g["d" + k] / lr for k, v in p.items()},
        lambda p, g, lr: {k: v - (g["d" + k] / lr if k[0] == "W" else lr * g["d" + k]) for k, v in p.items()},
        lambda p, g, lr: {k: v - (g["d" + k] / lr if k[0] == "b" else lr * g["d" + k]) for k, v in p.items()},
    ),
}


register(__name__, MISCONCEPTIONS, TWINS)
