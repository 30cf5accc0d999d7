"""Misconceptions and twins of notebook 10's exercises: ``train_validation_split``, ``initial_loss_check`` and
``overfit_check``.

They sit beside ``checks/digits.py`` and join the merged catalogue with ``register`` (a twin names a cause
only when it reproduces the student's whole output).
"""

from __future__ import annotations

import numpy as np

from autograder.checks.catalogue import Misconception, register
from autograder.reference import softmax_classifier as _ref7

MISCONCEPTIONS = [
    # train_validation_split
    Misconception("split_returns_sklearn_order", "return `(X_train, labels_train, X_val, labels_val)`, each set's "
                  "examples next to its labels: yours is in scikit-learn's order (X_train, X_val, y_train, y_val)"),
    Misconception("split_not_shuffled", "shuffle before you split: the validation set is order[:n_val] of "
                  "order = np.random.default_rng(seed).permutation(m), not the first columns as they come"),
    Misconception("split_labels_not_shuffled", "the labels must go through the same permutation as the columns of "
                  "X: labels[order[...]], so every example keeps its label"),
    Misconception("split_pairs_broken", "use one permutation for both X and labels: a second draw gives the labels "
                  "another order, and every example loses its label"),
    Misconception("split_validation_at_end", "the validation set is the FIRST n_val entries of the permutation, "
                  "order[:n_val], and the training set the rest, order[n_val:]"),
    Misconception("split_fraction_for_training", "validation_fraction is the share of the VALIDATION set: "
                  "n_val = int(round(validation_fraction * m)) examples, the rest for training"),
    Misconception("split_rounding", "the validation set has int(round(validation_fraction * m)) examples: round "
                  "to the nearest integer, do not truncate (int) or round up (ceil)"),
    Misconception("split_m_from_rows", "the number of examples m is the number of columns of X, X.shape[1]; yours "
                  "takes X.shape[0], the number of features, so it permutes and splits the wrong number of columns"),
    Misconception("split_bound_off_by_one", "cut the one permutation at n_val: validation = order[:n_val], training "
                  "= order[n_val:], so every example lands in exactly one set; a bound of yours is one off, which "
                  "leaves an example out or puts one in both sets"),
    Misconception("split_legacy_rng", "draw the permutation with np.random.default_rng(seed).permutation(m), not "
                  "with np.random.seed and np.random.permutation (another generator, another order)"),
    Misconception("split_seed_ignored", "use the seed argument: np.random.default_rng(seed), not a fixed seed"),
    Misconception("split_fraction_ignored", "use the validation_fraction argument: the split has a fixed size "
                  "whatever validation_fraction says"),
    # initial_loss_check
    Misconception("initial_loss_log_base", "the expected first cost is the natural logarithm log C (np.log), the "
                  "cross-entropy's own logarithm, not log10 or log2"),
    Misconception("initial_loss_ten_classes", "C is the number of classes of the data you are given, Y.shape[0], "
                  "not the digits' 10"),
    Misconception("initial_loss_classes_from_features", "C is the number of classes, the rows of the one-hot Y "
                  "(Y.shape[0]), not the number of features X.shape[0]"),
    Misconception("initial_loss_classes_from_examples", "C is the number of classes, the rows of the one-hot Y "
                  "(Y.shape[0]): Y.shape[1] is the number of examples"),
    Misconception("initial_loss_uniform_probability", "a uniform guess gives each class probability 1 / C, so its "
                  "cost is -log(1 / C) = log C, not 1 / C"),
    Misconception("initial_loss_cost_over_entries", "the cost is the mean over the m examples of -sum_c Y log A "
                  "(softmax_cost), not the mean over all C * m entries, which is C times smaller"),
    Misconception("initial_loss_no_abs", "the check fails when the cost is far from log C in either direction: "
                  "compare abs(cost - log C) with the tolerance (a cost far below log C before training means a bug "
                  "too)"),
    Misconception("initial_loss_relative", "the tolerance is a difference of costs: abs(cost - log C) < tolerance, "
                  "not a relative one"),
    Misconception("initial_loss_tolerance_ignored", "use the tolerance argument: passed = abs(cost - log C) < "
                  "tolerance"),
    Misconception("initial_loss_passed_inverted", "passed is True when the cost is CLOSE to log C: "
                  "abs(cost - log C) < tolerance"),
    # overfit_check
    Misconception("overfit_cost_before_last_step", "the final cost is the cost of the trained parameters, "
                  "softmax_cost of classifier_forward after training: costs[-1] is recorded before the last step"),
    Misconception("overfit_whole_set", "train on the first n_examples columns only, X[:, :n_examples] and "
                  "Y[:, :n_examples], and measure the cost and accuracy on them"),
    Misconception("overfit_last_examples", "the subset is the FIRST n_examples columns, X[:, :n_examples]"),
    Misconception("overfit_subset_slices", "the subset is the same columns of X and Y, the first n_examples: "
                  "X[:, :n_examples] and Y[:, :n_examples] (a slice a:b holds the columns a .. b - 1)"),
    Misconception("overfit_labels_axis", "the true class of each example is the row of the 1 in its column, "
                  "np.argmax(Y_small, axis=0): one label per example; yours takes the argmax along axis=1, one per "
                  "class"),
    Misconception("overfit_accuracy_percent", "return the accuracy as a fraction between 0 and 1, not a "
                  "percentage"),
    Misconception("overfit_accuracy_count", "return the accuracy as the fraction of examples predicted right "
                  "(the mean), not their number"),
    Misconception("overfit_passed_ignores_accuracy", "passed needs both: a final cost below the tolerance AND "
                  "every example of the subset predicted right (accuracy == 1)"),
    Misconception("overfit_passed_ignores_cost", "passed needs both: every example predicted right AND a final "
                  "cost below the tolerance"),
    Misconception("overfit_seed_ignored", "pass the seed argument on to train_classifier"),
    Misconception("overfit_n_h_ignored", "pass the n_h argument on to train_classifier"),
    Misconception("overfit_learning_rate_ignored", "pass the learning_rate argument on to train_classifier"),
    Misconception("overfit_iterations_ignored", "pass the num_iterations argument on to train_classifier"),
    Misconception("overfit_tolerance_ignored", "use the tolerance argument: passed needs final cost < tolerance"),
]


