"""Checks of notebook 05_gradient_checking: dictionary_to_vector, vector_to_dictionary, gradient_check.

gradient_check runs with reference forward_propagation, compute_cost, dictionary_to_vector and
vector_to_dictionary. It must return a tiny value for right gradients, the reference's relative
difference for planted-wrong ones, honour ``epsilon`` (a large epsilon separates centered from one-sided
differences), and leave every argument as it was.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.compare import as_scalar
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import distinct_sizes, labels, shuffled, unsaturated


def _dims(rng, layers=2):
    sizes = distinct_sizes(rng, (2, 4), (5, 7), (1, 1), (8, 9), (10, 11))
    return {2: [sizes[0], sizes[1], sizes[2]], 3: [sizes[0], sizes[1], sizes[3], sizes[2]],
            4: [sizes[0], sizes[4], sizes[1], sizes[3], sizes[2]]}[layers]


def _deep_dict(rng, layers, prefix=""):
    """A 3- or 4-layer dict with its keys in a shuffled order (the layer order must come from the names)."""
    return Case((shuffled(rng, _dict(rng, _dims(rng, layers), prefix)),))


def _dict(rng, dims, prefix=""):
    out = {}
    for l in range(1, len(dims)):
        out[f"{prefix}W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        out[f"{prefix}b{l}"] = rng.normal(0, 1, (dims[l], 1))
    return out


def _vector(rng, layers=2):
    dims = _dims(rng, layers)
    P = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
    return Case((rng.normal(0, 1, (P, 1)), dims))


_MARGIN = 0.1  # |Z1| stays this far from ReLU's kink, more than a nudge of _LARGE_EPSILON moves it (0.075)
_LARGE_EPSILON = 0.05  # centered differences are off by ~1e-4 here, one-sided ones by ~1e-2


def _network(rng, wrong=False, epsilon=None, slightly=False):
    """X, Y, parameters (Z1 away from 0) and the reference gradients (planted-wrong if ``wrong``; off by
    about 1e-3 if ``slightly``: then the truncation error of a large epsilon changes the result a lot, while
    the rounding noise of a tiny one stays far below it)."""
    from autograder.reference import backward_propagation, forward_propagation

    dims = _dims(rng)
    m = int(rng.integers(9, 13))
    X = rng.uniform(-1.5, 1.5, (dims[0], m))
    p = _dict(rng, dims)
    while np.min(np.abs(p["W1"] @ X + p["b1"])) < _MARGIN:
        p["b1"] = rng.normal(0, 1, p["b1"].shape)
    p = unsaturated(X, p)
    Y = labels(rng, m)
    _, cache = forward_propagation(X, p)
    g = backward_propagation(X, Y, p, cache)
    if wrong:
        g["dW1"] = g["dW1"] * 2.0
        g["db2"] = -g["db2"]
    if slightly:
        scale = max(float(np.max(np.abs(g["dW1"]))), 1e-3)
        g["dW1"] = g["dW1"] + 1e-3 * scale * rng.choice([-1.0, 1.0], size=g["dW1"].shape)
    kwargs = {} if epsilon is None else {"epsilon": epsilon}
    return Case((X, Y, p, g), kwargs, {"m": m})


_SMALL = 1e-5  # correct gradients give about 1e-9 .. 1e-7 with epsilon = 1e-7


def _small_for_right_gradients(trial: Trial):
    value = as_scalar(trial.outcome.value)
    if value is None:
        return Failure(f"`gradient_check` (right gradients): expected a number, got "
                       f"{type(trial.outcome.value).__name__}.",
                       "missing_return" if trial.outcome.value is None else None)
    if not (np.isfinite(value) and 0 <= value < _SMALL):
        failure = Failure(f"`gradient_check` (right gradients): it returned {value:.2e} for gradients that are "
                          f"right; expected a relative difference below {_SMALL:.0e}.")
        from autograder import diagnose

        # a wrong formula whose twin gives exactly this value; values near 0 or 1 come from many formulas
        degenerate = value < 1e-3 or abs(value - 1) < 1e-3
        for mid in () if degenerate else trial.check.misconceptions:
            if any(diagnose.twin_gives(trial, twin, diagnose.TWIN_RTOL.get(("gradient_check", mid), 1e-6))
                   for twin in diagnose.TWINS.get(("gradient_check", mid), ())):
                return Failure(failure.message[:-1] + ". " + diagnose.hint(mid, capital=True) + ".", mid)
        return failure
    return None


_GC = ("relative_difference_formula", "squared_norms", "difference_quotient", "epsilon_not_doubled", "vector_aliased",
       "one_sided_difference", "epsilon_ignored")
_V2D_DEEP = ("layers_hardcoded", "flatten_order", "bias_shape", "transposed", "layer_missing")
_D2V = ("vector_shape", "flatten_order", "key_order", "layers_hardcoded", "layers_skipped")
_GC_PROVIDE = ("forward_propagation", "compute_cost", "dictionary_to_vector", "vector_to_dictionary",
               "relu", "sigmoid")

CHECKS = [
    Check("dictionary_to_vector.parameters", "dictionary_to_vector", lambda rng: Case((_dict(rng, _dims(rng)),)),
          Values(), weight=1.5, misconceptions=_D2V),
    Check("dictionary_to_vector.gradients", "dictionary_to_vector",
          lambda rng: Case((_dict(rng, _dims(rng), prefix="d"),)), Values(), weight=1, misconceptions=_D2V),
    Check("dictionary_to_vector.three_layers", "dictionary_to_vector", lambda rng: _deep_dict(rng, 3), Values(),
          weight=0.5, misconceptions=_D2V),
    Check("dictionary_to_vector.four_layer_gradients", "dictionary_to_vector",
          lambda rng: _deep_dict(rng, 4, prefix="d"), Values(), weight=0.5, misconceptions=_D2V),
    Check("dictionary_to_vector.inputs_unchanged", "dictionary_to_vector", lambda rng: _deep_dict(rng, 3),
          Unchanged(), weight=0.5, misconceptions=("inputs_mutated",)),
    Check("vector_to_dictionary.values", "vector_to_dictionary", _vector, Values(), weight=2,
          misconceptions=("flatten_order", "bias_shape", "transposed", "layer_missing")),
    Check("vector_to_dictionary.three_layers", "vector_to_dictionary", lambda rng: _vector(rng, layers=3), Values(),
          weight=0.5, misconceptions=_V2D_DEEP),
    Check("vector_to_dictionary.four_layers", "vector_to_dictionary", lambda rng: _vector(rng, layers=4), Values(),
          weight=0.5, misconceptions=_V2D_DEEP),
    Check("vector_to_dictionary.inputs_unchanged", "vector_to_dictionary", _vector, Unchanged(), weight=1,
          misconceptions=("inputs_mutated",)),
    Check("gradient_check.right_gradients", "gradient_check", _network, Property(_small_for_right_gradients),
          weight=2, provide=_GC_PROVIDE, misconceptions=("difference_quotient", "relative_difference_formula")),
    Check("gradient_check.wrong_gradients", "gradient_check", lambda rng: _network(rng, wrong=True),
          Values(rtol=1e-5, atol=1e-12), weight=2, provide=_GC_PROVIDE, misconceptions=_GC),
    Check("gradient_check.epsilon", "gradient_check",
          lambda rng: _network(rng, epsilon=_LARGE_EPSILON, slightly=True),
          Values(rtol=1e-4, atol=1e-12), weight=2, provide=_GC_PROVIDE, misconceptions=_GC),
    Check("gradient_check.parameters_unchanged", "gradient_check", _network,
          Unchanged(positions=(2,), atol=1e-10, misconception="params_not_restored"), weight=1,
          provide=_GC_PROVIDE, misconceptions=("params_not_restored",)),
    Check("gradient_check.inputs_unchanged", "gradient_check", _network,
          Unchanged(positions=(0, 1, 3), atol=1e-10), weight=1, provide=_GC_PROVIDE,
          misconceptions=("inputs_mutated",)),
]
