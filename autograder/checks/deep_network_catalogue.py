"""The misconceptions of notebook 6 (the L-layer network's blocks, He initialisation, L2 regularisation, the
layers' gradient norms) and their twins, beside ``checks/deep_network.py``. Many twins lift notebook 2's and 3's
wrong formulas to the deep network's blocks.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register

from autograder.checks.catalogue import _nonfinite
from autograder.checks.activations_catalogue import TWINS as _ACTIVATION_TWINS, _relu, _sig
from autograder.checks.network_catalogue import TWINS as _NETWORK_TWINS, _cost_terms
from autograder.reference.activations import relu_derivative, sigmoid_derivative, tanh_derivative


MISCONCEPTIONS = [
    # the deep network (notebook 6)
    Misconception("linear_cache_order", "the linear cache is the tuple (A_prev, W, b), in that order: the "
                  "backward pass unpacks it so"),
    Misconception("dA_prev_averaged", "dA_prev = W.T @ dZ carries no 1/m: the 1/m of the mean belongs in dW and "
                  "db only, dA_prev keeps one per-example gradient per column for the layer below"),
    Misconception("returns_z", "the first value returned is the activation A = g(Z), not Z"),
    Misconception("activation_mixed_up", "the `activation` argument names g: \"relu\" is np.maximum(0, Z), "
                  "\"tanh\" np.tanh(Z), \"sigmoid\" 1 / (1 + np.exp(-Z))"),
    Misconception("activation_cache_holds_a", "the activation cache is (linear_cache, Z): store the "
                  "pre-activation Z (the backward pass evaluates g' at Z), not A"),
    Misconception("activation_cache_order", "the activation cache is (linear_cache, Z), in that order"),
    Misconception("derivative_missing", "dZ = dA * g'(Z): multiply the upstream dA by the derivative of the "
                  "activation at Z before the linear step"),
    Misconception("activation_not_derivative", "dZ = dA * g'(Z) uses the derivative g', not the activation g "
                  "itself"),
    Misconception("derivative_of_z_as_a", "the cache holds Z, not A = g(Z): a derivative written with a "
                  "(1 - a**2 for tanh, a * (1 - a) for sigmoid) needs a = g(Z) first, e.g. 1 - np.tanh(Z)**2"),
    Misconception("relu_slope_at_zero", "where Z is exactly 0 the ReLU slope must be 0 (the mask Z > 0) or 1 "
                  "(Z >= 0), not another number: a mask of booleans or of 0.0 and 1.0, e.g. dA * (Z > 0)"),
    Misconception("derivative_mixed_up", "each activation has its own derivative: relu (Z > 0), tanh "
                  "1 - np.tanh(Z)**2, sigmoid s * (1 - s) with s = 1 / (1 + np.exp(-Z))"),
    Misconception("he_too_large", "the weights are too large: W{layer} has root mean square {rms:.3g} where He "
                  "gives sqrt(2 / n_prev) = {he:.3g}; multiply standard normal numbers by np.sqrt(2 / layer_dims[l - 1])"),
    Misconception("he_too_small", "the weights are too small: W{layer} has root mean square {rms:.3g} where He "
                  "gives sqrt(2 / n_prev) = {he:.3g}; multiply standard normal numbers by np.sqrt(2 / layer_dims[l - 1])"),
    Misconception("he_xavier_scale", "every W<l> has the scale sqrt(1 / n_prev) (Xavier's): He initialisation, "
                  "made for ReLU layers, uses sqrt(2 / n_prev)"),
    Misconception("he_fan_out", "every W<l> is scaled by sqrt(2 / n_l), the layer's own width: He uses the width "
                  "of the previous layer, sqrt(2 / layer_dims[l - 1])"),
    Misconception("deep_output_activation", "the output layer L uses sigmoid (forward) and its derivative "
                  "(backward); only layers 1 .. L-1 use hidden_activation"),
    Misconception("hidden_activation_ignored", "use the hidden_activation argument for layers 1 .. L-1 instead of a "
                  "fixed activation"),
    Misconception("deep_caches_reversed", "caches[l - 1] is layer l's cache: append each layer's cache as the "
                  "loop goes, layer 1 first, and do not reverse the list (L_model_backward walks it backwards)"),
    Misconception("activation_twice", "the activation is applied once per layer: A = g(Z); activation_forward "
                  "already applies it, so do not apply g again to its result"),
    Misconception("deep_output_derivative_twice", "AL - Y is already dZ of the output layer (the sigmoid's "
                  "derivative is in it): hand it to linear_backward, or hand dAL = -(Y / AL - (1 - Y) / (1 - AL)) "
                  "to activation_backward with \"sigmoid\", not AL - Y"),
    Misconception("deep_caches_incomplete", "caches holds one cache per layer, L in all, the output layer's too"),
    Misconception("l2_missing", "lambd has no effect: add (lambd / (2 m)) times the sum of the squared entries "
                  "of every W<l>"),
    Misconception("l2_not_halved", "the L2 term is twice too large: the penalty is (lambd / (2 m)) * sum of "
                  "||W<l>||^2 (its gradient is then (lambd / m) * W<l>)"),
    Misconception("l2_biases_included", "the L2 penalty covers the weights W<l> only, not the biases"),
    Misconception("l2_not_averaged", "the L2 term is divided by m too: (lambd / (2 m)) * sum of ||W<l>||^2"),
    Misconception("l2_unscaled", "the L2 term is (lambd / (2 m)) times the sum of the squared weights: yours "
                  "lacks the division by 2 m"),
    Misconception("l2_not_squared", "the L2 penalty sums the squares of the weights, np.sum(np.square(W<l>)), "
                  "not another power of them"),
    Misconception("l2_mean_of_squares", "the L2 penalty sums the squared entries of each W<l>, np.sum(np.square(W<l>)) "
                  "(the squared Frobenius norm): yours averages them (np.mean)"),
    Misconception("deep_layers_skipped", "the loop runs over every layer, l = 1 .. L with L = len(parameters) // 2 "
                  "(range(1, L + 1)): yours stops before the output layer and returns a hidden layer's activation"),
    Misconception("l2_subtracted", "the L2 term is added: + (lambd / (2 m)) * sum of ||W<l>||^2 to the cost, "
                  "+ (lambd / m) * W<l> to dW<l>"),
    Misconception("dAL_formula", "the gradient of the cross-entropy with respect to the output is "
                  "dAL = -(Y / AL - (1 - Y) / (1 - AL)): check each term and sign against it"),
    Misconception("l2_cross_entropy_summed", "the cross-entropy part is the mean over the m examples, "
                  "-(1/m) * sum(Y log AL + (1 - Y) log(1 - AL)): yours is the sum"),
    Misconception("l2_cross_entropy_scaled", "the L2 term is right but the cross-entropy part is off by a factor "
                  "(its sign, m or 1/m): it is -(1/m) * sum(Y * log(AL) + (1 - Y) * log(1 - AL)), divided by m once"),
    Misconception("m_from_rows", "the number of examples m is the number of columns, m = Y.shape[1] (or "
                  "AL.shape[1]); yours is the number of rows"),
    Misconception("l2_layer_missing", "the L2 penalty sums over every layer's W<l>, l = 1 .. L = len(parameters) // 2"),
    Misconception("l2_scale_formula", "the L2 term is the sum of the squared weights times lambd / (2 * m): check "
                  "each operation of your factor against it (your sum of squares and your cross-entropy are right)"),
    Misconception("l2_gradient_missing", "with lambd > 0 each dW<l> gains the L2 term (lambd / m) * W<l>"),
    Misconception("l2_gradient_doubled", "the L2 term of dW<l> is (lambd / m) * W<l>, the derivative of "
                  "(lambd / (2 m)) ||W<l>||^2: not twice that"),
    Misconception("l2_gradient_halved", "the L2 term of dW<l> is (lambd / m) * W<l>: the 1/2 of the penalty "
                  "cancels with the 2 of the square's derivative"),
    Misconception("l2_gradient_biases", "the biases are not penalised: db<l> gets no L2 term"),
    Misconception("l2_gradient_not_averaged", "the L2 term of dW<l> is divided by m: (lambd / m) * W<l>"),
    # notebook 6's layer_gradient_norms
    Misconception("norms_output_saturates", "your {output} has nan or inf where the sigmoid output is exactly 0 or "
                  "1: start the backward pass from dZ<L> = AL - Y (linear_backward for layer L), not from "
                  "dAL = -(Y / AL - (1 - Y) / (1 - AL)), which divides by zero there",
                  lambda ev: _nonfinite(ev) and bool(ev.trial.case.context.get("saturated"))),
    Misconception("norms_reversed", "your {output} lists the layers from the last to the first: entry l - 1 is "
                  "||dW<l>||, layer 1 (next to the input) first"),
    Misconception("norms_of_db", "your {output} holds the norms of the bias gradients db<l>: measure the weight "
                  "gradients dW<l>"),
    Misconception("norms_squared", "your {output} holds squared norms: the Frobenius norm is the square root of "
                  "the sum of squares (np.linalg.norm(dW))"),
    Misconception("norms_output_layer_missing", "your {output} leaves out the output layer L: return L norms, "
                  "one for every W<l>, l = 1 .. L"),
    Misconception("norms_loop_bounds", "the backward loop after the output layer visits every hidden layer once, "
                  "from the top down: for l in range(L - 1, 0, -1), l = L - 1, ..., 1; yours stops early, starts at "
                  "the wrong layer or steps the wrong way"),
    Misconception("norms_index_off", "layer l's norm goes to entry l - 1 (numpy counts from 0): norms[L - 1] for "
                  "the output layer, norms[l - 1] in the loop"),
    Misconception("norms_cache_index", "layer l's cache is caches[l - 1] (lists count from 0): caches[L - 1] for "
                  "the output layer, caches[l - 1] in the loop"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


_DN_G = {"relu": _relu, "tanh": np.tanh, "sigmoid": _sig}
# the derivatives are the reference's (of notebook 2), evaluated at Z; the sigmoid is the twins' textbook one
_DN_DG = {"relu": relu_derivative, "tanh": lambda Z: tanh_derivative(np.tanh(Z)),
          "sigmoid": lambda Z: sigmoid_derivative(_sig(Z))}


def _dn_linear_backward(dZ, cache, *, m_rows=False, db_axis=1, avg_dA=False):
    A_prev, W, _ = cache
    m = A_prev.shape[0] if m_rows else A_prev.shape[1]
    dA_prev = W.T @ dZ / (m if avg_dA else 1)
    return dA_prev, dZ @ A_prev.T / m, np.sum(dZ, axis=db_axis, keepdims=True) / m


def _dn_activation_backward(dA, cache, derivative, *, recompute=False, **linear):
    (A_prev, W, b), Z = cache
    if recompute:
        Z = W @ A_prev + b
    return _dn_linear_backward(dA * derivative(Z), (A_prev, W, b), **linear)


def _dn_forward(X, p, hidden, output="sigmoid", bias=True, reverse=False, twice=False, layers=None):
    """``layers``: the loop stops after that many layers (all of them hidden ones, as l < L decides)."""
    L = len(p) // 2
    if layers is not None and layers >= L:
        raise ValueError("no twin: the loop stops before the output layer only when layers < L")
    A, caches = X, []
    for l in range(1, (layers or L) + 1):
        W, b = p[f"W{l}"], p[f"b{l}"]
        Z = W @ A + (b if bias else 0)
        caches.append(((A, W, b), Z))
        g = _DN_G[hidden if l < L else output]
        A = g(g(Z)) if twice and l < L else g(Z)
    return A, caches[::-1] if reverse else caches


def _dn_cost(AL, Y, p, lambd, *, half=True, biases=False, per_m=True, layers="all", square=np.square,
             ce_mean=True, m=None, ce_factor=1.0, scale=None):
    m = Y.shape[1] if m is None else m
    L = len(p) // 2
    chosen = {"all": range(1, L + 1), "first": range(1, L), "last": range(L, L + 1), "two": range(1, min(L, 2) + 1)}
    names = [f"W{l}" for l in chosen[layers]] + ([f"b{l}" for l in range(1, L + 1)] if biases else [])
    total = sum(np.sum(square(p[n])) for n in names)
    penalty = scale(total, lambd, m) if scale else total * lambd * (0.5 if half else 1.0) / (m if per_m else 1)
    return float(-ce_factor * np.sum(_cost_terms(AL, Y)) / (m if ce_mean else 1) + penalty)


def _dn_l2(Y, p, lambd):
    """The right L2 penalty (lambd / (2 m)) * sum_l ||W<l>||^2."""
    return lambd / (2 * Y.shape[1]) * sum(np.sum(np.square(p[f"W{l}"])) for l in range(1, len(p) // 2 + 1))


def _dn_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None, *, output="sigmoid",
                 fixed_hidden=None, l2=1.0, l2_biases=False, l2_per_m=True, dAL_is_dZ=False, dAL=None):
    """dW<l>, db<l> only (the dA<l> a student may leave out)."""
    hidden = fixed_hidden or hidden_activation
    L, m = len(caches), AL.shape[1]
    grads, dA = {}, (AL - Y) if dAL_is_dZ else dAL(AL, Y) if dAL else -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        act = (hidden if output == "hidden" else output) if l == L else hidden
        dA, dW, db = _dn_activation_backward(dA, caches[l - 1], _DN_DG[act])
        W, b = caches[l - 1][0][1], caches[l - 1][0][2]
        scale = lambd / (m if l2_per_m else 1)
        grads[f"dW{l}"] = dW + l2 * scale * W
        grads[f"db{l}"] = db + (scale * b if l2_biases else 0)
    return grads


def _dn_norms(X, Y, p, hidden_activation="relu", *, fixed_hidden=None, output_derivative=False, part="dW",
              squared=False, reverse=False, drop_last=False):
    """layer_gradient_norms with one slip: a fixed hidden activation, the sigmoid's derivative applied to AL - Y
    again, the norms of db, squared norms, the list reversed or without the output layer."""
    hidden = fixed_hidden or hidden_activation
    AL, caches = _dn_forward(X, p, hidden)
    dZ = AL - Y
    if output_derivative:
        dZ = dZ * AL * (1 - AL)
    norms = []
    dA, dW, db = _dn_linear_backward(dZ, caches[-1][0])
    norms.append(dW if part == "dW" else db)
    for l in range(len(caches) - 1, 0, -1):
        dA, dW, db = _dn_activation_backward(dA, caches[l - 1], _DN_DG[hidden])
        norms.append(dW if part == "dW" else db)
    out = np.array([np.linalg.norm(g) ** (2 if squared else 1) for g in norms[::-1]])
    if drop_last:
        out = out[:-1]
    return out[::-1] if reverse else out


def _dn_norms_loop(X, Y, p, hidden_activation="relu", *, top=lambda L: L - 1, loop=lambda L: range(L - 1, 0, -1),
                   index=lambda l: l - 1, top_cache=lambda L: L - 1, cache=lambda l: l - 1):
    """layer_gradient_norms written as the notebook's loop, with one index written differently: ``top(L)`` (the
    output layer's entry), ``loop(L)`` (the layers the backward loop visits), ``index(l)`` (a hidden layer's entry),
    ``top_cache(L)``, ``cache(l)`` (the position of the output layer's cache, of a hidden layer's). It fails as such a loop does (an IndexError, a
    shape that does not fit), which the error twins compare with the student's own error."""
    AL, caches = _dn_forward(X, p, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, _ = _dn_linear_backward(AL - Y, caches[top_cache(L)][0])
    norms[top(L)] = np.linalg.norm(dW)
    for l in loop(L):
        dA, dW, _ = _dn_activation_backward(dA, caches[cache(l)], _DN_DG[hidden_activation])
        norms[index(l)] = np.linalg.norm(dW)
    return norms


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("layer_gradient_norms", "norms_loop_bounds"): tuple(
        (lambda *a, _r=r, **k: _dn_norms_loop(*a, **k, loop=_r)) for r in (
            lambda L: range(L - 1, 1, -1), lambda L: range(L - 1, 0, 1), lambda L: range(L - 2, 0, -1),
            lambda L: range(L - 1, 0, -2), lambda L: range(L - 1, -1, -1), lambda L: range(L - 1, 0, 0),
            lambda L: range(L, 0, -1))),
    ("layer_gradient_norms", "norms_index_off"): tuple(
        (lambda *a, _t=t, _i=i, **k: _dn_norms_loop(*a, **k, top=_t, index=_i)) for t, i in (
            (lambda L: L - 2, lambda l: l - 1), (lambda L: L, lambda l: l - 1),
            (lambda L: L - 1, lambda l: l), (lambda L: L - 1, lambda l: l - 2), (lambda L: L - 1, lambda l: l + 1))),
    ("layer_gradient_norms", "norms_cache_index"): tuple(
        (lambda *a, _c=c, **k: _dn_norms_loop(*a, **k, **_c)) for c in (
            {"top_cache": lambda L: L - 2}, {"cache": lambda l: l - 2}, {"cache": lambda l: l})),
    ("linear_forward", "bias_missing"): (lambda A, W, b: (W @ A, (A, W, b)), lambda A, W, b: (W @ A - b, (A, W, b))),
    ("linear_forward", "linear_cache_order"): tuple(
        (lambda A, W, b, _o=o: (W @ A + b, tuple((A, W, b)[i] for i in _o)))
        for o in ((0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))),
    ("linear_backward", "dA_prev_averaged"): (
        lambda dZ, c: (c[1].T @ dZ / c[0].shape[1], *_dn_linear_backward(dZ, c)[1:]),),
    ("linear_backward", "m_from_features"): (lambda dZ, c: _dn_linear_backward(dZ, c, m_rows=True),),
    ("linear_backward", "bias_sum_axis"): tuple(
        (lambda dZ, c, _a=a: _dn_linear_backward(dZ, c, db_axis=_a)) for a in (0, 2)),
    ("activation_forward", "returns_z"): (lambda A, W, b, act: (W @ A + b, ((A, W, b), W @ A + b)),),
    ("activation_forward", "activation_mixed_up"): tuple(
        (lambda A, W, b, act, _g=g: (_DN_G[_g](W @ A + b), ((A, W, b), W @ A + b))) for g in _DN_G),
    ("activation_forward", "relu_min_max"): (lambda A, W, b, act: (np.minimum(0, W @ A + b), ((A, W, b), W @ A + b)),),
    ("activation_forward", "sigmoid_exponent_sign"): (
        lambda A, W, b, act: (1 / (1 + np.exp(W @ A + b)), ((A, W, b), W @ A + b)),),
    ("activation_forward", "activation_cache_holds_a"): (
        lambda A, W, b, act: (_DN_G[act](W @ A + b), ((A, W, b), _DN_G[act](W @ A + b))),),
    ("activation_forward", "activation_cache_order"): (
        lambda A, W, b, act: (_DN_G[act](W @ A + b), (W @ A + b, (A, W, b))),),
    ("activation_forward", "bias_missing"): (
        lambda A, W, b, act: (_DN_G[act](W @ A), ((A, W, b), W @ A)),),
    ("activation_backward", "derivative_missing"): (lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: 1.0),),
    ("activation_backward", "activation_not_derivative"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_G[act]),),
    ("activation_backward", "derivative_of_z_as_a"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, {"tanh": lambda Z: 1 - Z**2,
                                                            "sigmoid": lambda Z: Z * (1 - Z)}.get(act, _DN_DG[act])),),
    ("activation_backward", "missing_square"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: 1 - np.tanh(Z)),),
    ("activation_backward", "relu_derivative_sign"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, np.sign if act == "relu" else _DN_DG[act]),),
    ("activation_backward", "relu_slope_at_zero"): tuple(
        (lambda dA, c, act, _d=d: _dn_activation_backward(dA, c, _d if act == "relu" else _DN_DG[act])) for d in (
            lambda Z: np.heaviside(Z, 0.5), lambda Z: np.where(Z > 0, 1.0, np.where(Z < 0, 0.0, np.nan)))),
    ("activation_backward", "derivative_mixed_up"): tuple(
        (lambda dA, c, act, _d=d: _dn_activation_backward(dA, c, _DN_DG[_d])) for d in _DN_DG),
    ("activation_backward", "cache_not_used"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], recompute=True),),
    ("activation_backward", "dA_prev_averaged"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], avg_dA=True),),
    ("activation_backward", "m_from_features"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, _DN_DG[act], m_rows=True),),
    ("activation_backward", "bias_sum_axis"): tuple(
        (lambda dA, c, act, _a=a: _dn_activation_backward(dA, c, _DN_DG[act], db_axis=_a)) for a in (0, 2)),
    ("L_model_forward", "deep_output_activation"): tuple(
        (lambda X, p, hidden_activation="relu", _o=o: _dn_forward(X, p, hidden_activation, _o or hidden_activation))
        for o in (None, "relu", "tanh")),
    ("L_model_forward", "hidden_activation_ignored"): tuple(
        (lambda X, p, hidden_activation="relu", _h=h: _dn_forward(X, p, _h)) for h in _DN_G),
    ("L_model_forward", "deep_caches_incomplete"): (
        lambda X, p, hidden_activation="relu": (_dn_forward(X, p, hidden_activation)[0],
                                                _dn_forward(X, p, hidden_activation)[1][:-1]),),
    ("L_model_forward", "deep_layers_skipped"): tuple(
        (lambda X, p, hidden_activation="relu", _k=k: _dn_forward(X, p, hidden_activation, layers=_k))
        for k in range(1, 5)),  # the loop stops after layer k < L
    ("L_model_forward", "deep_caches_reversed"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, reverse=True),),
    ("L_model_forward", "activation_twice"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, twice=True),),
    ("activation_forward", "activation_twice"): (
        lambda A, W, b, act: (_DN_G[act](_DN_G[act](W @ A + b)), ((A, W, b), W @ A + b)),),
    ("activation_backward", "sigmoid_derivative_formula"): (
        lambda dA, c, act: _dn_activation_backward(dA, c, lambda Z: (_sig(Z) * (1 - _sig(Z))) ** 2),),
    ("L_model_backward", "deep_output_derivative_twice"): (lambda *a, **k: _dn_backward(*a, **k, dAL_is_dZ=True),),
    ("compute_cost_l2", "l2_unscaled"): (
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, half=False, per_m=False),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, 1.0, half=False, per_m=False)),
    ("compute_cost_l2", "l2_not_squared"): tuple(
        (lambda AL, Y, p, lambd, _s=s: _dn_cost(AL, Y, p, lambd, square=_s))
        for s in (np.abs, lambda W: W, lambda W: W**3, lambda W: np.abs(W) ** 3)),
    ("compute_cost_l2", "l2_mean_of_squares"): (
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, square=lambda W: np.square(W) / W.size),),
    ("compute_cost_l2", "l2_subtracted"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, -lambd),),
    ("L_model_backward", "l2_subtracted"): (lambda *a, **k: _dn_backward(*a, **k, l2=-1.0),),
    ("L_model_backward", "dAL_formula"): tuple(
        (lambda *a, _d=d, **k: _dn_backward(*a, **k, dAL=_d)) for d in (
            lambda A, Y: -(Y / A - (2 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 - Y) / (2 - A)),
            lambda A, Y: -(Y / A - (0 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 - Y) / (0 - A)),
            lambda A, Y: -(Y / A + (1 - Y) / (1 - A)), lambda A, Y: -(Y / A - (1 + Y) / (1 - A)),
            lambda A, Y: -(Y / A - (1 - Y) / (1 + A)), lambda A, Y: -(Y * A - (1 - Y) / (1 - A)),
            lambda A, Y: -(Y / A - (1 - Y) * (1 - A)), lambda A, Y: Y / A - (1 - Y) / (1 - A))),
    ("compute_cost_l2", "l2_cross_entropy_summed"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, ce_mean=False),),
    ("compute_cost_l2", "l2_cross_entropy_scaled"): tuple(
        (lambda AL, Y, p, lambd, _f=f: _dn_cost(AL, Y, p, lambd, ce_factor=_f(Y.shape[1])))
        for f in (lambda m: -1.0, lambda m: 1.0 / m, lambda m: float(m * m))),
    ("compute_cost_l2", "l2_scale_formula"): tuple(
        (lambda AL, Y, p, lambd, _f=f: _dn_cost(AL, Y, p, lambd, scale=_f)) for f in (
            lambda s, lambd, m: s / lambd / (2 * m), lambda s, lambd, m: s * lambd / (3 * m),
            lambda s, lambd, m: s * lambd / (2 / m), lambda s, lambd, m: s * lambd * (2 * m),
            lambda s, lambd, m: s * lambd // (2 * m), lambda s, lambd, m: s * lambd / 2 * m)),
    ("compute_cost_l2", "m_from_rows"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, m=Y.shape[0]),),
    ("L_model_forward", "bias_missing"): (
        lambda X, p, hidden_activation="relu": _dn_forward(X, p, hidden_activation, bias=False),),
    ("compute_cost_l2", "l2_missing"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, 0.0),),
    ("compute_cost_l2", "l2_not_halved"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, half=False),),
    ("compute_cost_l2", "l2_biases_included"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, biases=True),),
    ("compute_cost_l2", "l2_not_averaged"): (lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, per_m=False),),
    ("compute_cost_l2", "l2_layer_missing"): (
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="first"),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="last"),
        lambda AL, Y, p, lambd: _dn_cost(AL, Y, p, lambd, layers="two"),
    ),
    ("L_model_backward", "deep_output_activation"): (lambda *a, **k: _dn_backward(*a, **k, output="hidden"),),
    ("L_model_backward", "hidden_activation_ignored"): tuple(
        (lambda *a, _h=h, **k: _dn_backward(*a, **k, fixed_hidden=_h)) for h in _DN_G),
    ("L_model_backward", "l2_gradient_missing"): (lambda *a, **k: _dn_backward(*a, **k, l2=0.0),),
    ("L_model_backward", "l2_gradient_doubled"): (lambda *a, **k: _dn_backward(*a, **k, l2=2.0),),
    ("L_model_backward", "l2_gradient_halved"): (lambda *a, **k: _dn_backward(*a, **k, l2=0.5),),
    ("L_model_backward", "l2_gradient_biases"): (lambda *a, **k: _dn_backward(*a, **k, l2_biases=True),),
    ("L_model_backward", "l2_gradient_not_averaged"): (lambda *a, **k: _dn_backward(*a, **k, l2_per_m=False),),
    ("layer_gradient_norms", "norms_reversed"): (lambda *a, **k: _dn_norms(*a, **k, reverse=True),),
    ("layer_gradient_norms", "norms_of_db"): (lambda *a, **k: _dn_norms(*a, **k, part="db"),),
    ("layer_gradient_norms", "norms_squared"): (lambda *a, **k: _dn_norms(*a, **k, squared=True),),
    ("layer_gradient_norms", "norms_output_layer_missing"): (lambda *a, **k: _dn_norms(*a, **k, drop_last=True),),
    ("layer_gradient_norms", "deep_output_activation"): (
        lambda *a, **k: _dn_norms(*a, **k, output_derivative=True),),
    ("layer_gradient_norms", "hidden_activation_ignored"): tuple(
        (lambda *a, _h=h, **k: _dn_norms(*a, **k, fixed_hidden=_h)) for h in _DN_G),
}