# -------------------------------------------------------------------------------------------------------- twins

def _split(X, labels, validation_fraction=0.2, seed=0, *, slip=None):
    """train_validation_split with one slip."""
    m = X.shape[0 if slip == "m_rows" else 1]
    fraction = 0.2 if slip == "fraction" else validation_fraction
    rng = np.random.default_rng(0 if slip == "seed" else seed)
    order = {"legacy": lambda: np.random.RandomState(seed).permutation(m),
             "unshuffled": lambda: np.arange(m)}.get(slip, lambda: rng.permutation(m))()
    n_val = {"floor": int(fraction * m), "ceil": int(np.ceil(fraction * m)),
             "for_training": m - int(round(fraction * m))}.get(slip, int(round(fraction * m)))
    if slip == "at_end":
        validation, training = order[m - n_val:], order[:m - n_val]
    else:  # the slips "val_from_1", "val_end_+1", "val_end_-1", "train_from_+1", "train_from_-1": a bound one off
        a, b, c = {"val_from_1": (1, 0, 0), "val_end_+1": (0, 1, 0), "val_end_-1": (0, -1, 0),
                   "train_from_+1": (0, 0, 1), "train_from_-1": (0, 0, -1)}.get(slip, (0, 0, 0))
        validation, training = order[a:n_val + b], order[n_val + c:]
    label_order = {"pairs": lambda: rng.permutation(m), "labels": lambda: np.arange(m)}.get(slip, lambda: order)()
    if slip == "sklearn":
        return X[:, training], X[:, validation], labels[training], labels[validation]
    if slip == "at_end":
        return X[:, training], labels[training], X[:, validation], labels[validation]
    if slip is None or slip in ("pairs", "labels"):
        return X[:, training], labels[label_order[n_val:]], X[:, validation], labels[label_order[:n_val]]
    return X[:, training], labels[training], X[:, validation], labels[validation]


def _loss(X, Y, parameters, tolerance=0.1, *, slip=None):
    """initial_loss_check with one slip."""
    A2, _ = _ref7.classifier_forward(X, parameters)
    cost = -np.mean(Y * np.log(A2)) if slip == "entries" else _ref7.softmax_cost(A2, Y)
    C = {"features": X.shape[0], "examples": Y.shape[1], "ten": 10}.get(slip, Y.shape[0])
    expected = {"log10": np.log10(C), "log2": np.log2(C), "uniform": 1 / C}.get(slip, np.log(C))
    tolerance = 0.1 if slip == "tolerance" else tolerance
    if slip == "noabs":
        passed = cost - expected < tolerance
    elif slip == "relative":
        passed = abs(cost / expected - 1) < tolerance
    elif slip == "inverted":
        passed = abs(cost - expected) >= tolerance
    else:
        passed = abs(cost - expected) < tolerance
    return float(cost), float(expected), bool(passed)


