"""Checks of notebook 06_deep_network: the modular L-layer network, block by block.

- linear_forward / activation_forward: values (output and cache) against the reference, m = 1, each activation.
- linear_backward / activation_backward: values of dA_prev, dW, db for an upstream gradient and a cache; the
  activation cache's Z is NOT W A_prev + b, so only an answer that reads Z from the cache is right.
- initialize_he: properties (shapes, zero biases, no symmetry, the He scale per layer within a band that six
  standard deviations of the sample RMS allow, the seed).
- L_model_forward / L_model_backward: values for L = 1, 2, 3, 4 layers, every hidden activation, m = 1,
  parameter dicts in any key order, with reference versions of the blocks they call (``provide``).
- compute_cost_l2 / the lambd term of L_model_backward: values with lambd > 0 on 3 layers.
"""

from __future__ import annotations

import re

import numpy as np

from autograder.checks import catalogue
from autograder.checks.compare import agrees_with_differences, centered_differences, compare
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import away_from_zero, distinct_sizes, labels, shuffled

ACTIVATIONS = ("relu", "tanh", "sigmoid")


# ---------------------------------------------------------------------------------------------------
# the blocks


def _sizes(rng, one_example=False):
    """(n_prev, n, m), all different (so a transposed product never fits), m = 1 if ``one_example``."""
    n_prev, n, m = distinct_sizes(rng, (3, 5), (6, 8), (9, 14))
    return n_prev, n, 1 if one_example else m


def _mixed(rng, shape):
    """Values away from 0 (ReLU's kink) with both signs present."""
    z = away_from_zero(rng, shape, 0.05, 2.5)
    flat = z.reshape(-1)
    if flat.size >= 2:
        flat[0], flat[1] = -abs(flat[0]), abs(flat[1])
    return z


def _layer(rng, n_prev, n, m):
    return rng.normal(0, 1, (n_prev, m)), rng.normal(0, 1, (n, n_prev)), rng.normal(0, 1, (n, 1))


def _linear_forward_case(rng, one_example=False):
    n_prev, n, m = _sizes(rng, one_example)
    return Case(_layer(rng, n_prev, n, m), context={"m": m})


def _linear_backward_case(rng, one_example=False):
    n_prev, n, m = _sizes(rng, one_example)
    return Case((rng.normal(0, 1, (n, m)), _layer(rng, n_prev, n, m)), context={"m": m})


def _activation_forward_case(rng, activation="relu", one_example=False):
    n_prev, n, m = _sizes(rng, one_example)
    return Case((*_layer(rng, n_prev, n, m), activation), context={"m": m})


def _activation_backward_case(rng, activation="relu", one_example=False, kink=False):
    """dA and a cache whose Z is independent of W A_prev + b (and away from ReLU's kink; with ``kink``, two
    entries of Z are exactly 0, where the notebook's mask Z > 0 gives 0 and the contract accepts 1 too)."""
    n_prev, n, m = _sizes(rng, one_example)
    Z = _mixed(rng, (n, m))
    if kink:
        Z.reshape(-1)[2 + rng.permutation(Z.size - 2)[:2]] = 0.0
    cache = (_layer(rng, n_prev, n, m), Z)
    return Case((rng.normal(0, 1, (n, m)), cache, activation), context={"m": m})


def _relu_slope_one_at_zero(trial: Trial):
    """activation_backward's output with the mask Z >= 0: the slope 1 at exactly 0, which the contract accepts."""
    dA, (linear_cache, Z), _ = trial.case.args
    return trial.run_reference("linear_backward", dA * (Z >= 0), linear_cache)


# ---------------------------------------------------------------------------------------------------
# initialize_he

_BAND_SIGMAS = 6.0  # the sample RMS of N normal entries has relative std sqrt(1 / (2N)): 6 of those


def _he_case(rng, layers=3):
    """layer_dims whose widths alternate by a factor 2 or more (so a fan-out scale is far from He's) and
    whose weight matrices hold 1000 entries or more (so the RMS of each is known to a few percent)."""
    narrow = lambda: int(rng.integers(20, 31))  # noqa: E731
    wide = lambda: int(rng.integers(62, 80))  # noqa: E731
    dims = [narrow(), wide(), narrow(), wide(), narrow()][: layers + 1]
    return Case((dims,), {"seed": int(rng.integers(0, 1000))}, {"layer_dims": dims})