# compute_cost_l2's cross-entropy part, activation_forward's sigmoid and activation_backward's derivatives share
# their wrong formulas with notebook 2's and 3's functions: the same twins, lifted to the deep network's blocks.
for _mid in ("log_base", "cross_entropy_term_missing", "cross_entropy_formula"):
    TWINS[("compute_cost_l2", _mid)] = tuple(
        (lambda AL, Y, p, lambd, _f=f: _f(AL, Y) + _dn_l2(Y, p, lambd)) for f in _NETWORK_TWINS[("compute_cost", _mid)])
TWINS[("activation_forward", "sigmoid_formula")] = tuple(
    (lambda A, W, b, act, _f=f: ((_f if act == "sigmoid" else _DN_G[act])(W @ A + b), ((A, W, b), W @ A + b)))
    for f in _ACTIVATION_TWINS[("sigmoid", "sigmoid_formula")])


def _lifted_derivative(activation, of_a):
    """activation_backward with the derivative of ``activation`` written as ``of_a(g(Z))`` (a formula of notebook
    2 in terms of the activation's output), the other activations right."""
    def twin(dA, c, act):
        d = (lambda Z: of_a(_DN_G[act](Z))) if act == activation else _DN_DG[act]
        return _dn_activation_backward(dA, c, d)
    return twin


