"""The misconceptions of notebook 2 (sigmoid, tanh, ReLU, leaky ReLU and their derivatives, softmax and its
Jacobian) and their twins, beside ``checks/activations.py``. ``_sig``, ``_softmax`` are shared with the later
topics' twins.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register

from autograder.checks.catalogue import _nonfinite
from autograder.reference.activations import relu as _relu


MISCONCEPTIONS = [
    # activations
    Misconception("sigmoid_exponent_sign", "sigmoid is 1 / (1 + exp(-z)): the exponent is -z"),
    Misconception("derivative_from_z", "the argument is already the activation a (a = sigmoid(z) or tanh(z)): "
                  "write the derivative with a directly (a * (1 - a), 1 - a**2) without applying the activation again"),
    Misconception("missing_square", "the derivative of tanh is 1 - a**2: square the activation"),
    Misconception("sigmoid_formula", "sigmoid is 1 / (1 + np.exp(-z)): one plus the exponential of -z, "
                  "under a 1"),
    Misconception("tanh_derivative_formula", "the derivative of tanh written with its output a is 1 - a**2"),
    Misconception("kink_moved", "the kink of ReLU is at z = 0: compare z with 0, not with another number"),
    Misconception("sigmoid_derivative_formula", "the derivative of sigmoid written with its output a is "
                  "a * (1 - a): one factor a and one factor (1 - a), neither squared"),
    Misconception("relu_derivative_sign", "np.sign(z) is -1 where z < 0, but the slope of ReLU there is 0: "
                  "use (z > 0).astype(float)"),
    Misconception("relu_returns_mask", "relu returns max(0, z) itself, not the 0/1 mask (that is its derivative)"),
    Misconception("relu_min_max", "relu keeps the positive part: np.maximum(0, z), not np.minimum"),
    Misconception("derivative_is_function", "return the derivative (the slope: 1 where z > 0), not the "
                  "activation itself"),
    Misconception("relu_mask_inverted", "the derivative is 1 where z > 0 and 0 where z < 0; your mask is the "
                  "other way round"),
    Misconception("alpha_ignored", "use the `alpha` argument instead of a fixed slope 0.01"),
    Misconception("leaky_branches_swapped", "leaky ReLU keeps z where z > 0 and multiplies by alpha where z <= 0; "
                  "your two branches are swapped"),
    Misconception("leaky_slope_missing", "where z < 0 the slope of leaky ReLU is alpha, not 0"),
    Misconception("softmax_overflow", "for large logits the result holds nan or inf: subtract each column's "
                  "maximum (np.max(z, axis=0, keepdims=True)) before np.exp, so that every exponent is at most 0 "
                  "and the largest is exactly 0", _nonfinite),
    Misconception("softmax_global_max", "one maximum for the whole matrix was subtracted (np.max without axis): a "
                  "column whose logits lie far below it underflows to 0 / 0; subtract each column's own maximum, "
                  "np.max(z, axis=0, keepdims=True)"),
    Misconception("softmax_shift_not_max", "the number subtracted before np.exp must be each column's maximum: "
                  "after subtracting the mean or the minimum, a column whose logits spread over thousands still "
                  "overflows; use np.max(z, axis=0, keepdims=True)"),
    Misconception("softmax_wrong_axis", "examples are columns, so each column must sum to 1: use axis=0 "
                  "(with keepdims=True) for the max and the sum"),
    Misconception("softmax_sum_all", "normalise each column separately: sum over axis=0 with keepdims=True, "
                  "not over the whole array"),
    Misconception("jacobian_outer_sign", "the softmax Jacobian is diag(a) - outer(a, a): the outer product is "
                  "subtracted"),
    Misconception("jacobian_diagonal_only", "the off-diagonal entries -a_i a_j are missing: "
                  "J = np.diag(a) - np.outer(a, a)"),
    Misconception("jacobian_outer_missing", "a a^T must be an outer product (a (K, K) matrix) for a of shape (K,) "
                  "too: use np.outer(a, a) or reshape a to a column first"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _sig(z):
    """sigmoid as students write it, 1 / (1 + exp(-z)): the twins' numbers are those of that formula (the
    reference's ``sigmoid`` is written to never overflow and differs from it in the last bits)."""
    return 1 / (1 + np.exp(-z))