def _he_seed_case(rng):
    case = _he_case(rng)
    (dims,), seed = case.args, case.kwargs["seed"]
    return Case((dims,), {"seed": seed}, case.context, more=(((dims,), {"seed": seed}), ((dims,), {"seed": seed + 1})))


def _he_layers(trial: Trial, got=None):
    """The returned (W<l>, b<l>) pairs of the right shapes, or a Failure saying what is missing or misshapen."""
    dims = trial.case.context["layer_dims"]
    got = trial.outcome.value if got is None else got
    label = trial.check.output
    if not isinstance(got, dict):
        return Failure(f"`initialize_he` ({label}): expected a dict of W1, b1, ..., got {type(got).__name__}.",
                       "missing_return" if got is None else None)
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
                return Failure(f"`initialize_he` ({label}): the result has no array `{name}` for layer_dims of "
                               f"length {len(dims)}.")
        W, b = got[f"W{l}"], got[f"b{l}"]
        want = (dims[l], dims[l - 1])
        if W.shape != want:
            if W.shape == want[::-1]:
                return catalogue.message_for(trial, "transposed", f"W{l}")
            return Failure(f"`initialize_he` (W{l}): expected shape {want}, got shape {W.shape}.")
        if b.shape != (dims[l], 1):
            if b.shape == (dims[l],):
                return catalogue.message_for(trial, "bias_shape", f"b{l}")
            return catalogue.message_for(trial, "bias_column", f"b{l}", got=b.shape)
        pairs.append((np.asarray(W, dtype=float), np.asarray(b, dtype=float)))
    return pairs


def _he_shapes(trial: Trial):
    pairs = _he_layers(trial)
    return pairs if isinstance(pairs, Failure) else None


def _he_zero_bias(trial: Trial):
    pairs = _he_layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    if any(np.any(b != 0) for _, b in pairs):
        return catalogue.message_for(trial, "bias_not_zero", "biases")
    return None


def _he_symmetry(trial: Trial):
    pairs = _he_layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    for l, (W, _) in enumerate(pairs, start=1):
        if not np.all(np.isfinite(W)):
            return Failure(f"`initialize_he` (W{l}): {int(np.sum(~np.isfinite(W)))} of {W.size} entries are nan "
                           "or inf.")
        if np.all(W == 0):
            return catalogue.message_for(trial, "zero_init", "weights")
        rows = np.unique(W, axis=0)
        if rows.shape[0] < W.shape[0]:
            return catalogue.message_for(trial, "symmetric_init", "weights")
    return None


def _he_ratios(pairs, dims):
    """Per layer: the RMS of W<l>, He's std sqrt(2 / n_{l-1}), and the band of the ratio RMS / He."""
    out = []
    for l, (W, _) in enumerate(pairs, start=1):
        rms = float(np.sqrt(np.mean(W**2)))
        he = float(np.sqrt(2 / dims[l - 1]))
        out.append((l, rms, he, _BAND_SIGMAS * np.sqrt(1 / (2 * W.size))))
    return out


def _he_scale(trial: Trial):
    """Every layer's RMS is He's sqrt(2 / n_prev) within the band of its sample size, and its mean is 0 within
    six standard errors; otherwise name the scale only where every layer shows the same exact relation."""
    pairs = _he_layers(trial)
    if isinstance(pairs, Failure):
        return pairs
    if _he_symmetry(trial) is not None:
        return None  # zero or constant weights: `no_symmetry` says so
    dims = trial.case.context["layer_dims"]
    ratios = _he_ratios(pairs, dims)
    if all(abs(rms / he - 1) <= band for _, rms, he, band in ratios):
        for (l, _, he, _), (W, _) in zip(ratios, pairs):
            if abs(float(np.mean(W))) > _BAND_SIGMAS * he / np.sqrt(W.size):
                return Failure(f"`initialize_he` (W{l}): the weights have mean {float(np.mean(W)):.3g}, far from 0: "
                               "draw them from a normal distribution centred on 0.")
        return None

    def every(target):
        return all(abs(rms / (he * target(l)) - 1) <= band for l, rms, he, band in ratios)

    if every(lambda l: np.sqrt(0.5)):
        return catalogue.message_for(trial, "he_xavier_scale", "scale")
    if every(lambda l: np.sqrt(dims[l - 1] / dims[l])):
        return catalogue.message_for(trial, "he_fan_out", "scale")
    l, rms, he, band = next(r for r in ratios if abs(r[1] / r[2] - 1) > r[3])
    mid = "he_too_large" if rms > he else "he_too_small"
    return catalogue.message_for(trial, mid, "scale", layer=l, rms=rms, he=he, ratio=rms / he)