for _mid, _fn, _act in (("tanh_derivative_formula", "tanh_derivative", "tanh"), ("missing_square", "tanh_derivative", "tanh"),
                        ("sigmoid_derivative_formula", "sigmoid_derivative", "sigmoid")):
    TWINS[("activation_backward", _mid)] = TWINS.get(("activation_backward", _mid), ()) + tuple(
        _lifted_derivative(_act, f) for f in _ACTIVATION_TWINS[(_fn, _mid)])
TWINS[("activation_backward", "sigmoid_formula")] = tuple(
    (lambda dA, c, act, _h=h: _dn_activation_backward(
        dA, c, (lambda Z: _h(Z) * (1 - _h(Z))) if act == "sigmoid" else _DN_DG[act]))
    for h in _ACTIVATION_TWINS[("sigmoid", "sigmoid_formula")])
TWINS[("activation_backward", "kink_moved")] = tuple(
    (lambda dA, c, act, _k=k: _dn_activation_backward(dA, c, (lambda Z: (Z > _k).astype(float)) if act == "relu"
                                                      else _DN_DG[act])) for k in (1, -1))
TWINS[("activation_backward", "relu_mask_inverted")] = (
    lambda dA, c, act: _dn_activation_backward(dA, c, (lambda Z: (Z < 0).astype(float)) if act == "relu"
                                               else _DN_DG[act]),)
TWINS[("activation_forward", "kink_moved")] = tuple(
    (lambda A, W, b, act, _k=k: (((lambda Z: np.maximum(_k, Z)) if act == "relu" else _DN_G[act])(W @ A + b),
                                 ((A, W, b), W @ A + b))) for k in (1, -1))

register(__name__, MISCONCEPTIONS, TWINS)
