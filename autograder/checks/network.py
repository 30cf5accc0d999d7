"""Checks of notebook 03_network: the 2-layer network (ReLU hidden layer, sigmoid output, cross-entropy).

- initialize_parameters: properties many answers share (shapes, zero biases, no symmetry, small scale,
  any RNG), for 2 and 3 layers.
- forward_propagation, compute_cost, update_parameters: values against the reference.
- backward_propagation: values on a cache that is NOT consistent with X (A1 is not relu(Z1) in size, A2
  is not sigmoid(Z2)), so only an answer that reads the cache is right; and agreement with centered
  differences of the reference cost on a consistent cache.
- train: with reference versions of everything it calls, it must bring the cost of an XOR problem below
  a threshold in the number of iterations it is given.
"""

from __future__ import annotations

import numpy as np

from autograder import diagnose
from autograder.checks.compare import compare
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import away_from_zero, distinct_sizes, labels, network_sizes, parameters, unsaturated

# ---------------------------------------------------------------------------------------------------
# initialize_parameters


def _init_case(rng, layers=2):
    sizes = distinct_sizes(rng, (10, 16), (17, 24), (1, 3), (4, 8))
    dims = [sizes[0], sizes[1], sizes[2]] if layers == 2 else [sizes[0], sizes[1], sizes[3], sizes[2]]
    return Case((dims,), {"seed": int(rng.integers(0, 1000))}, {"layer_dims": dims})


def _layers(trial: Trial):
    """The returned W<l>, b<l> as (W, b) pairs, or a Failure saying what is missing or misshapen."""
    dims = trial.case.context["layer_dims"]
    got = trial.outcome.value
    label = trial.check.output
    if not isinstance(got, dict):
        return Failure(f"`initialize_parameters` ({label}): expected a dict of W1, b1, ..., got "
                       f"{type(got).__name__}.")
    pairs = []
    for l in range(1, len(dims)):
        for name in (f"W{l}", f"b{l}"):
            if not isinstance(got.get(name), np.ndarray):
                if l >= 3 and "W1" in got:
                    return diagnose.message_for(trial, "layers_hardcoded", label)
                return Failure(f"`initialize_parameters` ({label}): the result has no array `{name}` for "
                               f"layer_dims of length {len(dims)}.")
        pairs.append((got[f"W{l}"], got[f"b{l}"]))
    return pairs


