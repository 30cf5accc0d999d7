"""Checks of notebook 10_digits: a validation split and the two sanity checks of a classifier, graded by value.

- train_validation_split: the four returned arrays against the stated split (``default_rng(seed).permutation``,
  ``int(round(fraction * m))`` validation examples first), with m chosen so that rounding and truncating differ;
  labels all different, so a label names its example and pairs broken apart show; the default arguments.
- initial_loss_check: (cost, log C, passed) with the reference classifier provided, for C = 3 to 8 classes (never the
  digits' 10, nor the number of features or examples), at a near-uniform start (passed), far above log C, far below
  it (a network that already knows the labels: passed only without the absolute value), and with another tolerance.
- overfit_check: (final cost, accuracy, passed) with the reference classifier provided, on a subset of the first
  n examples of a larger set: learnt (passed, with a tolerance twice a cost above 0.02, so the default 0.01 fails
  it), stopped early with a tolerance above the cost but an example
  still wrong, and all right with a tolerance below the cost; few iterations, so the cost before the last step,
  the whole set and the last examples all give other numbers.
Every check also runs the inputs-unchanged rule.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.engine import Case, Check
from autograder.checks.inputs import distinct_sizes
from autograder.checks.kinds import Unchanged, Values
from autograder.reference import digits as _ref
from autograder.reference import softmax_classifier as _ref7


# ------------------------------------------------------------------------------------------ train_validation_split

def _split_case(rng, defaults=False, up=True):
    """``up``: fraction * m with a fractional part between 0.55 and 0.95, where int() (floor) and round() differ;
    else between 0.05 and 0.45, where ceil and round differ (round and int(x + 0.5) agree on both)."""
    fraction = 0.2 if defaults else float(rng.choice([0.15, 0.25, 0.3, 0.35]))
    low, high = (0.55, 0.95) if up else (0.05, 0.45)
    while True:
        m = int(rng.integers(23, 61))
        if low < (fraction * m) % 1 < high:
            break
    X = rng.normal(0, 1, (int(rng.integers(2, 5)), m))
    labels = rng.permutation(m)  # all different: a label names its example
    kwargs = {} if defaults else {"validation_fraction": fraction, "seed": int(rng.integers(1, 1000))}
    return Case((X, labels), kwargs, {"m": m})


_SPLIT = ("split_returns_sklearn_order", "split_not_shuffled", "split_labels_not_shuffled", "split_pairs_broken",
          "split_validation_at_end", "split_fraction_for_training", "split_rounding", "split_legacy_rng",
          "split_seed_ignored", "split_fraction_ignored", "split_m_from_rows", "split_bound_off_by_one")


# -------------------------------------------------------------------------------------------- initial_loss_check

def _classes(rng):
    """(n_x, n_h, C, m), all different, C in 3 .. 8; n_x and m never 10 (log 10 is a twin of its own)."""
    return distinct_sizes(rng, (11, 13), (5, 7), (3, 4), (14, 17)) if rng.random() < 0.5 else \
        distinct_sizes(rng, (2, 4), (9, 11), (5, 8), (12, 16))


def _one_hot(rng, C, m):
    labels = rng.permutation(np.resize(np.arange(C), m))
    return np.eye(C)[:, labels]


def _loss_of(X, Y, p):
    return _ref7.softmax_cost(_ref7.classifier_forward(X, p)[0], Y)


def _loss_case(rng, kind):
    n_x, n_h, C, m = _classes(rng)
    Y = _one_hot(rng, C, m)
    X = rng.normal(0, 1, (n_x, m))
    kwargs = {}
    if kind == "below":  # a network that already knows the labels: the cost is far below log C
        n_x, n_h = max(n_x, C + 1), max(n_h, C + 1)
        X = np.vstack([3 * Y + rng.normal(0, 0.1, Y.shape), rng.normal(0, 1, (n_x - C, m))])
        W1 = np.zeros((n_h, n_x))
        W1[:C, :C] = np.eye(C)
        W2 = np.zeros((C, n_h))
        W2[:, :C] = 2 * np.eye(C)
        p = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2 + rng.normal(0, 0.01, W2.shape), "b2": np.zeros((C, 1))}
        return Case((X, Y, p), kwargs, {"m": m, "C": C})
    scale = {"start": 0.01, "above": 3.0, "tolerance": 0.5}[kind]
    for _ in range(200):
        p = {"W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), "b1": np.zeros((n_h, 1)),
             "W2": rng.standard_normal((C, n_h)) * scale, "b2": np.zeros((C, 1))}
        gap = _loss_of(X, Y, p) - np.log(C)
        if kind == "start" or (kind == "above" and gap > 0.5) or (kind == "tolerance" and 0.15 < abs(gap) < 0.4):
            break
        scale *= 1.1 if kind == "above" else float(rng.uniform(0.7, 1.3))
    if kind == "tolerance":
        kwargs = {"tolerance": 0.5}
    return Case((X, Y, p), kwargs, {"m": m, "C": C})


_LOSS = ("initial_loss_log_base", "initial_loss_ten_classes", "initial_loss_classes_from_features",
         "initial_loss_classes_from_examples", "initial_loss_uniform_probability", "initial_loss_cost_over_entries",
         "initial_loss_no_abs", "initial_loss_relative", "initial_loss_tolerance_ignored",
         "initial_loss_passed_inverted")
_CLASSIFIER = ("classifier_forward", "softmax_cost")


# ------------------------------------------------------------------------------------------------- overfit_check

def _overfit_case(rng, kind):
    """kind: "learnt" (passed), "wrong" (a tolerance above the cost, an example still wrong), "cost" (every
    example right, a tolerance below the cost)."""
    for _ in range(200):
        n_x, n_h, C, n = distinct_sizes(rng, (3, 5), (7, 10), (3, 4), (5, 6))
        m = n + int(rng.integers(6, 12))
        X = rng.normal(0, 1, (n_x, m))
        Y = _one_hot(rng, C, m)
        kwargs = {"n_examples": n, "n_h": n_h, "learning_rate": float(rng.uniform(0.6, 1.2)),
                  "num_iterations": int(rng.integers(2, 6) if kind == "wrong" else rng.integers(40, 80)),
                  "seed": int(rng.integers(1, 1000))}
        cost, accuracy, _ = _ref.overfit_check(X, Y, **kwargs)  # the reference classifier, for the tolerance
        if kind == "wrong" and accuracy < 1:
            kwargs["tolerance"] = round(1.5 * cost, 3)
        elif kind == "cost" and accuracy == 1:
            kwargs["tolerance"] = round(0.5 * cost, 4)
        elif kind == "learnt" and accuracy == 1 and cost > 0.02:  # a tolerance above the default 0.01 decides
            kwargs["tolerance"] = round(2 * cost, 4)
        else:
            continue
        return Case((X, Y), kwargs, {"m": n})
    raise RuntimeError(f"no overfit_check case of kind {kind!r} found")  # pragma: no cover


_OVERFIT = ("overfit_cost_before_last_step", "overfit_whole_set", "overfit_last_examples", "overfit_labels_axis",
            "overfit_accuracy_percent",
            "overfit_accuracy_count", "overfit_passed_ignores_accuracy", "overfit_passed_ignores_cost",
            "overfit_seed_ignored", "overfit_n_h_ignored", "overfit_learning_rate_ignored",
            "overfit_iterations_ignored", "overfit_tolerance_ignored", "overfit_subset_slices")
_TRAIN = ("train_classifier", "classifier_forward", "classifier_backward", "softmax_cost", "predict_classes")


CHECKS = [
    # train_validation_split
    # the training set's checks on sizes where truncating loses, the validation set's where rounding up does
    *[Check(f"train_validation_split.{name}", "train_validation_split",
            lambda rng, _up=i < 2: _split_case(rng, up=_up), Values(key=i, label=name), weight=w, misconceptions=_SPLIT)
      for i, (name, w) in enumerate((("X_train", 1.5), ("labels_train", 1), ("X_val", 1.5), ("labels_val", 1)))],
    Check("train_validation_split.defaults", "train_validation_split", lambda rng: _split_case(rng, defaults=True),
          Values(), weight=0.75, misconceptions=_SPLIT),
    Check("train_validation_split.inputs_unchanged", "train_validation_split", _split_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # initial_loss_check
    *[Check(f"initial_loss_check.{kind}", "initial_loss_check", lambda rng, _k=kind: _loss_case(rng, _k), Values(),
            weight=w, provide=_CLASSIFIER, misconceptions=_LOSS)
      for kind, w in (("start", 1.5), ("above", 1), ("below", 1), ("tolerance", 0.75))],
    Check("initial_loss_check.inputs_unchanged", "initial_loss_check", lambda rng: _loss_case(rng, "start"),
          Unchanged(), weight=0.25, provide=_CLASSIFIER, misconceptions=("inputs_mutated",)),
    # overfit_check
    *[Check(f"overfit_check.{kind}", "overfit_check", lambda rng, _k=kind: _overfit_case(rng, _k), Values(),
            weight=w, provide=_TRAIN, misconceptions=_OVERFIT)
      for kind, w in (("learnt", 1.5), ("wrong", 1), ("cost", 1))],
    Check("overfit_check.inputs_unchanged", "overfit_check", lambda rng: _overfit_case(rng, "wrong"), Unchanged(),
          weight=0.25, provide=_TRAIN, misconceptions=("inputs_mutated",)),
]
