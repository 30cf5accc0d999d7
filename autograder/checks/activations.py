"""Checks of notebook 02_activations: the activations, their derivatives, softmax and its Jacobian.

Inputs are non-square arrays away from ReLU's kink, but for two entries exactly 0 in the checks of the ReLU
derivatives (either slope is accepted there, as the contract says); softmax is also checked on logits of +-1000, and
the in-place versions of relu and softmax (which would change the caller's Z) are caught by
``inputs_unchanged``.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.engine import Case, Check
from autograder.checks.kinds import Unchanged, Values
from autograder.checks.inputs import away_from_zero, distinct_sizes


def _shape(rng):
    return tuple(distinct_sizes(rng, (3, 6), (7, 11)))


def _z(rng, low=0.05, high=3.0):
    return away_from_zero(rng, _shape(rng), low, high)


def _z_kink(rng):
    """Like ``_z`` but with two entries exactly 0, where the contract accepts either slope (see ``_either_at_0``)."""
    z = _z(rng)
    z.reshape(-1)[rng.permutation(z.size)[:2]] = 0.0
    return z


def _either_at_0(trial):
    """The derivative with the other convention at exactly 0: slope 1 there (z >= 0), which the contract accepts."""
    z, alpha = trial.case.args[0], trial.case.kwargs.get("alpha", 0.01)
    return np.where(z >= 0, 1.0, 0.0 if trial.check.function == "relu_derivative" else alpha)


def _alpha(rng):
    return float(rng.uniform(0.05, 0.3))


def _logits(rng):
    return rng.normal(0, 3, _shape(rng))


def _extreme_logits(rng):
    z = rng.normal(0, 3, _shape(rng))
    z += rng.choice([-1000.0, 1000.0], size=(1, z.shape[1]))  # whole columns near +-1000
    z[0, 0] += 2000.0  # and one logit far above its column
    return z


def _softmax_output(rng, column):
    K = int(rng.integers(3, 7))
    z = rng.normal(0, 1.5, K)
    a = np.exp(z - z.max())
    a /= a.sum()
    return a.reshape(K, 1) if column else a


_LEAKY = ("alpha_ignored", "leaky_branches_swapped", "leaky_slope_missing", "derivative_is_function", "kink_moved")
_SOFTMAX = ("softmax_global_max", "softmax_shift_not_max", "softmax_wrong_axis", "softmax_sum_all", "softmax_overflow")
_JACOBIAN = ("jacobian_diagonal_only", "jacobian_outer_missing", "jacobian_outer_sign", "sign_flipped", "transposed")

def _unchanged(function, inputs, **kw):
    """Every function leaves its argument alone (only update_parameters may work in place)."""
    return Check(f"{function}.inputs_unchanged", function, inputs, Unchanged(), misconceptions=("inputs_mutated",),
                 **kw)


def _sigmoid_input(rng):
    return Case((rng.uniform(-12, 12, _shape(rng)),))


def _sigmoid_output(rng):
    return Case((rng.uniform(0.02, 0.98, _shape(rng)),))


def _tanh_output(rng):
    return Case((rng.uniform(-0.98, 0.98, _shape(rng)),))


def _one_column(rng):
    return Case((rng.normal(0, 3, (int(rng.integers(3, 7)), 1)),))


CHECKS = [
    Check("sigmoid.values", "sigmoid", _sigmoid_input, Values(), weight=3,
          misconceptions=("sigmoid_exponent_sign", "sigmoid_formula")),
    _unchanged("sigmoid", _sigmoid_input),
    Check("sigmoid_derivative.values", "sigmoid_derivative", _sigmoid_output, Values(), weight=3,
          misconceptions=("derivative_from_z", "sigmoid_derivative_formula", "sign_flipped")),
    _unchanged("sigmoid_derivative", _sigmoid_output),
    Check("tanh_derivative.values", "tanh_derivative", _tanh_output, Values(), weight=3,
          misconceptions=("derivative_from_z", "missing_square", "tanh_derivative_formula", "sign_flipped")),
    _unchanged("tanh_derivative", _tanh_output),
    Check("relu.values", "relu", lambda rng: Case((_z(rng),)), Values(), weight=3,
          misconceptions=("relu_returns_mask", "relu_min_max", "kink_moved")),
    Check("relu.inputs_unchanged", "relu", lambda rng: Case((_z(rng),)), Unchanged(), weight=1,
          misconceptions=("inputs_mutated",)),
    Check("relu_derivative.values", "relu_derivative", lambda rng: Case((_z_kink(rng),)),
          Values(also=_either_at_0), weight=3,
          misconceptions=("derivative_is_function", "relu_mask_inverted", "relu_derivative_sign", "kink_moved")),
    _unchanged("relu_derivative", lambda rng: Case((_z(rng),))),
    Check("leaky_relu.values", "leaky_relu", lambda rng: Case((_z(rng),)), Values(), weight=1.5,
          misconceptions=_LEAKY),
    Check("leaky_relu.alpha", "leaky_relu", lambda rng: Case((_z(rng),), {"alpha": _alpha(rng)}), Values(),
          weight=1.5, misconceptions=_LEAKY),
    Check("leaky_relu.inputs_unchanged", "leaky_relu", lambda rng: Case((_z(rng),)), Unchanged(),
          misconceptions=("inputs_mutated",)),
    Check("leaky_relu_derivative.values", "leaky_relu_derivative", lambda rng: Case((_z_kink(rng),)),
          Values(also=_either_at_0), weight=1.5, misconceptions=_LEAKY),
    Check("leaky_relu_derivative.alpha", "leaky_relu_derivative",
          lambda rng: Case((_z_kink(rng),), {"alpha": _alpha(rng)}), Values(also=_either_at_0), weight=2,
          misconceptions=_LEAKY),
    _unchanged("leaky_relu_derivative", lambda rng: Case((_z(rng),)), weight=0.5),
    Check("softmax.values", "softmax", lambda rng: Case((_logits(rng),)), Values(), weight=2,
          misconceptions=_SOFTMAX),
    Check("softmax.extreme_logits", "softmax", lambda rng: Case((_extreme_logits(rng),)), Values(), weight=1,
          misconceptions=_SOFTMAX),
    Check("softmax.one_column", "softmax", _one_column, Values(), weight=0.5, misconceptions=_SOFTMAX),
    Check("softmax.inputs_unchanged", "softmax", lambda rng: Case((_logits(rng),)), Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
    Check("softmax_jacobian.values", "softmax_jacobian", lambda rng: Case((_softmax_output(rng, False),)),
          Values(), weight=2.5, misconceptions=_JACOBIAN),
    Check("softmax_jacobian.column_input", "softmax_jacobian", lambda rng: Case((_softmax_output(rng, True),)),
          Values(), weight=1, misconceptions=_JACOBIAN),
    _unchanged("softmax_jacobian", lambda rng: Case((_softmax_output(rng, True),)), weight=0.5),
]
