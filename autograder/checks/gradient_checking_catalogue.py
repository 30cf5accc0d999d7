"""The misconceptions of notebook 5 (the numerical derivative, flattening the parameters, the gradient check, the
bug hunt and the corrected backward pass) and their twins, beside ``checks/gradient_checking.py``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register

from autograder.checks.catalogue import _flattened
from autograder.checks.network_catalogue import _cost_terms, _forward
from autograder.reference.gradient_checking import dictionary_to_vector, vector_to_dictionary


MISCONCEPTIONS = [
    # gradient checking
    Misconception("vector_shape", "return a column of shape (P, 1): reshape each array with .reshape(-1, 1)",
                  _flattened),
    Misconception("vector_slices", "each piece is theta[start:start + size], with size n_l * n_(l-1) for W<l> and "
                  "n_l for b<l>, start = 0 for W1 and moved on by each piece's size: one of your slices is off "
                  "by one"),
    Misconception("flatten_order", "flatten each array row by row (NumPy's default, order='C'), and reshape "
                  "back the same way"),
    Misconception("key_order", "stack the arrays in the order W1, b1, W2, b2, ... (layer by layer)"),
    Misconception("difference_quotient", "the centered difference is (J(theta + eps) - J(theta - eps)) / "
                  "(2 * eps): a difference of the two costs, divided by the whole 2 * eps"),
    Misconception("epsilon_not_doubled", "the centered difference (J(theta + eps) - J(theta - eps)) spans "
                  "2 eps: divide by 2 * epsilon, not epsilon"),
    Misconception("one_sided_difference", "use the centered difference (J(theta + eps) - J(theta - eps)) / "
                  "(2 eps), not a one-sided one"),
    Misconception("epsilon_ignored", "it gives the value of a fixed epsilon, not of the `epsilon` argument: "
                  "use the argument for the nudges"),
    Misconception("relative_difference_formula", "return ||g - g_approx|| / (||g|| + ||g_approx||)"),
    Misconception("gc_layer_dims", "layer_dims lists the layer sizes, the input's first: [W1.shape[1]] + "
                  "[W<l>.shape[0] for l = 1 .. L] (W<l> is (n_l, n_(l-1))), the sizes the vector was made from"),
    Misconception("gc_entries_skipped", "the loop nudges every entry of theta once, i = 0 .. P - 1: "
                  "for i in range(theta.shape[0])"),
    Misconception("squared_norms", "the relative difference uses norms, not squared norms: "
                  "np.linalg.norm(g - g_approx) / (np.linalg.norm(g) + np.linalg.norm(g_approx))"),
    Misconception("vector_aliased", "copy theta before nudging it (theta_plus = np.copy(theta)): "
                  "theta_plus = theta makes both names the same array"),
    Misconception("params_not_restored", "it left the parameters changed: nudge a copy (or put every "
                  "entry back) so the caller's parameters are unchanged"),
    # notebook 5's warm-up and bug hunt
    Misconception("nd_sign", "the difference is f(x + epsilon) - f(x - epsilon), in that order: yours has "
                  "the opposite sign"),
    Misconception("nd_width", "the two points x - epsilon and x + epsilon are 2 * epsilon apart: divide the "
                  "difference by (2 * epsilon), no more, no less"),
    Misconception("nd_quotient", "divide by the whole 2 * epsilon, in parentheses: "
                  "(f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)"),
    Misconception("nd_one_sided", "use the centred difference (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon): "
                  "a one-sided difference from x has an error of order epsilon and sees one side of a kink only"),
    Misconception("nd_points", "evaluate f at x + epsilon and x - epsilon (not at x): "
                  "(f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)"),
    Misconception("nd_epsilon_ignored", "it gives the value of a fixed epsilon, not of the `epsilon` argument: "
                  "nudge x by the epsilon passed in"),
    Misconception("nd_default", "keep the default of the signature, epsilon=1e-5: called without epsilon it "
                  "must use 1e-5"),
    Misconception("bug_right_gradient_named", "backward_b's {name} is right: it agrees with the numerical "
                  "derivatives of the cost. Name the gradient that does not"),
    Misconception("bug_factor_inverted", "{got} is the right value divided by backward_b's: \"factor\" is "
                  "backward_b's value divided by the right one (wrong / right)"),
    Misconception("bug_factor_is_difference", "{got} is gradient_check's relative difference for backward_b, not "
                  "a factor: \"factor\" is backward_b's value of the wrong gradient divided by the right value, "
                  "entry by entry"),
    Misconception("bug_planted_kept", "your {output} is still backward_b's: the planted bug is in there. Find "
                  "it by comparing backward_b's gradients with numerical derivatives (section 5.5) and correct "
                  "that line"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _d2v(d, order="C", sort=False, as_given=False, layers=None, first=1, step=1):
    keys = [k for k in d if k.lstrip("d")[:1] in "Wb"]
    if sort:
        keys = sorted(keys)
    elif as_given:
        pass
    else:
        prefix = "d" if "dW1" in d else ""
        keys = [f"{prefix}{c}{l}" for l in range(first, (layers or len(keys) // 2) + 1, step) for c in "Wb"]
    return np.concatenate([np.reshape(d[k], (-1, 1), order=order) for k in keys])


def _v2d(theta, layer_dims, order="C", w=(0, 0), b=(0, 0), start=0):
    """vector_to_dictionary with one slip: ``w``, ``b`` move the W and b slices' bounds, ``start`` the first."""
    theta = np.reshape(theta, -1)
    out = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        out[f"W{l}"] = theta[start + w[0]:start + n * n_prev + w[1]].reshape((n, n_prev), order=order)
        start += n * n_prev
        out[f"b{l}"] = theta[start + b[0]:start + n + b[1]].reshape(n, 1)
        start += n
    return out


