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

import re

import numpy as np

from autograder.checks import catalogue
from autograder.checks.compare import agrees_with_differences, centered_differences, compare
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import (away_from_zero, distinct_sizes, labels, network_sizes, parameters, shuffled,
                                      unsaturated)

# ---------------------------------------------------------------------------------------------------
# initialize_parameters


def _init_case(rng, layers=2):
    sizes = distinct_sizes(rng, (10, 16), (17, 24), (1, 3), (4, 8), (25, 30))
    dims = {2: [sizes[0], sizes[1], sizes[2]], 3: [sizes[0], sizes[1], sizes[3], sizes[2]],
            4: [sizes[0], sizes[4], sizes[1], sizes[3], sizes[2]]}[layers]
    return Case((dims,), {"seed": int(rng.integers(0, 1000))}, {"layer_dims": dims})


def _init_seed_case(rng):
    """The same seed twice and another seed: the same parameters, then different ones."""
    case = _init_case(rng)
    (dims,), seed = case.args, case.kwargs["seed"]
    return Case((dims,), {"seed": seed}, case.context, more=(((dims,), {"seed": seed}), ((dims,), {"seed": seed + 1})))


def _layers(trial: Trial):
    """The returned W<l>, b<l> as (W, b) pairs, or a Failure saying what is missing or misshapen."""
    dims = trial.case.context["layer_dims"]
    got = trial.outcome.value
    label = trial.check.output
    if not isinstance(got, dict):
        return Failure(f"`initialize_parameters` ({label}): expected a dict of W1, b1, ..., got "
                       f"{type(got).__name__}.")
    extra = sorted(k for k in got if re.fullmatch(r"[Wb]\d+", str(k)) and not 1 <= int(k[1:]) < len(dims))
    if extra or ("W1" not in got and "W2" in got):
        return catalogue.message_for(trial, "layers_from_one", label, L=len(dims) - 1,
                                    extra=", ".join(f"`{k}`" for k in extra) or "no `W1`")
    pairs = []
    for l in range(1, len(dims)):
        for name in (f"W{l}", f"b{l}"):
            if not isinstance(got.get(name), np.ndarray):
                if l >= 3 and "W1" in got:
                    return catalogue.message_for(trial, "layers_hardcoded", label)
                return Failure(f"`initialize_parameters` ({label}): the result has no array `{name}` for "
                               f"layer_dims of length {len(dims)}.")
        W, b = got[f"W{l}"], got[f"b{l}"]
        if W.size > 4 * dims[l] * dims[l - 1] or b.size > 4 * dims[l]:  # bounded work whatever comes back
            return Failure(f"`initialize_parameters` ({label}): `W{l}` or `b{l}` is far larger than layer_dims "
                           f"asks for (shapes {W.shape} and {b.shape}).")
        pairs.append((W, b))
    return pairs