def _softmax(z, axis=0, all_=False, shift="max", shift_all=False, sum_all=None, shift_axis=None):
    """A softmax over ``axis`` (or the whole array with ``all_``) with one slip: ``shift`` "max", "mean" or "min"
    of each column (of the whole array with ``shift_all``, over ``shift_axis`` if given), the sum over the whole
    array with ``sum_all``."""
    over = None if all_ else axis
    shift_over = None if shift_all else over if shift_axis is None else shift_axis
    e = np.exp(z - getattr(np, shift)(z, axis=shift_over, keepdims=True))
    return e / np.sum(e, axis=None if (all_ if sum_all is None else sum_all) else axis, keepdims=True)


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("sigmoid", "sigmoid_exponent_sign"): (lambda z: 1 / (1 + np.exp(z)),),
    ("sigmoid", "sigmoid_formula"): (
        lambda z: 1 / (1 - np.exp(-z)), lambda z: 1 + np.exp(-z), lambda z: 1 / np.exp(-z),
        lambda z: 1 / (2 + np.exp(-z)),
        lambda z: np.exp(-z) / (1 + np.exp(-z)), lambda z: 1 / (1 + np.exp(-z)) ** 2, lambda z: 2 / (1 + np.exp(-z)),
    ),
    ("sigmoid_derivative", "derivative_from_z"): (lambda a: _sig(a) * (1 - _sig(a)),),
    ("sigmoid_derivative", "sigmoid_derivative_formula"): (
        lambda a: a * (1 - a) ** 2, lambda a: (1 - a) ** 2, lambda a: a**2 * (1 - a), lambda a: a * (1 + a),
        lambda a: a - a * a * a, lambda a: 1 - a, lambda a: a * (2 - a), lambda a: -a * a, lambda a: a / (1 - a),
    ),
    ("tanh_derivative", "derivative_from_z"): (lambda a: 1 - np.tanh(a) ** 2,),
    ("tanh_derivative", "missing_square"): (lambda a: 1 - a, lambda a: 1 - 2 * a),
    ("tanh_derivative", "tanh_derivative_formula"): (
        lambda a: 1 - a**3, lambda a: 1 + a**2, lambda a: 2 - a**2, lambda a: a**2 - 1, lambda a: -a**2,
    ),
    ("relu", "relu_returns_mask"): (lambda z: (z > 0).astype(float),),
    ("relu", "relu_min_max"): (lambda z: np.minimum(0, z),),
    ("relu", "kink_moved"): (lambda z: np.maximum(1, z), lambda z: np.maximum(-1, z)),
    ("relu_derivative", "kink_moved"): (lambda z: (z > 1).astype(float), lambda z: (z > -1).astype(float)),
    ("leaky_relu", "kink_moved"): (lambda z, alpha=0.01: np.where(z > 1, z, alpha * z),
                                   lambda z, alpha=0.01: np.where(z > -1, z, alpha * z)),
    ("leaky_relu_derivative", "kink_moved"): (lambda z, alpha=0.01: np.where(z > 1, 1.0, alpha),
                                              lambda z, alpha=0.01: np.where(z > -1, 1.0, alpha)),
    ("leaky_relu_derivative", "leaky_branches_swapped"): (lambda z, alpha=0.01: np.where(z > 0, alpha, 1.0),
                                                         lambda z, alpha=0.01: np.where(z < 0, 1.0, alpha)),
    ("relu_derivative", "derivative_is_function"): (_relu,),
    ("relu_derivative", "relu_mask_inverted"): (lambda z: (z < 0).astype(float), lambda z: (z <= 0).astype(float)),
    ("relu_derivative", "relu_derivative_sign"): (np.sign,),
    ("leaky_relu", "alpha_ignored"): (lambda z, alpha=0.01: np.where(z > 0, z, 0.01 * z),),
    ("leaky_relu", "leaky_branches_swapped"): (lambda z, alpha=0.01: np.where(z > 0, alpha * z, z),),
    ("leaky_relu", "leaky_slope_missing"): (lambda z, alpha=0.01: _relu(z),),
    ("leaky_relu_derivative", "alpha_ignored"): (lambda z, alpha=0.01: np.where(z > 0, 1.0, 0.01),),
    ("leaky_relu_derivative", "leaky_slope_missing"): (lambda z, alpha=0.01: (z > 0).astype(float),),
    ("leaky_relu_derivative", "derivative_is_function"): (lambda z, alpha=0.01: np.where(z > 0, z, alpha * z),),
    ("softmax", "softmax_wrong_axis"): (lambda z: _softmax(z, axis=1), lambda z: _softmax(z, shift_axis=1),
                                        lambda z: _softmax(z, axis=1, shift_axis=0)),
    ("softmax", "softmax_global_max"): (lambda z: _softmax(z, shift_all=True),),
    ("softmax", "softmax_shift_not_max"): tuple((lambda z, _s=s: _softmax(z, shift=_s)) for s in ("mean", "min")),
    ("softmax", "softmax_sum_all"): (
        lambda z: _softmax(z, all_=True),
        lambda z: np.exp(z - np.max(z, axis=0, keepdims=True)) / np.sum(np.exp(z - np.max(z, axis=0, keepdims=True))),
    ),
    ("softmax_jacobian", "jacobian_outer_sign"): (lambda a: np.diag(np.reshape(a, -1)) + np.outer(a, a),),
    ("softmax_jacobian", "jacobian_diagonal_only"): (lambda a: np.diag(np.reshape(a, -1) * (1 - np.reshape(a, -1))),),
    ("softmax_jacobian", "jacobian_outer_missing"): (
        lambda a: np.diag(np.reshape(a, -1)) - np.dot(np.reshape(a, -1), np.reshape(a, -1)),
        lambda a: np.diag(np.reshape(a, -1)) - np.reshape(a, -1) ** 2,
    ),
}


register(__name__, MISCONCEPTIONS, TWINS)