def _gc(X, Y, parameters, gradients, epsilon=1e-7, *, one_sided=False, aliased=False, formula=None,
        fixed_epsilon=None, halved=False, quotient=None, dims=None, first=0, stop=None):
    """gradient_check with one slip; ``dims(parameters, L)``: layer_dims made another way (the reference's
    vector_to_dictionary then fails as the student's call of it does); ``first``, ``stop``: the entries nudged."""
    eps = fixed_epsilon if fixed_epsilon is not None else epsilon
    L = len([k for k in parameters if k.startswith("W")])
    dims = dims(parameters, L) if dims else [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0]
                                                                           for l in range(1, L + 1)]

    def J(theta):
        A2, _ = _forward(X, vector_to_dictionary(theta, dims))
        return float(-np.sum(_cost_terms(A2, Y)) / Y.shape[1])

    theta, g = dictionary_to_vector(parameters), dictionary_to_vector(gradients)  # the reference's: no slip there
    approx = np.zeros_like(theta)
    J0 = J(theta) if one_sided else None
    for i in range(first, theta.shape[0] if stop is None else stop):
        if aliased:
            t = theta
            t[i] += eps
            Jp = J(t)
            t[i] -= eps
            Jm = J(t)
        else:
            tp, tm = theta.copy(), theta.copy()
            tp[i] += eps
            tm[i] -= eps
            Jp = J(tp)
            Jm = J0 if one_sided else J(tm)
        if quotient == "sum":
            approx[i] = (Jp + Jm) / (2 * eps)
        elif quotient == "times":
            approx[i] = (Jp - Jm) * (2 * eps)
        elif quotient == "precedence":
            approx[i] = (Jp - Jm) / 2 * eps
        elif quotient == "three":
            approx[i] = (Jp - Jm) / (3 * eps)
        elif quotient == "floor":
            approx[i] = (Jp - Jm) // (2 * eps)
        else:
            approx[i] = (Jp - Jm) / (eps if one_sided or halved else 2 * eps)
    num = np.linalg.norm(g - approx)
    if formula == "squared":
        return float(num**2 / (np.linalg.norm(g) ** 2 + np.linalg.norm(approx) ** 2))
    if formula == "squared_sum":
        return float(num**2 / (np.linalg.norm(g) + np.linalg.norm(approx)) ** 2)
    if formula == "squared_top":
        return float(num**2 / (np.linalg.norm(g) + np.linalg.norm(approx)))
    if formula == "by_g":
        return float(num / np.linalg.norm(g))
    if formula == "by_approx":
        return float(num / np.linalg.norm(approx))
    if formula == "norm_of_sum":
        return float(num / np.linalg.norm(g + approx))
    if formula == "product":
        return float(num * (np.linalg.norm(g) + np.linalg.norm(approx)))
    if formula == "absolute":
        return float(num)
    if formula == "sum_top":
        return float(np.linalg.norm(g + approx) / (np.linalg.norm(g) + np.linalg.norm(approx)))
    if formula == "difference_bottom":
        return float(num / (np.linalg.norm(g) - np.linalg.norm(approx)))
    return float(num / (np.linalg.norm(g) + np.linalg.norm(approx)))


