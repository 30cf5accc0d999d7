"""The misconceptions of notebook 7 (the softmax classifier: cost, forward and backward pass, predictions,
training) and their twins, beside ``checks/softmax_classifier.py``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register

from autograder.checks.activations_catalogue import _relu, _sig, _softmax
from autograder.checks.network_catalogue import _cache_swapped


MISCONCEPTIONS = [
    # the softmax classifier (notebook 7)
    Misconception("softmax_cost_binary_formula", "the binary cross-entropy's (1 - Y) log(1 - A) term does not "
                  "belong here: with C classes the cost is -(1/m) * sum(Y * log(A)), one term per class"),
    Misconception("softmax_cost_mean_over_classes", "np.mean over the whole (C, m) array divides by C * m: "
                  "sum over the classes, then average over the m examples only"),
    Misconception("m_from_classes", "your {output} is divided by the number of rows of Y (the classes) instead "
                  "of the number of columns: m = Y.shape[1], the number of examples"),
    Misconception("softmax_shift_in_cache", "the cache's Z2 must be the logits W2 @ A1 + b2 themselves: subtract "
                  "the column maximum on a new array (e = np.exp(Z2 - Z2.max(axis=0, keepdims=True))), not in place"),
    Misconception("classifier_sigmoid_output", "the output layer is a softmax over the C rows of each column, not "
                  "a sigmoid of each entry: A2 = exp(Z2) / column sums of exp(Z2)"),
    Misconception("classifier_returns_z2", "the first value returned is the softmax output A2, not the logits Z2"),
    Misconception("dz2_ignores_labels", "dZ2 is (A2 - Y) / m: the labels Y are subtracted from the softmax output"),
    Misconception("argmax_wrong_axis", "the classes are the rows: take np.argmax over axis=0, one label per column"),
    Misconception("labels_shape", "return a 1-D array of shape (m,), one label per example, not a row or a column"),
    Misconception("threshold_not_argmax", "with C classes the prediction is the row of the largest probability, "
                  "np.argmax(A2, axis=0): a threshold of 0.5 is the binary rule, and a column may have no "
                  "probability above 0.5"),
    Misconception("max_not_argmax", "return the index of the largest probability (np.argmax), not the probability "
                  "itself (np.max)"),
    Misconception("argmin_not_argmax", "the predicted class is the most probable one: np.argmax, not np.argmin"),
    Misconception("one_hot_returned", "return the class labels (m,), not a one-hot matrix"),
    Misconception("labels_not_integers", "the labels are {dtype}: return integers (np.argmax already gives them)"),
    Misconception("classifier_init_differs", "the starting parameters differ from the stated start: rng = "
                  "np.random.default_rng(seed), W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), then "
                  "W2 = rng.standard_normal((C, n_h)) * 0.01, zero biases"),
    Misconception("classifier_init_draw_order", "draw W1 first and W2 second from the same generator: the order "
                  "of the draws decides which numbers each gets"),
    Misconception("classifier_never_updates", "the parameters returned are the starting ones: update every "
                  "parameter at every iteration and keep the result"),
    Misconception("gradient_ascent", "the step goes uphill: gradient descent is p - learning_rate * dp"),
    Misconception("classifier_costs_every_k", "it recorded the cost only every few iterations: append one cost "
                  "per iteration, num_iterations in all"),
    Misconception("classifier_cost_after_step", "each cost is that of the parameters before the iteration's step "
                  "(costs[0] is the cost of the start)"),
    Misconception("classifier_learning_rate_ignored", "use the learning_rate argument, not a fixed step size"),
    Misconception("classifier_seed_ignored", "seed the generator with the seed argument: "
                  "np.random.default_rng(seed)"),
    Misconception("classifier_iterations_ignored", "it runs a fixed number of iterations whatever num_iterations "
                  "says: loop over range(num_iterations)"),
    Misconception("classifier_iterations_off_by_one", "run exactly num_iterations steps: for i in "
                  "range(num_iterations)"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _clf_forward(X, p, *, axis=0, all_=False, shifted=False, hidden=_relu, output=None, z1_next=False,
                 return_z2=False, bias=True, **softmax):
    Z1 = p["W1"] @ X + (p["b1"] if bias else 0)
    A1 = hidden(Z1)
    Z2 = p["W2"] @ (Z1 if z1_next else A1) + (p["b2"] if bias else 0)
    A2 = output(Z2) if output else _softmax(Z2, axis=axis, all_=all_, **softmax)
    cache_z2 = Z2 - np.max(Z2, axis=0, keepdims=True) if shifted else Z2
    return (Z2 if return_z2 else A2), {"Z1": Z1, "A1": A1, "Z2": cache_z2, "A2": A2}


def _clf_backward(X, Y, p, cache, *, no_y=False, from_z2=False, extra=False, mask=True, a1_from_z1=False,
                  recompute=False, m=None, db_axis=1, db_axes=None, mask_inverted=False, kink=0):
    m = X.shape[1] if m is None else m
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    if recompute:
        A2, c = _clf_forward(X, p)
        A1, Z1 = c["A1"], c["Z1"]
    if a1_from_z1:
        A1 = Z1
    dZ2 = ((cache["Z2"] if from_z2 else A2) - (0 if no_y else Y)) / m
    if extra:
        dZ2 = dZ2 * A2 * (1 - A2)
    dZ1 = p["W2"].T @ dZ2 * (((Z1 < kink) if mask_inverted else (Z1 > kink)) if mask else 1)
    ax1, ax2 = db_axes or (db_axis, db_axis)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=ax1, keepdims=True),
            "dW2": dZ2 @ A1.T, "db2": np.sum(dZ2, axis=ax2, keepdims=True)}


def _clf_train(X, Y, n_h, kw, *, init=None, step=1.0, every=1, after=False, frozen=()):
    lr, n, seed = kw.get("learning_rate", 1.0), kw.get("num_iterations", 1000), kw.get("seed", 0)
    n_x, C = X.shape[0], Y.shape[0]
    if init == "legacy":
        np.random.seed(seed)
        W1, W2 = np.random.randn(n_h, n_x) * np.sqrt(2 / n_x), np.random.randn(C, n_h) * 0.01
    else:
        rng = np.random.default_rng(seed)
        if init == "order":
            W2 = rng.standard_normal((C, n_h)) * 0.01
            W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x)
        else:
            W1 = rng.standard_normal((n_h, n_x)) * {"w1_small": 0.01, "w1_unscaled": 1.0,
                                                    "w1_xavier": np.sqrt(1 / n_x)}.get(init, np.sqrt(2 / n_x))
            W2 = rng.standard_normal((C, n_h)) * {"w2_he": np.sqrt(2 / n_h), "w2_unscaled": 1.0}.get(init, 0.01)
    p = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((C, 1))}
    costs = []
    for i in range(n):
        A2, cache = _clf_forward(X, p)
        g = _clf_backward(X, Y, p, cache)
        p = {k: v if k[0] in frozen else v - step * lr * g["d" + k] for k, v in p.items()}
        if i % every == 0:
            cost = _clf_forward(X, p)[0] if after else A2
            costs.append(float(-np.sum(Y * np.log(cost)) / Y.shape[1]))
    return p, costs


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("softmax_cost", "log_base"): (lambda A, Y: float(-np.sum(Y * np.log10(A)) / Y.shape[1]),),
    ("softmax_cost", "softmax_cost_binary_formula"): (
        lambda A, Y: float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1]),),
    ("softmax_cost", "softmax_cost_mean_over_classes"): (lambda A, Y: float(-np.mean(Y * np.log(A))),),
    ("softmax_cost", "m_from_classes"): (lambda A, Y: float(-np.sum(Y * np.log(A)) / Y.shape[0]),),
    ("softmax_cost", "cost_not_reduced"): (lambda A, Y: -np.sum(Y * np.log(A), axis=0),
                                           lambda A, Y: -np.sum(Y * np.log(A), axis=0, keepdims=True),
                                           lambda A, Y: -Y * np.log(A)),
    ("classifier_forward", "softmax_wrong_axis"): (lambda X, p: _clf_forward(X, p, axis=1),
                                                   lambda X, p: _clf_forward(X, p, shift_axis=1),
                                                   lambda X, p: _clf_forward(X, p, axis=1, shift_axis=0)),
    ("classifier_forward", "softmax_sum_all"): (lambda X, p: _clf_forward(X, p, all_=True),
                                                lambda X, p: _clf_forward(X, p, sum_all=True)),
    ("classifier_forward", "softmax_global_max"): (lambda X, p: _clf_forward(X, p, shift_all=True),),
    ("classifier_forward", "softmax_shift_not_max"): tuple(
        (lambda X, p, _s=s: _clf_forward(X, p, shift=_s)) for s in ("mean", "min")),
    ("classifier_forward", "softmax_shift_in_cache"): (lambda X, p: _clf_forward(X, p, shifted=True),),
    ("classifier_forward", "wrong_hidden_activation"): (
        lambda X, p: _clf_forward(X, p, hidden=_sig), lambda X, p: _clf_forward(X, p, hidden=np.tanh),
        lambda X, p: _clf_forward(X, p, hidden=lambda z: z)),
    ("classifier_forward", "classifier_sigmoid_output"): (lambda X, p: _clf_forward(X, p, output=_sig),),
    ("classifier_forward", "z1_into_layer2"): (lambda X, p: _clf_forward(X, p, z1_next=True),),
    ("classifier_forward", "classifier_returns_z2"): (lambda X, p: _clf_forward(X, p, return_z2=True),),
    ("classifier_forward", "cache_mixed_up"): tuple(
        (lambda X, p, _k=keys, _d=drop: _cache_swapped(_clf_forward(X, p), _k, _d))
        for keys in (("Z1", "A1"), ("A1", "Z1"), ("Z2", "A2"), ("A2", "Z2")) for drop in (False, True)),
    ("classifier_forward", "bias_missing"): (
        lambda X, p: _clf_forward(X, p, bias=False),
        lambda X, p: _clf_forward(X, dict(p, b1=-p["b1"])), lambda X, p: _clf_forward(X, dict(p, b2=-p["b2"]))),
    ("classifier_backward", "dz2_ignores_labels"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, no_y=True),),
    ("classifier_backward", "dz2_from_z2"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, from_z2=True),),
    ("classifier_backward", "output_derivative_extra"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, extra=True),),
    ("classifier_backward", "relu_mask_missing"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, mask=False),),
    ("classifier_backward", "a1_from_z1"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, a1_from_z1=True),),
    ("classifier_backward", "cache_not_used"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, recompute=True),),
    ("classifier_backward", "m_from_features"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, m=X.shape[0]),),
    ("classifier_backward", "m_from_classes"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, m=Y.shape[0]),),
    ("classifier_backward", "bias_sum_axis"): tuple(
        (lambda X, Y, p, c, _a=a: _clf_backward(X, Y, p, c, db_axes=_a)) for a in ((0, 0), (0, 1), (1, 0), (2, 1), (1, 2))),
    ("classifier_backward", "relu_mask_inverted"): (lambda X, Y, p, c: _clf_backward(X, Y, p, c, mask_inverted=True),),
    ("classifier_forward", "kink_moved"): tuple(
        (lambda X, p, _k=k: _clf_forward(X, p, hidden=lambda z: np.maximum(_k, z))) for k in (1, -1)),
    ("classifier_backward", "kink_moved"): tuple(
        (lambda X, Y, p, c, _k=k: _clf_backward(X, Y, p, c, kink=_k)) for k in (1, -1)),
    ("classifier_forward", "relu_min_max"): (lambda X, p: _clf_forward(X, p, hidden=lambda z: np.minimum(0, z)),),
    ("train_classifier", "classifier_iterations_ignored"): tuple(
        (lambda X, Y, n_h, _n=n, **kw: _clf_train(X, Y, n_h, dict(kw, num_iterations=_n))) for n in (100, 1000)),
    ("predict_classes", "argmax_wrong_axis"): (lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=1),
                                               lambda X, p: np.argmax(_clf_forward(X, p)[0])),
    ("predict_classes", "labels_shape"): (lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=0)[None, :],
                                          lambda X, p: np.argmax(_clf_forward(X, p)[0], axis=0)[:, None]),
    ("predict_classes", "threshold_not_argmax"): (
        lambda X, p: np.argmax(_clf_forward(X, p)[0] > 0.5, axis=0),
        lambda X, p: (_clf_forward(X, p)[0] > 0.5).astype(int),
        lambda X, p: (_clf_forward(X, p)[0] > 0.5).astype(float)),
    ("predict_classes", "max_not_argmax"): (lambda X, p: np.max(_clf_forward(X, p)[0], axis=0),),
    ("predict_classes", "argmin_not_argmax"): (lambda X, p: np.argmin(_clf_forward(X, p)[0], axis=0),),
    ("predict_classes", "one_hot_returned"): (
        lambda X, p: (_clf_forward(X, p)[0] == _clf_forward(X, p)[0].max(axis=0, keepdims=True)).astype(float),),
    ("train_classifier", "classifier_init_differs"): tuple(
        (lambda X, Y, n_h, _i=i, **kw: _clf_train(X, Y, n_h, kw, init=_i))
        for i in ("w1_small", "w1_unscaled", "w1_xavier", "w2_he", "w2_unscaled", "legacy")),
    ("train_classifier", "classifier_init_draw_order"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, init="order"),),
    ("train_classifier", "classifier_never_updates"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, step=0.0),),
    ("train_classifier", "biases_not_updated"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, frozen="b"),),
    ("train_classifier", "gradient_ascent"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, step=-1.0),),
    ("train_classifier", "classifier_costs_every_k"): tuple(
        (lambda X, Y, n_h, _k=k, **kw: _clf_train(X, Y, n_h, kw, every=_k)) for k in (10, 100, 1000)),
    ("train_classifier", "classifier_cost_after_step"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, kw, after=True),),
    ("train_classifier", "classifier_learning_rate_ignored"): (
        lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, dict(kw, learning_rate=1.0)),),
    ("train_classifier", "classifier_seed_ignored"): (lambda X, Y, n_h, **kw: _clf_train(X, Y, n_h, dict(kw, seed=0)),),
    ("train_classifier", "classifier_iterations_off_by_one"): tuple(
        (lambda X, Y, n_h, _d=d, **kw: _clf_train(X, Y, n_h, dict(kw, num_iterations=kw.get("num_iterations", 1000) + _d)))
        for d in (-1, 1)),
}


register(__name__, MISCONCEPTIONS, TWINS)