def _overfit(X, Y, n_examples=20, n_h=50, learning_rate=1.0, num_iterations=200, seed=0, tolerance=0.01, *,
             slip=None, cut=None):
    """overfit_check with one slip; ``cut``: the (start, stop) shifts of the slice of X and of Y, one off."""
    seed = 0 if slip == "seed" else seed
    n_h = 50 if slip == "n_h" else n_h
    learning_rate = 1.0 if slip == "learning_rate" else learning_rate
    num_iterations = 200 if slip == "iterations" else num_iterations
    tolerance = 0.01 if slip == "tolerance" else tolerance
    if slip == "last":
        Xs, Ys = X[:, -n_examples:], Y[:, -n_examples:]
    elif cut:
        (xa, xb), (ya, yb) = cut
        Xs, Ys = X[:, xa:n_examples + xb], Y[:, ya:n_examples + yb]
    else:
        Xs, Ys = X[:, :n_examples], Y[:, :n_examples]
    Xt, Yt = (X, Y) if slip in ("whole", "whole_measured") else (Xs, Ys)
    if slip == "whole_measured":
        Xs, Ys = X, Y
    parameters, costs = _ref7.train_classifier(Xt, Yt, n_h, learning_rate, num_iterations, seed)
    cost = float(costs[-1]) if slip == "before" else _ref7.softmax_cost(_ref7.classifier_forward(Xs, parameters)[0], Ys)
    # (no twin for np.argmax(Ys) over the whole array: one flat index, mostly no class at all, so its accuracy is 0
    # like that of many other mistakes, `!=` for `==` among them)
    truth = np.argmax(Ys, axis=1 if slip == "labels_axis1" else 0)
    right = _ref7.predict_classes(Xs, parameters) == truth
    accuracy = {"percent": 100 * float(np.mean(right)), "count": float(np.sum(right))}.get(slip, float(np.mean(right)))
    if slip == "no_accuracy":
        passed = cost < tolerance
    elif slip == "no_cost":
        passed = bool(np.all(right))
    else:
        passed = cost < tolerance and bool(np.all(right))
    return cost, accuracy, bool(passed)


def _twin(fn, *slips):
    return tuple((lambda *a, _s=s, **k: fn(*a, **k, slip=_s)) for s in slips)


TWINS = {
    ("train_validation_split", "split_returns_sklearn_order"): _twin(_split, "sklearn"),
    ("train_validation_split", "split_not_shuffled"): _twin(_split, "unshuffled"),
    ("train_validation_split", "split_labels_not_shuffled"): _twin(_split, "labels"),
    ("train_validation_split", "split_pairs_broken"): _twin(_split, "pairs"),
    ("train_validation_split", "split_validation_at_end"): _twin(_split, "at_end"),
    ("train_validation_split", "split_fraction_for_training"): _twin(_split, "for_training"),
    ("train_validation_split", "split_rounding"): _twin(_split, "floor", "ceil"),
    ("train_validation_split", "split_legacy_rng"): _twin(_split, "legacy"),
    ("train_validation_split", "split_seed_ignored"): _twin(_split, "seed"),
    ("train_validation_split", "split_fraction_ignored"): _twin(_split, "fraction"),
    ("train_validation_split", "split_m_from_rows"): _twin(_split, "m_rows"),
    ("train_validation_split", "split_bound_off_by_one"): _twin(_split, "val_from_1", "val_end_+1", "val_end_-1",
                                                                "train_from_+1", "train_from_-1"),
    ("initial_loss_check", "initial_loss_log_base"): _twin(_loss, "log10", "log2"),
    **{("initial_loss_check", mid): _twin(_loss, slip)
       for mid, slip in (("initial_loss_ten_classes", "ten"), ("initial_loss_classes_from_features", "features"),
                         ("initial_loss_classes_from_examples", "examples"),
                         ("initial_loss_uniform_probability", "uniform"), ("initial_loss_cost_over_entries", "entries"),
                         ("initial_loss_no_abs", "noabs"), ("initial_loss_relative", "relative"),
                         ("initial_loss_tolerance_ignored", "tolerance"), ("initial_loss_passed_inverted", "inverted"))},
    ("overfit_check", "overfit_whole_set"): _twin(_overfit, "whole", "whole_measured"),
    ("overfit_check", "overfit_labels_axis"): _twin(_overfit, "labels_axis1"),
    ("overfit_check", "overfit_subset_slices"): tuple(
        (lambda *a, _c=c, **k: _overfit(*a, **k, cut=_c)) for c in (
            *(((s, (0, 0)) for s in ((1, 0), (0, 1), (0, -1)))), *((((0, 0), s) for s in ((1, 0), (0, 1), (0, -1)))),
            ((1, 0), (1, 0)), ((0, 1), (0, 1)), ((0, -1), (0, -1)))),
    **{("overfit_check", mid): _twin(_overfit, slip)
       for mid, slip in (("overfit_cost_before_last_step", "before"), ("overfit_last_examples", "last"),
                         ("overfit_accuracy_percent", "percent"), ("overfit_accuracy_count", "count"),
                         ("overfit_passed_ignores_accuracy", "no_accuracy"),
                         ("overfit_passed_ignores_cost", "no_cost"), ("overfit_seed_ignored", "seed"),
                         ("overfit_n_h_ignored", "n_h"), ("overfit_learning_rate_ignored", "learning_rate"),
                         ("overfit_iterations_ignored", "iterations"), ("overfit_tolerance_ignored", "tolerance"))},
}


register(__name__, MISCONCEPTIONS, TWINS)