def _init_shapes(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    stated = {f"{p}{l}" for l in range(1, len(pairs) + 1) for p in "Wb"}
    extra = sorted(str(k) for k in trial.outcome.value if k not in stated)
    if extra:  # the notebook (and its visible test) ask for exactly W1, b1, ..., WL, bL
        return Failure(f"`initialize_parameters` ({trial.check.output}): the result has the key '{extra[0]}' besides "
                       f"W1, b1, ..., W{len(pairs)}, b{len(pairs)}: return exactly those keys.")
    dims = trial.case.context["layer_dims"]
    for l, (W, b) in enumerate(pairs, start=1):
        want = (dims[l], dims[l - 1])
        if W.shape != want:
            if W.shape == want[::-1]:
                return catalogue.message_for(trial, "transposed", f"W{l}")
            return Failure(f"`initialize_parameters` (W{l}): expected shape {want}, got shape {W.shape}.")
        if b.shape != (dims[l], 1):
            if b.shape == (dims[l],):
                return catalogue.message_for(trial, "bias_shape", f"b{l}")
            return catalogue.message_for(trial, "bias_column", f"b{l}", got=b.shape)
    return None


def _init_zero_bias(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    if any(np.any(np.asarray(b) != 0) for _, b in pairs):
        return catalogue.message_for(trial, "bias_not_zero", "biases")
    return None


_TINY = np.finfo(float).tiny  # below this a float is denormal: never a weight the reference would draw


def _init_no_symmetry(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    Ws = [np.asarray(W, dtype=float) for W, _ in pairs]
    for l, W in enumerate(Ws, start=1):
        if not np.all(np.isfinite(W)):
            return Failure(f"`initialize_parameters` (W{l}): {int(np.sum(~np.isfinite(W)))} of {W.size} "
                           "entries are nan or inf; every weight must be a small random number.")
        if np.any((W != 0) & (np.abs(W) < _TINY)):
            return Failure(f"`initialize_parameters` (W{l}): some entries are denormal (below {_TINY:.1e} in "
                           "size); every weight must be a small random number.")
    if all(np.all(W == 0) for W in Ws):
        return catalogue.message_for(trial, "zero_init", "weights")
    for W in Ws:
        if np.all(W == 0):
            return catalogue.message_for(trial, "zero_init", "weights")
        if W.ndim == 2 and W.shape[0] > 1:
            # rows that differ by less than 1e-9 of the largest weight behave as the same unit
            gap = np.max(np.abs(W[:, None, :] - W[None, :, :]), axis=2) if W.shape[1] else np.zeros((2, 2))
            np.fill_diagonal(gap, np.inf)
            if np.min(gap) <= 1e-9 * np.max(np.abs(W)):
                return catalogue.message_for(trial, "symmetric_init", "weights")
    return None


def _init_seeded(trial: Trial):
    """The same seed gives the same parameters, another seed other weights (any RNG, any scale).
    Weights that are not random at all (zeros, a constant) fail ``no_symmetry`` and are not judged here."""
    first, again, other = trial.outcome.value, trial.more[0].value, trial.more[1].value
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    if _init_no_symmetry(trial) is not None:
        return None
    if compare(again, first, rtol=0.0, atol=0.0) is not None:
        return catalogue.message_for(trial, "seed_ignored_random", "seed")
    if compare(other, first, rtol=0.0, atol=0.0) is None:
        return catalogue.message_for(trial, "seed_ignored_fixed", "seed")
    return None


_MAX_WEIGHT_RMS = 0.7  # He init of these layers (n_prev >= 10) stays below 0.45


def _init_small(trial: Trial):
    pairs = _layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    for W, _ in pairs:
        rms = float(np.sqrt(np.mean(np.asarray(W, dtype=float) ** 2)))
        if not rms < _MAX_WEIGHT_RMS:
            return catalogue.message_for(trial, "init_too_large", "weights", std=rms)
    return None


# ---------------------------------------------------------------------------------------------------
# forward_propagation, compute_cost


def _forward_case(rng, shape="usual"):
    """shape: "usual" (n_x < n_h < m), "one_example" (m = 1), "few_examples" (m < n_x, n_h = 1); the
    parameter dict comes with its keys shuffled in the structured shapes."""
    if shape == "usual":
        n_x, n_h, m = network_sizes(rng)
    elif shape == "one_example":
        n_x, n_h, m = (*distinct_sizes(rng, (3, 5), (6, 8)), 1)
    else:
        n_x, n_h, m = int(rng.integers(6, 9)), 1, int(rng.integers(2, 5))
    p = parameters(rng, [n_x, n_h, 1])
    X = rng.normal(0, 1, (n_x, m))
    if shape == "one_example":  # both signs among the hidden units, so that relu matters
        target = _mixed_signs(rng, (n_h, 1))
        p["b1"] = target - p["W1"] @ X
    elif shape == "few_examples":  # one hidden unit, negative on some examples and positive on others
        z = p["W1"] @ X
        p["b1"] = np.array([[-(z.min() + z.max()) / 2]])
    return Case((X, p if shape == "usual" else shuffled(rng, p)), context={"m": m})


def _mixed_signs(rng, shape):
    """``away_from_zero`` values with the first entry negative and the second positive."""
    z = away_from_zero(rng, shape, 0.05, 2.0).reshape(-1)
    z[0], z[1] = -abs(z[0]), abs(z[1])
    return z.reshape(shape)


def _cost_case(rng, m=None):
    m = int(rng.integers(9, 20)) if m is None else m
    Y = labels(rng, m) if m > 1 else np.zeros((1, 1))  # one example: one label, the same for every student
    return Case((rng.uniform(0.05, 0.95, (1, m)), Y), context={"m": m})


# ---------------------------------------------------------------------------------------------------
# backward_propagation


def _backward_case(rng, shape="usual"):
    """X, Y, parameters and a cache of independent arrays: A1 has Z1's sign pattern but not relu(Z1)'s
    values, A2 is not sigmoid(Z2); so the expected gradients come only from the cache's A1, A2, Z1.
    shape: "usual" (n_x < n_h < m), "one_example" (m = 1), "few_examples" (m < n_x, n_h = 1, dicts with
    shuffled keys)."""
    if shape == "usual":
        n_x, n_h, m = network_sizes(rng)
    elif shape == "one_example":
        n_x, n_h, m = (*distinct_sizes(rng, (3, 5), (6, 8)), 1)
    else:  # n_x is never m or m**2, so dividing by n_x never looks like another mistake
        n_x, n_h, m = int(rng.integers(7, 9)), 1, int(rng.integers(2, 5))
    X = rng.normal(0, 1, (n_x, m))
    Z1 = away_from_zero(rng, (n_h, m), 0.05, 2.0)
    flat = Z1.reshape(-1)  # both sides of the kink, whatever the shape
    flat[0], flat[1] = -abs(flat[0]), abs(flat[1])
    A1 = np.where(Z1 > 0, rng.uniform(0.1, 2.0, (n_h, m)), 0.0)
    cache = {"Z1": Z1, "A1": A1, "Z2": rng.normal(0, 1.5, (1, m)), "A2": rng.uniform(0.05, 0.95, (1, m))}
    Y = labels(rng, m) if m > 1 else np.ones((1, 1))
    p = parameters(rng, [n_x, n_h, 1])
    if shape != "usual":
        p, cache = shuffled(rng, p), shuffled(rng, cache)
    return Case((X, Y, p, cache), context={"m": m})


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




def numerical_gradients(trial: Trial, X, Y, params) -> dict:
    """Centered differences of the reference cost J(parameters) for every entry of W1, b1, W2, b2."""
    def J(p):
        A2, _ = trial.run_reference("forward_propagation", X, p)
        return trial.run_reference("compute_cost", A2, Y)

    return {"d" + name: g for name, g in centered_differences(J, params).items()}


def _agrees_with_finite_differences(trial: Trial):
    X, Y, params, _ = trial.case.args
    got = trial.outcome.value
    numeric = numerical_gradients(trial, X, Y, params)
    for name, n in numeric.items():
        g = got.get(name) if isinstance(got, dict) else None
        if not agrees_with_differences(g, n):
            expected = trial.expected[name]
            mismatch = compare(g, expected) if g is not None else None
            if mismatch is None:  # right value, wrong container (e.g. no dict)
                return Failure(f"`backward_propagation` ({name}): does not agree with centered differences "
                               "of the cost.")
            failure = catalogue.explain(trial, name, g, expected, mismatch, name)
            return Failure(failure.message.rstrip(".") + " (compared with centered differences of the cost).",
                           failure.misconception)
    return None


# ---------------------------------------------------------------------------------------------------
# update_parameters


def _update_case(rng, shuffle=False):
    """Parameters of the 2-layer network and gradients, with the dicts' keys shuffled if ``shuffle``."""
    n_x, n_h, _ = network_sizes(rng)
    p = parameters(rng, [n_x, n_h, 1])
    g = {"d" + k: rng.normal(0, 1, v.shape) for k, v in p.items()}
    if shuffle:
        p, g = shuffled(rng, p), shuffled(rng, g)
    return Case((p, g, float(rng.uniform(0.05, 0.9))))


# ---------------------------------------------------------------------------------------------------
# train

_TRAIN_ITERATIONS = 1000
_TRAIN_RATE = 0.3
# correct training ends below 0.02 here for 1000 of 1000 students (at 400 iterations 1 in 400 ended above 0.1)
_TRAIN_THRESHOLD = 0.1


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


_OWN = object()


def _trained(trial: Trial, got=_OWN):
    """The returned parameters (default: of the check's call), or a Failure if they are not a dict of the
    right shapes."""
    dims = trial.case.context["layer_dims"]
    got = trial.outcome.value if got is _OWN else got
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


_RATES = (0.2, 0.7)  # two learning rates, one step each
_STEPS = 3  # then a longer run at the first rate
_NAMES = ("W1", "b1", "W2", "b2")


def _trajectory_case(rng):
    """A small XOR problem and three calls of train: one step at each of two learning rates, then
    ``_STEPS`` steps at the first. Everything train calls is the reference, so the results are the
    reference's steps to rounding, from whatever start train takes (any seed, scale or RNG): the two
    one-step results give the start p0 = (b p_a - a p_b) / (b - a) and the step's gradient."""
    X, Y = _xor(rng)
    m = int(rng.integers(12, 20))
    X, Y = X[:, :m], Y[:, :m]
    dims = [X.shape[0], int(rng.integers(3, 6)), 1]
    (a, b), n = _RATES, _STEPS
    return Case((X, Y, dims), {"learning_rate": a, "num_iterations": 1},
                {"layer_dims": dims, "m": m},
                more=(((X, Y, dims), {"learning_rate": b, "num_iterations": 1}),
                      ((X, Y, dims), {"learning_rate": a, "num_iterations": n})))


def _steps(trial: Trial, start: dict, learning_rate: float, iterations: int) -> list[dict]:
    """The parameters after 0, 1, ..., ``iterations`` reference steps from ``start``."""
    X, Y, _ = trial.case.args
    out = [start]
    for _ in range(iterations):
        p = out[-1]
        _, cache = trial.run_reference("forward_propagation", X, p)
        g = trial.run_reference("backward_propagation", X, Y, p, cache)
        out.append(trial.run_reference("update_parameters", p, g, learning_rate))
    return out


def _three_runs(trial: Trial):
    """The three results as dicts of W1, b1, W2, b2 (or a Failure)."""
    runs = []
    for outcome in (trial.outcome, *trial.more):
        got = _trained(trial, outcome.value)
        if isinstance(got, Failure):
            return got
        runs.append({k: np.asarray(got[k], dtype=float) for k in _NAMES})
    if all(np.all(r[k] == 0) for r in runs for k in ("b1", "b2")):  # biases start at 0, move at the first step
        return catalogue.message_for(trial, "never_updates", "parameters")
    return runs


def _same(a: dict, b: dict, rtol=1e-6) -> bool:
    return compare(a, b, rtol=rtol, atol=1e-9) is None


def _train_learning_rate(trial: Trial):
    """One step at learning rate a and one at b are p0 - a g and p0 - b g with g the reference's gradient
    at p0 (any start p0)."""
    runs = _three_runs(trial)
    if isinstance(runs, Failure):
        return runs
    (a, b), (pa, pb, pn) = _RATES, runs
    if _same(pa, pb, rtol=1e-12):
        if _same(pn, _steps(trial, pa, a, _STEPS - 1)[-1]):  # one step short: none at num_iterations=1
            return catalogue.message_for(trial, "iterations_off_by_one", "num_iterations", n=1, k=0)
        return catalogue.message_for(trial, "learning_rate_ignored_by_train", "learning_rate", a=a, b=b)
    p0, g = _start_and_gradient(pa, pb)
    X, Y, _ = trial.case.args
    _, cache = trial.run_reference("forward_propagation", X, p0)
    want = trial.run_reference("backward_propagation", X, Y, p0, cache)
    mismatch = compare({k: g[k] for k in _NAMES}, {k: want["d" + k] for k in _NAMES}, rtol=1e-6, atol=1e-9)
    if mismatch is None:
        return None
    return Failure(f"`train` (learning_rate): with num_iterations=1, the results for learning_rate={a} and "
                   f"{b} are not one gradient-descent step of that size from the same start "
                   f"(the step of `{mismatch.path}`: {mismatch.detail}).")


def _start_and_gradient(pa: dict, pb: dict) -> tuple[dict, dict]:
    """The start p0 and the gradient g behind two one-step results at the rates ``_RATES``:
    pa = p0 - a g and pb = p0 - b g."""
    a, b = _RATES
    return ({k: (b * pa[k] - a * pb[k]) / (b - a) for k in _NAMES},
            {k: (pa[k] - pb[k]) / (b - a) for k in _NAMES})


def _train_iterations(trial: Trial):
    """``_STEPS`` iterations give the reference's parameters after that many steps from train's start."""
    runs = _three_runs(trial)
    if isinstance(runs, Failure):
        return runs
    (a, b), (pa, pb, pn), n = _RATES, runs, _STEPS
    if _same(pa, pn, rtol=1e-12):
        return catalogue.message_for(trial, "num_iterations_ignored_by_train", "num_iterations", a=1, b=n)
    if _same(pa, pb, rtol=1e-12):
        p0 = pa  # no step at num_iterations=1: the start is what came back
    else:
        p0, _ = _start_and_gradient(pa, pb)
    path = _steps(trial, p0, a, n + 1)
    if _same(pn, path[n]):
        return None
    for k in (n - 1, n + 1):
        if _same(pn, path[k]) and not _same(path[k], path[n]):
            return catalogue.message_for(trial, "iterations_off_by_one", "num_iterations", n=n, k=k)
    mismatch = compare(pn, path[n], rtol=1e-6, atol=1e-9)
    return Failure(f"`train` (num_iterations): with learning_rate={a} and num_iterations={n} the result is not "
                   f"{n} gradient-descent steps from the start its one-step results show "
                   f"(`{mismatch.path}`: {mismatch.detail}).")


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
        return catalogue.message_for(trial, "never_updates", "parameters")
    return catalogue.message_for(trial, "not_converged", "cost", cost=float(cost), threshold=_TRAIN_THRESHOLD,
                                iterations=trial.case.kwargs["num_iterations"])


# ---------------------------------------------------------------------------------------------------

_ACTIVATIONS = ("relu", "relu_derivative", "sigmoid", "sigmoid_derivative")
_FORWARD = ("z1_into_layer2", "returns_z2", "cache_mixed_up", "wrong_hidden_activation", "wrong_output_activation",
            "bias_missing",
            "cache_incomplete", "matrix_dimensions", "transposed")
_COST = ("not_averaged", "averaged_twice", "m_multiplied", "integer_division", "log_base", "sign_flipped",
         "cross_entropy_term_missing", "cost_not_reduced", "cross_entropy_formula")
_BACKWARD_W = ("m_from_features", "not_averaged", "averaged_twice", "m_multiplied", "integer_division", "transposed",
               "sign_flipped", "relu_mask_missing", "dz2_from_z2", "a1_from_z1", "cache_not_used",
               "output_derivative_extra", "matrix_dimensions")
_BACKWARD_B = ("m_from_features", "not_averaged", "averaged_twice", "m_multiplied", "integer_division", "bias_keepdims",
               "bias_sum_axis", "sign_flipped", "relu_mask_missing", "dz2_from_z2", "a1_from_z1", "cache_not_used",
               "output_derivative_extra", "matrix_dimensions")
_BACKWARD_ALL = tuple(dict.fromkeys(_BACKWARD_W + _BACKWARD_B))
_UPDATE = ("sign_flipped", "learning_rate_divides", "parameter_not_updated", "learning_rate_ignored",
           "layers_hardcoded", "layer_missing")
_NETWORK = ("initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
            "update_parameters", *_ACTIVATIONS)


def _backward_checks(suffix, inputs, weights):
    return [Check(f"backward_propagation.{key}{suffix}", "backward_propagation", inputs, Values(key=key),
                  weight=w, provide=_ACTIVATIONS, misconceptions=_BACKWARD_W if key[1] == "W" else _BACKWARD_B)
            for key, w in zip(("dW1", "db1", "dW2", "db2"), weights)]


CHECKS = [
    Check("initialize_parameters.shapes", "initialize_parameters", _init_case, Property(_init_shapes), weight=2,
          misconceptions=("transposed", "bias_shape", "bias_column", "layers_from_one")),
    Check("initialize_parameters.three_layers", "initialize_parameters", lambda rng: _init_case(rng, layers=3),
          Property(_init_shapes), weight=0.5, misconceptions=("layers_hardcoded", "transposed", "bias_shape")),
    Check("initialize_parameters.four_layers", "initialize_parameters", lambda rng: _init_case(rng, layers=4),
          Property(_init_shapes), weight=0.5, misconceptions=("layers_hardcoded", "transposed", "bias_shape")),
    Check("initialize_parameters.zero_biases", "initialize_parameters", _init_case, Property(_init_zero_bias),
          weight=1, misconceptions=("bias_not_zero",)),
    Check("initialize_parameters.no_symmetry", "initialize_parameters", _init_case, Property(_init_no_symmetry),
          weight=2, misconceptions=("zero_init", "symmetric_init")),
    Check("initialize_parameters.small_weights", "initialize_parameters", _init_case, Property(_init_small),
          weight=1, misconceptions=("init_too_large",)),
    Check("initialize_parameters.seed", "initialize_parameters", _init_seed_case, Property(_init_seeded),
          weight=0.5, misconceptions=("seed_ignored_random", "seed_ignored_fixed")),
    Check("initialize_parameters.inputs_unchanged", "initialize_parameters", _init_case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
    Check("forward_propagation.A2", "forward_propagation", _forward_case, Values(key=0, label="A2"), weight=1,
          provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("forward_propagation.cache", "forward_propagation", _forward_case, Values(key=1, label="cache"),
          weight=2, provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("forward_propagation.one_example", "forward_propagation", lambda rng: _forward_case(rng, "one_example"),
          Values(), weight=0.25, provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("forward_propagation.few_examples", "forward_propagation", lambda rng: _forward_case(rng, "few_examples"),
          Values(), weight=0.25, provide=("relu", "sigmoid"), misconceptions=_FORWARD),
    Check("forward_propagation.inputs_unchanged", "forward_propagation", _forward_case, Unchanged(), weight=0.5,
          provide=("relu", "sigmoid"), misconceptions=("inputs_mutated",)),
    Check("compute_cost.values", "compute_cost", _cost_case, Values(), weight=3, misconceptions=_COST),
    # one example is a degenerate input (one label): a wrong formula may agree with a twin by chance, so this
    # check states facts only and the diagnosis comes from `values`
    Check("compute_cost.one_example", "compute_cost", lambda rng: _cost_case(rng, m=1), Values(), weight=0.5),
    Check("compute_cost.inputs_unchanged", "compute_cost", _cost_case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
    *_backward_checks("", _backward_case, (2, 1, 1, 1)),
    *_backward_checks("@few_examples", lambda rng: _backward_case(rng, "few_examples"), (0.5, 0.25, 0.25, 0.25)),
    *_backward_checks("@one_example", lambda rng: _backward_case(rng, "one_example"), (0.25, 0.25, 0.25, 0.25)),
    Check("backward_propagation.finite_differences", "backward_propagation", _consistent_case,
          Property(_agrees_with_finite_differences), weight=0.5, provide=_ACTIVATIONS,
          misconceptions=_BACKWARD_ALL),
    Check("backward_propagation.inputs_unchanged", "backward_propagation", _backward_case, Unchanged(), weight=0.25,
          provide=_ACTIVATIONS, misconceptions=("inputs_mutated",)),
    Check("update_parameters.values", "update_parameters", _update_case, Values(), weight=2, misconceptions=_UPDATE),
    # The notebook asks for any number of layers, but the contract gives full marks to the syllabus' own
    # update_parameters, which names W1, b1, W2, b2: deeper dicts are not graded (docs/checks.md).
    Check("update_parameters.shuffled_keys", "update_parameters", lambda rng: _update_case(rng, shuffle=True),
          Values(), weight=1.5, misconceptions=_UPDATE),
    # the parameters may be updated in place (the contract); the gradients may not
    Check("update_parameters.gradients_unchanged", "update_parameters", _update_case, Unchanged(positions=(1,)),
          weight=0.5, misconceptions=("inputs_mutated",)),
    Check("train.learning_rate", "train", _trajectory_case, Property(_train_learning_rate), weight=1,
          provide=_NETWORK,
          misconceptions=("never_updates", "iterations_off_by_one", "learning_rate_ignored_by_train")),
    Check("train.num_iterations", "train", _trajectory_case, Property(_train_iterations), weight=1,
          provide=_NETWORK,
          misconceptions=("never_updates", "num_iterations_ignored_by_train", "iterations_off_by_one")),
    Check("train.converges", "train", _train_case, Property(_train_converges), weight=1.5, provide=_NETWORK,
          misconceptions=("never_updates", "not_converged")),
    Check("train.inputs_unchanged", "train", lambda rng: _train_case(rng, iterations=2), Unchanged(),
          weight=0.5, provide=_NETWORK, misconceptions=("inputs_mutated",)),
]