def _he_seeded(trial: Trial):
    runs = [trial.outcome.value, trial.more[0].value, trial.more[1].value]
    pairs = _he_layers(trial)
    if isinstance(pairs, Failure) or _he_symmetry(trial) is not None:
        return pairs if isinstance(pairs, Failure) else None
    if compare(runs[1], runs[0], rtol=0.0, atol=0.0) is not None:
        return catalogue.message_for(trial, "seed_ignored_random", "seed")
    if compare(runs[2], runs[0], rtol=0.0, atol=0.0) is None:
        return catalogue.message_for(trial, "seed_ignored_fixed", "seed")
    return None


# ---------------------------------------------------------------------------------------------------
# the L-layer model


def _network(rng, dims, m, hidden="relu", kink=True):
    """X and parameters of moderate size (no saturated sigmoid output), with the pre-activations of the hidden
    layers away from ReLU's kink when ``kink`` (resampling the biases)."""
    X = rng.normal(0, 1, (dims[0], m))
    for _ in range(100):
        p = {}
        A = X
        ok = True
        for l in range(1, len(dims)):
            p[f"W{l}"] = rng.normal(0, 1.3, (dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
            p[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            if l < len(dims) - 1:
                ok = ok and float(np.min(np.abs(Z))) >= 1e-3
                A = {"relu": np.maximum(0, Z), "tanh": np.tanh(Z), "sigmoid": 1 / (1 + np.exp(-Z))}[hidden]
            else:
                peak = float(np.max(np.abs(Z)))
                if peak > 3:  # keep the sigmoid output away from 0 and 1
                    p[f"W{l}"] *= 3 / peak
                    p[f"b{l}"] *= 3 / peak
        if ok or not kink:
            return X, p
    return X, p


_DIMS = {  # number of layers -> layer sizes (input first); widths differ layer to layer
    1: lambda rng: [int(rng.integers(3, 6)), 1],
    2: lambda rng: [*distinct_sizes(rng, (3, 5), (6, 8)), 1],
    3: lambda rng: [*distinct_sizes(rng, (3, 4), (6, 8), (5, 5)), 1],
    4: lambda rng: [*distinct_sizes(rng, (3, 4), (7, 8), (5, 6), (2, 2)), 1],
}


def _forward_case(rng, layers=3, hidden="relu", one_example=False):
    dims = _DIMS[layers](rng)
    m = 1 if one_example else int(rng.integers(9, 14))
    X, p = _network(rng, dims, m, hidden, kink=False)
    return Case((X, shuffled(rng, p)), {"hidden_activation": hidden}, {"m": m, "layer_dims": dims})


def _cost_case(rng, layers=3, lambd=None):
    dims = _DIMS[layers](rng)
    m = int(rng.integers(9, 14))
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    lambd = float(rng.uniform(0.3, 2.0)) if lambd is None else lambd
    return Case((rng.uniform(0.05, 0.95, (1, m)), labels(rng, m), shuffled(rng, p), lambd), context={"m": m})


def _backward_case(rng, layers=3, hidden="relu", one_example=False, lambd=0.0):
    """AL, Y and the caches of the reference forward pass (every student's blocks are the reference's here),
    with parameters (keys shuffled) for the L2 term."""
    from autograder.reference.deep_network import L_model_forward

    dims = _DIMS[layers](rng)
    m = 1 if one_example else int(rng.integers(9, 14))
    X, p = _network(rng, dims, m, hidden)
    AL, caches = L_model_forward(X, p, hidden)
    Y = labels(rng, m) if m > 1 else np.ones((1, 1))
    kwargs = {"hidden_activation": hidden, "parameters": shuffled(rng, p) if layers > 1 else p}
    if lambd:
        kwargs["lambd"] = lambd
    return Case((AL, Y, caches), kwargs, {"m": m, "layer_dims": dims})


def _l2_case(rng, layers=3, hidden="relu"):
    return _backward_case(rng, layers, hidden, lambd=float(rng.uniform(0.5, 3.0)))


def _bounded_grads(trial: Trial):
    """A dict of at most a few hundred entries (bounded work before any comparison), or a Failure."""
    got = trial.outcome.value
    if isinstance(got, dict) and len(got) > 10 * len(trial.case.context["layer_dims"]):
        return Failure(f"`L_model_backward` ({trial.check.output}): the result has {len(got)} entries; expected "
                       "dW<l>, db<l> (and dA<l-1>) for each layer.")
    return None


def _backward_values(trial: Trial):
    failure = _bounded_grads(trial)
    if failure is not None:
        return failure
    # dA<l-1> may be returned (the reference does) but are not graded: only dW<l>, db<l> are expected
    trial._expected = {k: v for k, v in trial.expected.items() if k[:2] in ("dW", "db")}
    return Values(label="grads").verify(trial)


def _agrees_with_finite_differences(trial: Trial):
    """The returned dW<l>, db<l> agree with centered differences of the reference cost (with L2) of the
    reference forward pass, rebuilt from the caches' A0 = X."""
    failure = _bounded_grads(trial)
    if failure is not None:
        return failure
    AL, Y, caches = trial.case.args
    hidden, lambd = trial.case.kwargs["hidden_activation"], trial.case.kwargs.get("lambd", 0.0)
    X = caches[0][0][0]
    params = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        params[f"W{l}"], params[f"b{l}"] = W.copy(), b.copy()

    def J(p):
        A, _ = trial.run_reference("L_model_forward", X, p, hidden)
        return trial.run_reference("compute_cost_l2", A, Y, p, lambd)

    got = trial.outcome.value
    for name, numeric in centered_differences(J, params).items():
        g = got.get("d" + name) if isinstance(got, dict) else None
        if not agrees_with_differences(g, numeric):
            return Failure(f"`L_model_backward` (d{name}): does not agree with centered differences of the cost "
                           f"J = compute_cost_l2 of the {len(caches)}-layer network (lambd={lambd:g}).")
    return None


# ---------------------------------------------------------------------------------------------------

_LINEAR_FORWARD = ("bias_missing", "linear_cache_order", "matrix_dimensions", "transposed")
_LINEAR_BACKWARD = ("dA_prev_averaged", "m_from_features", "not_averaged", "averaged_twice", "m_multiplied",
                    "integer_division", "transposed", "bias_keepdims", "bias_sum_axis", "sign_flipped",
                    "matrix_dimensions")
_ACT_FORWARD = ("returns_z", "relu_min_max", "kink_moved", "sigmoid_exponent_sign", "sigmoid_formula",
                "activation_mixed_up", "activation_twice", "activation_cache_holds_a", "activation_cache_order",
                "bias_missing", "matrix_dimensions")
_ACT_BACKWARD = ("derivative_missing", "activation_not_derivative", "derivative_of_z_as_a", "missing_square",
                 "relu_derivative_sign", "relu_slope_at_zero", "kink_moved", "relu_mask_inverted",
                 "tanh_derivative_formula", "sigmoid_derivative_formula", "sigmoid_formula", "derivative_mixed_up", "cache_not_used",
                 # all zeros here is as likely a derivative of 0 (a sigmoid 0 / ...) as a `1 // m`: not named
                 *(m for m in _LINEAR_BACKWARD if m != "integer_division"))
_DEEP_FORWARD = ("deep_output_activation", "hidden_activation_ignored", "deep_caches_incomplete", "deep_caches_reversed",
                 "activation_twice", "bias_missing", "deep_layers_skipped",
                 "matrix_dimensions")
_COST_L2 = ("l2_missing", "l2_not_halved", "l2_biases_included", "l2_not_averaged", "l2_layer_missing", "l2_unscaled",
            "l2_not_squared", "l2_mean_of_squares", "l2_subtracted", "l2_cross_entropy_summed", "l2_cross_entropy_scaled", "m_from_rows", "log_base",
            "cross_entropy_term_missing", "cross_entropy_formula", "l2_scale_formula")
_DEEP_BACKWARD = ("deep_output_activation", "deep_output_derivative_twice", "dAL_formula", "l2_subtracted",
                  "hidden_activation_ignored", "l2_gradient_missing",
                  "l2_gradient_doubled", "l2_gradient_halved", "l2_gradient_biases", "l2_gradient_not_averaged",
                  "sign_flipped", "not_averaged", "averaged_twice", "layer_missing", "matrix_dimensions")
_BLOCKS_FORWARD = ("linear_forward", "activation_forward")
_BLOCKS_BACKWARD = ("linear_backward", "activation_backward")


def _parts(function, suffix, inputs, weights, misconceptions, provide=(), also=None):
    """Values checks of the parts of a tuple result: one per (label, weight)."""
    return [Check(f"{function}.{label}{suffix}", function, inputs, Values(key=i, label=label, also=also), weight=w,
                  provide=provide, misconceptions=misconceptions)
            for i, (label, w) in enumerate(weights) if w]


CHECKS = [
    # linear_forward
    Check("linear_forward.Z", "linear_forward", _linear_forward_case, Values(key=0, label="Z"), weight=1,
          misconceptions=_LINEAR_FORWARD),
    Check("linear_forward.cache", "linear_forward", _linear_forward_case, Values(key=1, label="cache"), weight=1,
          misconceptions=_LINEAR_FORWARD),
    Check("linear_forward.one_example", "linear_forward", lambda rng: _linear_forward_case(rng, True), Values(),
          weight=0.5, misconceptions=_LINEAR_FORWARD),
    Check("linear_forward.inputs_unchanged", "linear_forward", _linear_forward_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # linear_backward
    *_parts("linear_backward", "", _linear_backward_case, (("dA_prev", 1), ("dW", 1.5), ("db", 1)),
            _LINEAR_BACKWARD),
    Check("linear_backward.one_example", "linear_backward", lambda rng: _linear_backward_case(rng, True), Values(),
          weight=0.5, misconceptions=_LINEAR_BACKWARD),
    Check("linear_backward.inputs_unchanged", "linear_backward", _linear_backward_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # activation_forward
    *[Check(f"activation_forward.{act}", "activation_forward",
            lambda rng, _a=act: _activation_forward_case(rng, _a), Values(), weight=1,
            provide=("linear_forward",), misconceptions=_ACT_FORWARD) for act in ACTIVATIONS],
    Check("activation_forward.one_example", "activation_forward",
          lambda rng: _activation_forward_case(rng, "relu", True), Values(), weight=0.25,
          provide=("linear_forward",), misconceptions=_ACT_FORWARD),
    Check("activation_forward.inputs_unchanged", "activation_forward", _activation_forward_case, Unchanged(),
          weight=0.25, provide=("linear_forward",), misconceptions=("inputs_mutated",)),
    # activation_backward: dA_prev, dW, db for each activation (a wrong derivative shows in all three)
    # (the relu case has Z exactly 0 in two entries: the mask Z > 0 of the notebook or Z >= 0, as the contract allows)
    *[check for act in ACTIVATIONS for check in _parts(
        "activation_backward", f"@{act}", lambda rng, _a=act: _activation_backward_case(rng, _a, kink=_a == "relu"),
        (("dA_prev", 0.5), ("dW", 0.5), ("db", 0.25)), _ACT_BACKWARD, provide=("linear_backward",),
        also=_relu_slope_one_at_zero if act == "relu" else None)],
    Check("activation_backward.one_example", "activation_backward",
          lambda rng: _activation_backward_case(rng, "tanh", True), Values(), weight=0.25,
          provide=("linear_backward",), misconceptions=_ACT_BACKWARD),
    Check("activation_backward.inputs_unchanged", "activation_backward", _activation_backward_case, Unchanged(),
          weight=0.25, provide=("linear_backward",), misconceptions=("inputs_mutated",)),
    # initialize_he
    Check("initialize_he.shapes", "initialize_he", _he_case, Property(_he_shapes), weight=1,
          misconceptions=("transposed", "bias_shape", "bias_column", "layers_from_one")),
    Check("initialize_he.one_layer", "initialize_he", lambda rng: _he_case(rng, layers=1), Property(_he_shapes),
          weight=0.25, misconceptions=("transposed", "bias_shape", "bias_column")),
    Check("initialize_he.four_layers", "initialize_he", lambda rng: _he_case(rng, layers=4), Property(_he_shapes),
          weight=0.25, misconceptions=("layers_hardcoded", "transposed", "bias_shape")),
    Check("initialize_he.zero_biases", "initialize_he", _he_case, Property(_he_zero_bias), weight=0.5,
          misconceptions=("bias_not_zero",)),
    Check("initialize_he.no_symmetry", "initialize_he", _he_case, Property(_he_symmetry), weight=1,
          misconceptions=("zero_init", "symmetric_init")),
    Check("initialize_he.he_scale", "initialize_he", _he_case, Property(_he_scale), weight=1.5,
          misconceptions=("he_xavier_scale", "he_fan_out", "he_too_large", "he_too_small")),
    Check("initialize_he.he_scale@four_layers", "initialize_he", lambda rng: _he_case(rng, layers=4),
          Property(_he_scale), weight=0.5,
          misconceptions=("he_xavier_scale", "he_fan_out", "he_too_large", "he_too_small")),
    Check("initialize_he.seed", "initialize_he", _he_seed_case, Property(_he_seeded), weight=0.5,
          misconceptions=("seed_ignored_random", "seed_ignored_fixed")),
    Check("initialize_he.inputs_unchanged", "initialize_he", _he_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # L_model_forward
    *[Check(f"L_model_forward.{name}", "L_model_forward", inputs, Values(), weight=w, provide=_BLOCKS_FORWARD,
            misconceptions=_DEEP_FORWARD) for name, inputs, w in (
        ("relu", lambda rng: _forward_case(rng, 3, "relu"), 1),
        ("tanh", lambda rng: _forward_case(rng, 3, "tanh"), 0.5),
        ("sigmoid", lambda rng: _forward_case(rng, 2, "sigmoid"), 0.5),
        ("one_layer", lambda rng: _forward_case(rng, 1, "relu"), 0.5),
        ("four_layers", lambda rng: _forward_case(rng, 4, "tanh"), 0.5),
        ("one_example", lambda rng: _forward_case(rng, 2, "relu", True), 0.25))],
    Check("L_model_forward.inputs_unchanged", "L_model_forward", _forward_case, Unchanged(), weight=0.25,
          provide=_BLOCKS_FORWARD, misconceptions=("inputs_mutated",)),
    # compute_cost_l2
    Check("compute_cost_l2.values", "compute_cost_l2", _cost_case, Values(exact=True), weight=2, misconceptions=_COST_L2),
    Check("compute_cost_l2.two_layers", "compute_cost_l2", lambda rng: _cost_case(rng, 2), Values(exact=True), weight=0.5,
          misconceptions=_COST_L2),
    Check("compute_cost_l2.no_penalty", "compute_cost_l2", lambda rng: _cost_case(rng, 3, lambd=0.0), Values(exact=True),
          weight=0.5),
    Check("compute_cost_l2.inputs_unchanged", "compute_cost_l2", _cost_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # L_model_backward
    *[Check(f"L_model_backward.{name}", "L_model_backward", inputs, Property(_backward_values), weight=w,
            provide=_BLOCKS_BACKWARD, misconceptions=_DEEP_BACKWARD) for name, inputs, w in (
        ("relu", lambda rng: _backward_case(rng, 3, "relu"), 1),
        ("tanh", lambda rng: _backward_case(rng, 3, "tanh"), 0.5),
        ("sigmoid", lambda rng: _backward_case(rng, 2, "sigmoid"), 0.5),
        ("one_layer", lambda rng: _backward_case(rng, 1, "relu"), 0.5),
        ("four_layers", lambda rng: _backward_case(rng, 4, "tanh"), 0.5),
        ("one_example", lambda rng: _backward_case(rng, 2, "relu", True), 0.25),
        ("l2", lambda rng: _l2_case(rng, 3, "relu"), 1),
        ("l2@four_layers", lambda rng: _l2_case(rng, 4, "tanh"), 0.25))],
    Check("L_model_backward.finite_differences", "L_model_backward", lambda rng: _l2_case(rng, 2, "tanh"),
          Property(_agrees_with_finite_differences), weight=0.25, provide=_BLOCKS_BACKWARD),
    Check("L_model_backward.inputs_unchanged", "L_model_backward", _l2_case, Unchanged(), weight=0.25,
          provide=_BLOCKS_BACKWARD, misconceptions=("inputs_mutated",)),
]


# ---------------------------------------------------------------------------------------------------
# layer_gradient_norms (the numbers of notebook 6's gradient-norm plot)

_NORMS = ("norms_output_saturates", "norms_reversed", "norms_of_db", "norms_squared", "norms_output_layer_missing",
          "deep_output_activation", "hidden_activation_ignored", "norms_loop_bounds", "norms_index_off",
          "norms_cache_index")
_BLOCKS_NORMS = ("linear_forward", "activation_forward", "L_model_forward", "linear_backward", "activation_backward",
                 "L_model_backward")


def _norms_case(rng, layers=3, hidden="relu", one_example=False):
    """X, Y and parameters (keys shuffled) of a network whose output is not saturated."""
    dims = _DIMS[layers](rng)
    m = 1 if one_example else int(rng.integers(9, 14))
    X, p = _network(rng, dims, m, hidden)
    Y = labels(rng, m) if m > 1 else np.ones((1, 1))
    return Case((X, Y, shuffled(rng, p)), {"hidden_activation": hidden}, {"m": m, "layer_dims": dims})


def _saturated_norms_case(rng):
    """Weights of standard deviation 1 on 5 ReLU layers of 16 to 24 units: the output logits reach hundreds,
    the sigmoid gives exactly 0.0 or 1.0 for some examples, and only dZ<L> = AL - Y stays finite."""
    width = int(rng.integers(16, 25))
    dims = [int(rng.integers(2, 5))] + [width] * 5 + [1]
    m = int(rng.integers(12, 20))
    for _ in range(100):
        X = rng.normal(0, 1, (dims[0], m))
        p = {}
        for l in range(1, len(dims)):
            p[f"W{l}"], p[f"b{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])), np.zeros((dims[l], 1))
        A = X
        for l in range(1, len(dims) - 1):
            A = np.maximum(0, p[f"W{l}"] @ A)
        Z = p[f"W{len(dims) - 1}"] @ A
        if np.sum(Z > 40) >= 2:  # 1 / (1 + exp(-40)) is exactly 1.0 in float64, so 1 - AL is 0
            break
    Y = labels(rng, m)
    return Case((X, Y, shuffled(rng, p)), {"hidden_activation": "relu"},
                {"m": m, "layer_dims": dims, "saturated": True})


CHECKS += [
    *[Check(f"layer_gradient_norms.{name}", "layer_gradient_norms", inputs, Values(), weight=w,
            provide=_BLOCKS_NORMS, misconceptions=_NORMS) for name, inputs, w in (
        ("relu", lambda rng: _norms_case(rng, 3, "relu"), 1),
        ("tanh", lambda rng: _norms_case(rng, 3, "tanh"), 0.5),
        ("sigmoid", lambda rng: _norms_case(rng, 2, "sigmoid"), 0.25),
        ("one_layer", lambda rng: _norms_case(rng, 1, "relu"), 0.25),
        ("four_layers", lambda rng: _norms_case(rng, 4, "tanh"), 0.25),
        ("one_example", lambda rng: _norms_case(rng, 2, "relu", True), 0.25),
        ("saturated", _saturated_norms_case, 1))],
    Check("layer_gradient_norms.inputs_unchanged", "layer_gradient_norms", _norms_case, Unchanged(), weight=0.25,
          provide=_BLOCKS_NORMS, misconceptions=("inputs_mutated",)),
]