# notebook 5's warm-up: wrong numerical_derivatives (their twins go through the check's driver, _run_twin)
def _nd_fixed(e):
    return lambda f, x, epsilon=1e-5: (f(x + e) - f(x - e)) / (2 * e)


def _nd_default_of(d):
    return lambda f, x, epsilon=d: (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)


# notebook 5's regression backward (backward_corrected) with one slip
def _bc(X, Y, p, c, *, planted=False, naive_fix=False, derivative=None, db_axis=(1, 1), keepdims=True,
        m_rows=False, a1_from_z1=False):
    m = X.shape[0 if m_rows else 1]
    dZ2 = c["A2"] - Y
    dW2 = dZ2 @ c["Z1" if a1_from_z1 else "A1"].T / m
    db2 = np.sum(dZ2, axis=db_axis[1], keepdims=keepdims) / m
    dZ1 = (p["W2"].T @ dZ2) * (derivative(c) if derivative else 1 - c["A1"] ** 2)
    dW1 = dZ1 @ X.T / m / (m if planted else 1)
    db1 = np.sum(dZ1, axis=db_axis[0], keepdims=keepdims) / m / (m if naive_fix else 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("dictionary_to_vector", "flatten_order"): (lambda d: _d2v(d, order="F"),),
    ("dictionary_to_vector", "key_order"): (lambda d: _d2v(d, sort=True), lambda d: _d2v(d, as_given=True)),
    ("dictionary_to_vector", "layers_hardcoded"): (lambda d: _d2v(d, layers=2),),
    ("dictionary_to_vector", "layers_skipped"): (lambda d: _d2v(d, first=2), lambda d: _d2v(d, step=2)),
    ("vector_to_dictionary", "flatten_order"): (lambda theta, dims: _v2d(theta, dims, order="F"),),
    ("vector_to_dictionary", "vector_slices"): tuple(
        (lambda theta, dims, _k=k: _v2d(theta, dims, **_k))
        for k in ({"start": 1}, *({part: d} for part in ("w", "b") for d in ((1, 0), (-1, 0), (0, 1), (0, -1))))),
    ("gradient_check", "difference_quotient"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _q=q: _gc(X, Y, p, g, epsilon, quotient=_q))
        for q in ("sum", "times", "precedence", "three", "floor")
    ),
    ("gradient_check", "epsilon_not_doubled"): (
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, halved=True),
    ),
    ("gradient_check", "epsilon_ignored"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _e=e: _gc(X, Y, p, g, epsilon, fixed_epsilon=_e))
        for e in (1e-7, 1e-6, 1e-5, 1e-4)
    ),
    ("gradient_check", "squared_norms"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _f=f: _gc(X, Y, p, g, epsilon, formula=_f))
        for f in ("squared", "squared_sum", "squared_top")
    ),
    ("gradient_check", "gc_layer_dims"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _d=d: _gc(X, Y, p, g, epsilon, dims=_d)) for d in (
            lambda p, L: [p["W1"].shape[0]] + [p[f"W{l}"].shape[0] for l in range(1, L + 1)],
            lambda p, L: [p["W1"].shape[1]] + [p[f"W{l}"].shape[1] for l in range(1, L + 1)],
            lambda p, L: [p["W1"].shape[1]] + [p[f"W{l}"].shape[0] for l in range(2, L + 1)],
            lambda p, L: [p["W1"].shape[1]] + [p[f"W{l}"].shape[0] for l in range(1, L)],
            lambda p, L: [p[f"W{l}"].shape[0] for l in range(1, L + 1)])),
    ("gradient_check", "gc_entries_skipped"): (
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, first=1),
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, stop=1)),  # range(theta.shape[1]): one entry
    ("gradient_check", "one_sided_difference"): (
        lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, one_sided=True),
    ),
    ("gradient_check", "vector_aliased"): (lambda X, Y, p, g, epsilon=1e-7: _gc(X, Y, p, g, epsilon, aliased=True),),
    ("gradient_check", "relative_difference_formula"): tuple(
        (lambda X, Y, p, g, epsilon=1e-7, _f=f: _gc(X, Y, p, g, epsilon, formula=_f))
        for f in ("by_g", "by_approx", "norm_of_sum", "absolute", "product", "sum_top", "difference_bottom")
    ),
    ("numerical_derivative", "nd_sign"): (
        lambda f, x, epsilon=1e-5: (f(x - epsilon) - f(x + epsilon)) / (2 * epsilon),),
    ("numerical_derivative", "nd_width"): tuple(
        (lambda f, x, epsilon=1e-5, _k=k: (f(x + epsilon) - f(x - epsilon)) / (_k * epsilon))
        for k in (1, 4)),
    ("numerical_derivative", "nd_quotient"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x - epsilon)) / 2 * epsilon,
        lambda f, x, epsilon=1e-5: f(x + epsilon) - f(x - epsilon) / (2 * epsilon),),
    ("numerical_derivative", "nd_one_sided"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x)) / epsilon,
        lambda f, x, epsilon=1e-5: (f(x) - f(x - epsilon)) / epsilon,),
    ("numerical_derivative", "nd_points"): (
        lambda f, x, epsilon=1e-5: (f(x + epsilon) - f(x)) / (2 * epsilon),
        lambda f, x, epsilon=1e-5: (f(x) - f(x - epsilon)) / (2 * epsilon),),
    ("numerical_derivative", "nd_epsilon_ignored"): tuple(
        _nd_fixed(e) for e in (1e-5, 1e-4, 1e-6, 1e-7, 1e-3, 1e-8)),
    ("numerical_derivative", "nd_default"): tuple(
        _nd_default_of(d) for d in (1e-4, 1e-6, 1e-7, 1e-3, 1e-8)),
    ("backward_corrected", "bug_planted_kept"): (
        lambda X, Y, p, c: _bc(X, Y, p, c, planted=True),
        lambda X, Y, p, c: _bc(X, Y, p, c, planted=True, naive_fix=True),),
    ("backward_corrected", "missing_square"): (lambda X, Y, p, c: _bc(X, Y, p, c, derivative=lambda c: 1 - c["A1"]),),
    ("backward_corrected", "tanh_derivative_formula"): tuple(
        (lambda X, Y, p, c, _d=d: _bc(X, Y, p, c, derivative=_d)) for d in (
            lambda c: 1 - c["Z1"] ** 2, lambda c: 1 + c["A1"] ** 2, lambda c: 1 - c["A1"] ** 3,
            lambda c: c["A1"] ** 2 - 1, lambda c: 2 - c["A1"] ** 2, lambda c: -c["A1"] ** 2)),
    ("backward_corrected", "m_from_features"): (lambda X, Y, p, c: _bc(X, Y, p, c, m_rows=True),),
    ("backward_corrected", "a1_from_z1"): (lambda X, Y, p, c: _bc(X, Y, p, c, a1_from_z1=True),),
    ("backward_corrected", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=a: _bc(X, Y, p, c, db_axis=_a)) for a in ((0, 0), (0, 1), (1, 0), (2, 1), (1, 2))),
}


register(__name__, MISCONCEPTIONS, TWINS, rtol={("gradient_check", "epsilon_ignored"): 1e-3})
