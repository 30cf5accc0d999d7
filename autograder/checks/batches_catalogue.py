"""The misconceptions of notebook 4 (mini-batches, per-example gradients, mini-batch gradient descent) and their
twins, beside ``checks/batches.py``. The twins run the reference's ``net_forward``/``net_backward``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register


MISCONCEPTIONS = [
    # mini-batches
    Misconception("batch_rows_cut", "batch {i} has shapes {got}: a batch keeps every row (feature) of X and Y; "
                  "slice the columns only, X[:, a:b]"),
    Misconception("batch_pair_sizes", "batch {i} has shapes {got}: X_batch and Y_batch must hold the same "
                  "columns, sliced with the same a:b"),
    Misconception("not_shuffled", "the columns are in their original order: shuffle them with a random "
                  "permutation before cutting the batches"),
    Misconception("pairs_broken", "some X columns lost their Y: shuffle X and Y with the same permutation"),
    Misconception("remainder_dropped", "the last {rest} examples are missing: when m is not a multiple of "
                  "mini_batch_size, add a last, smaller batch"),
    Misconception("not_a_partition", "every example must appear in exactly one batch, and some appear twice "
                  "or not at all: cut one shuffled permutation into consecutive slices"),
    Misconception("batches_seed_ignored", "two calls with the same seed gave different batches: shuffle with "
                  "a generator seeded with the seed argument"),
    Misconception("batches_seed_fixed", "two different seeds gave the same batches: seed the shuffle with the "
                  "seed argument"),
    Misconception("batch_sizes", "every batch has mini_batch_size columns except a smaller last one (and no "
                  "empty batch)"),
    # per-example gradients and mini-batch gradient descent (notebook 4)
    Misconception("per_example_full_batch", "every entry is the gradient of the whole batch: pass one column "
                  "x = X[:, i:i+1] and its label y = Y[:, i:i+1] to net_forward and net_backward"),
    Misconception("per_example_averaged", "it returned the average over the examples; return every example's "
                  "gradient, stacked along a first axis of length m (np.stack of the m gradients)"),
    Misconception("per_example_summed", "it returned the sum over the examples; return every example's "
                  "gradient, stacked along a first axis of length m (np.stack of the m gradients)"),
    Misconception("per_example_axis", "the examples are stacked along the last axis: stack along the first, "
                  "so that entry i (`grads[name][i]`) is example i's gradient (np.stack(list, axis=0))"),
    Misconception("per_example_m_from_rows", "there is one gradient per example, and the examples are the columns "
                  "of X: loop over range(X.shape[1]); yours loops over X.shape[0], the features"),
    Misconception("per_example_slice", "example i alone is the column X[:, i:i + 1] with its label Y[:, i:i + 1]: "
                  "a slice a:b holds the b - a columns a .. b - 1, so cut both with i:i + 1"),
    Misconception("epoch_seed_offset", "epoch e shuffles with seed + e (random_mini_batches(X, Y, mini_batch_size, "
                  "seed + epoch)): your epochs cut other batches than that"),
    Misconception("costs_per_epoch", "it gave one cost per epoch ({epochs}); record the cost of every "
                  "mini-batch step, {steps} in all"),
    Misconception("epoch_seed_fixed", "every epoch cuts the same batches: shuffle epoch e with seed + e "
                  "(random_mini_batches(X, Y, mini_batch_size, seed + epoch))"),
    Misconception("cost_after_step", "each cost is the batch's cost after its step: compute the cost from the "
                  "forward pass that the step's gradient comes from, before updating"),
    Misconception("cost_of_all_examples", "each cost is the cost of all the examples; record the cost of the "
                  "mini-batch the step is taken on (net_cost(Yhat_batch, Y_batch))"),
    Misconception("epochs_from_one", "count the epochs from 0: epoch e = 0, 1, ..., num_epochs - 1 cuts "
                  "random_mini_batches(X, Y, mini_batch_size, seed + e)"),
    Misconception("biases_not_updated", "the biases are still the ones that came in: every step updates every "
                  "parameter, the b<l> as well as the W<l>"),
    Misconception("epochs_ignored", "it trains for 10 epochs whatever `num_epochs` says: loop over "
                  "range(num_epochs)"),
    Misconception("batch_size_ignored", "it cuts batches of 64 whatever `mini_batch_size` says: pass the "
                  "argument to random_mini_batches"),
    Misconception("seed_argument_ignored", "it shuffles as if seed were 0 whatever `seed` says: shuffle epoch e "
                  "with seed + e"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _per_example(X, Y, p, *, full=False, reduce=None, axis=0, xs=(0, 1), ys=(0, 1), rows=False):
    """Per-example gradients with one slip; ``xs``, ``ys``: example i cut as X[:, i + xs[0]:i + xs[1]] (the
    same for Y), (0, 1) being right; ``rows``: one gradient for each row of X (the features) instead of each column."""
    from autograder.reference.batches import net_backward, net_forward

    grads = []
    for i in range(X.shape[0 if rows else 1]):
        x, y = (X, Y) if full else (X[:, i + xs[0]:i + xs[1]], Y[:, i + ys[0]:i + ys[1]])
        grads.append(net_backward(x, y, p, net_forward(x, p)[1]))
    if reduce:
        return {k: getattr(np, reduce)([g[k] for g in grads], axis=0) for k in grads[0]}
    return {k: np.stack([g[k] for g in grads], axis=axis) for k in grads[0]}


def _mbgd(X, Y, p, kw, *, fixed_seed=False, cost_after=False, cost_all=False, per_epoch=None, first_epoch=0,
          frozen=(), step=lambda lr, g: lr * g, epoch_seed=lambda seed, e: seed + e):
    """Mini-batch gradient descent with one mistake; per_epoch: one cost per epoch, that of the epoch's "first"
    or "last" batch, their "mean", or the cost on "all" the data at the end of the epoch."""
    from autograder.reference.batches import net_backward, net_cost, net_forward, random_mini_batches

    lr, epochs = kw.get("learning_rate", 0.1), kw.get("num_epochs", 10)
    size, seed = kw.get("mini_batch_size", 64), kw.get("seed", 0)
    p, costs = {k: v.copy() for k, v in p.items()}, []
    for epoch in range(first_epoch, epochs):
        steps = []
        for xb, yb in random_mini_batches(X, Y, size, seed if fixed_seed else epoch_seed(seed, epoch)):
            yhat, cache = net_forward(xb, p)
            grads = net_backward(xb, yb, p, cache)
            before = net_cost(net_forward(X, p)[0], Y) if cost_all else net_cost(yhat, yb)
            p = {k: v if k[0] in frozen else v - step(lr, grads["d" + k]) for k, v in p.items()}
            after = (net_cost(net_forward(X, p)[0], Y) if cost_all else net_cost(net_forward(xb, p)[0], yb))
            steps.append(after if cost_after else before)
        if per_epoch is None:
            costs += steps
        else:
            costs.append({"first": steps[0], "last": steps[-1], "mean": float(np.mean(steps)),
                          "all": net_cost(net_forward(X, p)[0], Y)}[per_epoch])
    return p, costs


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("per_example_gradients", "per_example_full_batch"): (lambda X, Y, p: _per_example(X, Y, p, full=True),),
    ("per_example_gradients", "per_example_averaged"): (lambda X, Y, p: _per_example(X, Y, p, reduce="mean"),),
    ("per_example_gradients", "per_example_summed"): (lambda X, Y, p: _per_example(X, Y, p, reduce="sum"),),
    ("per_example_gradients", "per_example_axis"): (lambda X, Y, p: _per_example(X, Y, p, axis=-1),),
    ("per_example_gradients", "per_example_m_from_rows"): (lambda X, Y, p: _per_example(X, Y, p, rows=True),),
    ("per_example_gradients", "per_example_slice"): tuple(
        (lambda X, Y, p, _s=s, _which=which: _per_example(X, Y, p, **{w: _s for w in _which}))
        for which in (("xs",), ("ys",), ("xs", "ys")) for s in ((1, 1), (-1, 1), (0, 2), (0, 0), (0, -1), (1, 2), (-1, 0))),
    ("mini_batch_gradient_descent", "epoch_seed_offset"): tuple(
        (lambda X, Y, p, _f=f, **kw: _mbgd(X, Y, p, kw, epoch_seed=_f))
        for f in (lambda seed, e: seed - e, lambda seed, e: seed * e)),  # seed + e + 1: epochs_from_one; e: seed 0
    ("mini_batch_gradient_descent", "costs_per_epoch"): tuple(
        (lambda X, Y, p, _w=w, **kw: _mbgd(X, Y, p, kw, per_epoch=_w)) for w in ("first", "last", "mean", "all")),
    ("mini_batch_gradient_descent", "epochs_from_one"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, num_epochs=kw.get("num_epochs", 10) + 1), first_epoch=1),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, first_epoch=1)),
    ("mini_batch_gradient_descent", "gradient_ascent"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: -lr * g),),
    ("mini_batch_gradient_descent", "learning_rate_divides"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: lr / g),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, step=lambda lr, g: g / lr)),
    ("mini_batch_gradient_descent", "biases_not_updated"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, frozen="b"),),
    ("mini_batch_gradient_descent", "epoch_seed_fixed"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, fixed_seed=True),),
    ("mini_batch_gradient_descent", "cost_after_step"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_after=True),),
    ("mini_batch_gradient_descent", "cost_of_all_examples"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_all=True),
        lambda X, Y, p, **kw: _mbgd(X, Y, p, kw, cost_all=True, cost_after=True)),
    ("mini_batch_gradient_descent", "learning_rate_ignored"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, learning_rate=0.1)),),
    ("mini_batch_gradient_descent", "epochs_ignored"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, num_epochs=10)),),
    ("mini_batch_gradient_descent", "batch_size_ignored"): (
        lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, mini_batch_size=64)),),
    ("mini_batch_gradient_descent", "seed_argument_ignored"): (lambda X, Y, p, **kw: _mbgd(X, Y, p, dict(kw, seed=0)),),
}


register(__name__, MISCONCEPTIONS, TWINS)