def _init_shapes(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    dims = trial.case.context["layer_dims"]
    for l, (W, b) in enumerate(pairs, start=1):
        want = (dims[l], dims[l - 1])
        if W.shape != want:
            if W.shape == want[::-1]:
                return diagnose.message_for(trial, "transposed", f"W{l}")
            return Failure(f"`initialize_parameters` (W{l}): expected shape {want}, got shape {W.shape}.")
        if b.shape != (dims[l], 1):
            if b.shape == (dims[l],):
                return diagnose.message_for(trial, "bias_shape", f"b{l}")
            return Failure(f"`initialize_parameters` (b{l}): expected shape {(dims[l], 1)}, got shape {b.shape}.")
    return None


def _init_zero_bias(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    if any(np.any(np.asarray(b) != 0) for _, b in pairs):
        return diagnose.message_for(trial, "bias_not_zero", "biases")
    return None


def _init_no_symmetry(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    Ws = [np.asarray(W, dtype=float) for W, _ in pairs]
    if all(np.all(W == 0) for W in Ws):
        return diagnose.message_for(trial, "zero_init", "weights")
    for W in Ws:
        if W.ndim == 2 and W.shape[0] > 1 and np.unique(W, axis=0).shape[0] < W.shape[0]:
            return diagnose.message_for(trial, "symmetric_init", "weights")
        if np.all(W == 0):
            return diagnose.message_for(trial, "zero_init", "weights")
    return None


def _init_small(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    for W, _ in pairs:
        rms = float(np.sqrt(np.mean(np.asarray(W, dtype=float) ** 2)))
        if not rms < 0.7:  # He init of these layers (n_prev >= 10) stays below 0.45
            return diagnose.message_for(trial, "init_too_large", "weights", std=rms)
    return None


# ---------------------------------------------------------------------------------------------------
# forward_propagation, compute_cost


def _forward_case(rng):
    n_x, n_h, m = network_sizes(rng)
    return Case((rng.normal(0, 1, (n_x, m)), parameters(rng, [n_x, n_h, 1])), context={"m": m})


def _cost_case(rng):
    m = int(rng.integers(9, 20))
    return Case((rng.uniform(0.05, 0.95, (1, m)), labels(rng, m)), context={"m": m})


# ---------------------------------------------------------------------------------------------------
# backward_propagation


def _backward_case(rng):
    """X, Y, parameters and a cache of independent arrays: A1 has Z1's sign pattern but not relu(Z1)'s
    values, A2 is not sigmoid(Z2); so the expected gradients come only from the cache's A1, A2, Z1."""
    n_x, n_h, m = network_sizes(rng)
    X = rng.normal(0, 1, (n_x, m))
    Z1 = away_from_zero(rng, (n_h, m), 0.05, 2.0)
    A1 = np.where(Z1 > 0, rng.uniform(0.1, 2.0, (n_h, m)), 0.0)
    cache = {"Z1": Z1, "A1": A1, "Z2": rng.normal(0, 1.5, (1, m)), "A2": rng.uniform(0.05, 0.95, (1, m))}
    return Case((X, labels(rng, m), parameters(rng, [n_x, n_h, 1]), cache), context={"m": m})


def _consistent_case(rng):
    """X, Y, parameters and the cache of the reference forward pass, with Z1 away from 0."""
    n_x, n_h, m = network_sizes(rng)
    X = rng.normal(0, 1, (n_x, m))
    p = parameters(rng, [n_x, n_h, 1])
    Z1 = p["W1"] @ X + p["b1"]
    while np.min(np.abs(Z1)) < 0.05:  # keep the finite differences off ReLU's kink
        p["b1"] = rng.normal(0, 1, (n_h, 1))
        Z1 = p["W1"] @ X + p["b1"]
    p = unsaturated(X, p)
    A1 = np.maximum(0, Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return Case((X, labels(rng, m), p, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}), context={"m": m})


_FD_EPSILON = 1e-6
_FD_TOLERANCE = 1e-5  # relative difference; correct gradients give about 1e-9


def numerical_gradients(trial: Trial, X, Y, params) -> dict:
    """Centered differences of the reference cost J(parameters) for every entry of W1, b1, W2, b2."""
    def J(p):
        A2, _ = trial.run_reference("forward_propagation", X, p)
        return trial.run_reference("compute_cost", A2, Y)

    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][idx] += _FD_EPSILON
            minus[name][idx] -= _FD_EPSILON
            g[idx] = (J(plus) - J(minus)) / (2 * _FD_EPSILON)
        grads["d" + name] = g
    return grads


def _agrees_with_finite_differences(trial: Trial):
    X, Y, params, _ = trial.case.args
    got = trial.outcome.value
    numeric = numerical_gradients(trial, X, Y, params)
    for name, n in numeric.items():
        g = got.get(name) if isinstance(got, dict) else None
        ok = isinstance(g, np.ndarray) and g.shape == n.shape
        if ok:
            g = g.astype(float)
            denominator = np.linalg.norm(g) + np.linalg.norm(n)
            ok = bool(np.all(np.isfinite(g))) and np.linalg.norm(g - n) <= _FD_TOLERANCE * denominator
        if not ok:
            expected = trial.expected[name]
            mismatch = compare(g, expected) if g is not None else None
            if mismatch is None:  # right value, wrong container (e.g. no dict)
                return Failure(f"`backward_propagation` ({name}): does not agree with centered differences "
                               "of the cost.")
            failure = diagnose.explain(trial, name, g, expected, mismatch, name)
            return Failure(failure.message.rstrip(".") + " (compared with centered differences of the cost).",
                           failure.misconception)
    return None


# ---------------------------------------------------------------------------------------------------
# update_parameters


def _update_case(rng):
    n_x, n_h, _ = network_sizes(rng)
    p = parameters(rng, [n_x, n_h, 1])
    g = {"d" + k: rng.normal(0, 1, v.shape) for k, v in p.items()}
    return Case((p, g, float(rng.uniform(0.05, 0.9))))


# ---------------------------------------------------------------------------------------------------
# train

_TRAIN_ITERATIONS = 1000
_TRAIN_RATE = 0.3
_TRAIN_THRESHOLD = 0.1  # correct training ends below 0.02 here for 1000 of 1000 students (at 400 iterations 1 in 400 ended above 0.1)


def _xor(rng):
    """XOR of the signs of two coordinates, away from the axes: X (2, m), Y (1, m). Not linearly
    separable, so it takes the hidden layer and a few hundred iterations to learn."""
    m = int(rng.integers(60, 90))
    X = rng.uniform(-1, 1, (2, m))
    X += 0.3 * np.sign(X)
    Y = (X[0] * X[1] > 0).astype(float).reshape(1, m)
    return X, Y


def _train_case(rng, iterations=_TRAIN_ITERATIONS):
    X, Y = _xor(rng)
    dims = [X.shape[0], int(rng.integers(8, 13)), 1]  # wide enough that no init seed gets stuck
    return Case((X, Y, dims), {"learning_rate": _TRAIN_RATE, "num_iterations": iterations},
                {"layer_dims": dims, "m": X.shape[1]})


def _trained(trial: Trial):
    """The returned parameters, or a Failure if they are not a dict of the right shapes."""
    dims = trial.case.context["layer_dims"]
    got = trial.outcome.value
    if not isinstance(got, dict):
        return Failure(f"`train` ({trial.check.output}): expected the trained parameters (a dict), got "
                       f"{type(got).__name__}; end with `return parameters`.",
                       "missing_return" if got is None else None)
    for l in (1, 2):
        for name, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            value = got.get(name)
            if not isinstance(value, np.ndarray) or value.shape != shape:
                what = "missing" if value is None else f"of shape {getattr(value, 'shape', '?')}"
                return Failure(f"`train` ({trial.check.output}): `{name}` is {what}, expected shape {shape}.")
    return got


def _train_returns_parameters(trial: Trial):
    got = _trained(trial)
    return got if isinstance(got, Failure) else None


def _train_converges(trial: Trial):
    got = _trained(trial)
    if isinstance(got, Failure):
        return got
    X, Y, _ = trial.case.args
    params = {k: got[k] for k in ("W1", "b1", "W2", "b2")}
    A2, _ = trial.run_reference("forward_propagation", X, params)
    cost = trial.run_reference("compute_cost", A2, Y)
    if np.isfinite(cost) and cost < _TRAIN_THRESHOLD:
        return None
    if all(np.all(params[b] == 0) for b in ("b1", "b2")):  # the biases start at 0 and move at the first step
        return diagnose.message_for(trial, "never_updates", "parameters")
    return diagnose.message_for(trial, "not_converged", "cost", cost=float(cost), threshold=_TRAIN_THRESHOLD,
                                iterations=trial.case.kwargs["num_iterations"])


# ---------------------------------------------------------------------------------------------------

_ACTIVATIONS = ("relu", "relu_derivative", "sigmoid", "sigmoid_derivative")
_FORWARD = ("wrong_hidden_activation", "wrong_output_activation", "bias_missing", "cache_incomplete",
            "matrix_dimensions", "transposed")
_BACKWARD_W = ("not_averaged", "averaged_twice", "transposed", "sign_flipped", "relu_mask_missing",
               "cache_not_used", "output_derivative_extra", "matrix_dimensions")
_BACKWARD_B = ("not_averaged", "averaged_twice", "bias_keepdims", "bias_sum_axis", "sign_flipped",
               "relu_mask_missing", "cache_not_used", "output_derivative_extra", "matrix_dimensions")
_BACKWARD_ALL = tuple(dict.fromkeys(_BACKWARD_W + _BACKWARD_B))
_NETWORK = ("initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
            "update_parameters", *_ACTIVATIONS)

CHECKS = [
    Check("initialize_parameters.shapes", "initialize_parameters", _init_case, Property(_init_shapes), weight=2,
          misconceptions=("transposed", "bias_shape")),
    Check("initialize_parameters.three_layers", "initialize_parameters", lambda rng: _init_case(rng, layers=3),
          Property(_init_shapes), weight=1, misconceptions=("layers_hardcoded", "transposed", "bias_shape")),
    Check("initialize_parameters.zero_biases", "initialize_parameters", _init_case, Property(_init_zero_bias),
          weight=1, misconceptions=("bias_not_zero",)),
    Check("initialize_parameters.no_symmetry", "initialize_parameters", _init_case, Property(_init_no_symmetry),
          weight=2, misconceptions=("zero_init", "symmetric_init")),
    Check("initialize_parameters.small_weights", "initialize_parameters", _init_case, Property(_init_small),
          weight=1, misconceptions=("init_too_large",)),
    Check("forward_propagation.A2", "forward_propagation", _forward_case, Values(key=0, label="A2"), weight=1,
          provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("forward_propagation.cache", "forward_propagation", _forward_case, Values(key=1, label="cache"),
          weight=2, provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("compute_cost.values", "compute_cost", _cost_case, Values(),
          misconceptions=("not_averaged", "averaged_twice", "sign_flipped", "cross_entropy_term_missing",
                          "cost_not_reduced")),
    Check("backward_propagation.dW1", "backward_propagation", _backward_case, Values(key="dW1"), weight=2,
          provide=_ACTIVATIONS, misconceptions=_BACKWARD_W),
    Check("backward_propagation.db1", "backward_propagation", _backward_case, Values(key="db1"), weight=1,
          provide=_ACTIVATIONS, misconceptions=_BACKWARD_B),
    Check("backward_propagation.dW2", "backward_propagation", _backward_case, Values(key="dW2"), weight=1,
          provide=_ACTIVATIONS, misconceptions=_BACKWARD_W),
    Check("backward_propagation.db2", "backward_propagation", _backward_case, Values(key="db2"), weight=1,
          provide=_ACTIVATIONS, misconceptions=_BACKWARD_B),
    Check("backward_propagation.finite_differences", "backward_propagation", _consistent_case,
          Property(_agrees_with_finite_differences), weight=1, provide=_ACTIVATIONS,
          misconceptions=_BACKWARD_ALL),
    Check("backward_propagation.inputs_unchanged", "backward_propagation", _backward_case, Unchanged(), weight=0.5,
          provide=_ACTIVATIONS, misconceptions=("inputs_mutated",)),
    Check("update_parameters.values", "update_parameters", _update_case, Values(), weight=1,
          misconceptions=("sign_flipped", "parameter_not_updated", "learning_rate_ignored")),
    Check("train.returns_parameters", "train", lambda rng: _train_case(rng, iterations=3),
          Property(_train_returns_parameters), weight=1, provide=_NETWORK),
    Check("train.converges", "train", _train_case, Property(_train_converges), weight=3, provide=_NETWORK,
          misconceptions=("never_updates", "not_converged")),
]
