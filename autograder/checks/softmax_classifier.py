"""Checks of notebook 07_softmax_classifier: a ReLU hidden layer, a softmax output, mean cross-entropy.

- softmax_cost: values (C = 3 or 4 classes, m = 1 too).
- classifier_forward: A2 and the cache against the reference; logits whose columns sit near -1000 or +1000 and
  spread over thousands or not (a softmax without each column's own maximum gives nan or inf); m = 1.
- classifier_backward: dW1, db1, dW2, db2 on an independent cache (A1 has Z1's sign pattern but not relu(Z1)'s
  values, A2 is a column-stochastic matrix that is not softmax(Z2)), so only an answer that reads the cache is right.
- predict_classes: values and integer dtype, with the reference classifier_forward provided.
- train_classifier: parameters and costs against the stated start and protocol, with the reference forward,
  backward and cost provided; a random learning rate, seed and iteration count.
"""

from __future__ import annotations

import numpy as np

from autograder.checks import catalogue
from autograder.checks.compare import compare
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.inputs import away_from_zero, distinct_sizes, shuffled
from autograder.checks.kinds import Property, Unchanged, Values


def _sizes(rng):
    """(n_x, n_h, C, m), all different, so a transposed product or a wrong axis never fits."""
    return distinct_sizes(rng, (2, 3), (6, 8), (4, 5), (9, 13))


def _one_hot(rng, C, m):
    labels = rng.integers(0, C, m)
    labels[: min(C, m)] = np.arange(min(C, m))
    return np.eye(C)[:, rng.permutation(labels)]


def _params(rng, n_x, n_h, C, scale=1.0):
    return {"W1": rng.normal(0, scale, (n_h, n_x)), "b1": rng.normal(0, scale, (n_h, 1)),
            "W2": rng.normal(0, scale, (C, n_h)), "b2": rng.normal(0, scale, (C, 1))}


def _probabilities(rng, C, m):
    e = np.exp(rng.normal(0, 1, (C, m)))
    return e / e.sum(axis=0, keepdims=True)


def _cost_case(rng, one_example=False):
    _, _, C, m = _sizes(rng)
    m = 1 if one_example else m
    return Case((_probabilities(rng, C, m), _one_hot(rng, C, m)), context={"m": m, "C": C})


def _forward_case(rng, one_example=False, large=False):
    n_x, n_h, C, m = _sizes(rng)
    m = 1 if one_example else m
    X = rng.normal(0, 1, (n_x, m))
    p = _params(rng, n_x, n_h, C)
    if large:
        X, p = _large_logits(rng, X, p)
    # example 0 has a hidden unit below 0 and one above, so relu(Z1) != Z1 even for m = 1
    p["b1"][0, 0] = -(p["W1"][0] @ X[:, 0]) - 1.0
    p["b1"][1, 0] = -(p["W1"][1] @ X[:, 0]) + 1.0
    return Case((X, shuffled(rng, p)), context={"m": m, "C": C})


def _large_logits(rng, X, p):
    """Logits whose columns differ in level and in spread, at least as hard as the visible test's (logits in the
    thousands). Hidden unit 2 reads feature 0 and adds the same amount to every logit of its column (weights of
    2000 in every class, b2 lowered by 1000): each column sits near -1000 (unit off) or at +1000 to +3000 (on), so
    subtracting one maximum for the whole matrix empties the low columns (0 / 0). Hidden unit 3 reads feature 1
    and spreads the logits of its column by thousands (weights +-1000 per class): subtracting a column's mean or
    minimum instead of its maximum overflows there. Columns of the four kinds all occur (m >= 9)."""
    X, p = X.copy(), {k: v.copy() for k, v in p.items()}
    m, C = X.shape[1], p["W2"].shape[0]
    kinds = np.resize(np.arange(4), m)[rng.permutation(m)]  # (level on, spread on) as two bits per column
    X[0] = np.where(kinds & 1, 1.0, -1.0) * rng.uniform(1.0, 2.0, m)
    X[1] = np.where(kinds & 2, 1.0, -1.0) * rng.uniform(1.0, 2.0, m)
    for unit, feature in ((2, 0), (3, 1)):
        p["W1"][unit] = 0.0
        p["W1"][unit, feature] = 1.0
        p["b1"][unit] = 0.0
    p["W2"][:, 2] = 2000.0
    p["W2"][:, 3] = 1000.0 * rng.permutation(np.linspace(-1.0, 1.0, C))
    p["b2"] = p["b2"] - 1000.0
    return X, p


def _backward_case(rng, one_example=False):
    n_x, n_h, C, m = _sizes(rng)
    m = 1 if one_example else m
    X = rng.normal(0, 1, (n_x, m))
    p = _params(rng, n_x, n_h, C)
    Z1 = away_from_zero(rng, (n_h, m), 0.05, 2.0)
    # entries on both sides of 0 and of +-1, also for m = 1: a mask at another threshold than 0 is always seen
    Z1.reshape(-1)[:4] = rng.uniform(0.1, 0.9), -rng.uniform(0.1, 0.9), rng.uniform(1.1, 2.0), -rng.uniform(1.1, 2.0)
    A1 = np.where(Z1 > 0, rng.uniform(0.1, 2.0, Z1.shape), 0.0)  # relu's sign pattern, not its values
    Z2 = rng.normal(0, 1, (C, m))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": _probabilities(rng, C, m)}
    return Case((X, _one_hot(rng, C, m), shuffled(rng, p), cache), context={"m": m, "C": C})


def _predict_case(rng):
    """Inputs with a column whose largest probability is below 0.5 and not in class 0 (a threshold at 0.5 finds no
    class there) and a column whose largest is above 0.5: only the argmax over each column's rows is right."""
    n_x, n_h, C, m = _sizes(rng)
    while True:
        X, p = rng.normal(0, 1, (n_x, m)), _params(rng, n_x, n_h, C, scale=0.5)
        Z2 = p["W2"] @ np.maximum(0, p["W1"] @ X + p["b1"]) + p["b2"]
        A2 = np.exp(Z2 - Z2.max(axis=0)) / np.exp(Z2 - Z2.max(axis=0)).sum(axis=0)
        low = (A2.max(axis=0) < 0.45) & (A2.argmax(axis=0) != 0)
        if low.any() and (A2.max(axis=0) > 0.55).any():
            return Case((X, p), context={"m": m})


def _integer_labels(trial: Trial):
    got = trial.outcome.value
    if isinstance(got, np.ndarray) and got.dtype.kind in "iu":
        return None
    if isinstance(got, np.ndarray) and got.dtype.kind in "fb" and compare(got, trial.expected) is None:
        return catalogue.message_for(trial, "labels_not_integers", "dtype", dtype=str(got.dtype))
    return Failure(f"`predict_classes` (dtype): expected a 1-D integer array, got "
                   f"{type(got).__name__ if not isinstance(got, np.ndarray) else got.dtype}.")


def _costs(trial: Trial):
    """Values of the costs; a 1-D array of costs is as good as a list."""
    got = trial.outcome.value
    if isinstance(got, (tuple, list)) and len(got) == 2 and isinstance(got[1], np.ndarray) and got[1].ndim == 1:
        trial.outcome.value = (got[0], [float(c) for c in got[1]])
    return Values(key=1, label="costs").verify(trial)


def _start(trial: Trial):
    """num_iterations=0: the stated start, and no cost (one cost per iteration)."""
    got = trial.outcome.value
    if isinstance(got, (tuple, list)) and len(got) == 2 and hasattr(got[1], "__len__") and len(got[1]) != 0:
        return Failure(f"`train_classifier` (costs): with num_iterations=0 it recorded {len(got[1])} costs; record "
                       "one cost per iteration, so none when there is no iteration.")
    return Values(key=0, label="parameters").verify(trial)


def _train_case(rng, iterations=None):
    n_x, n_h, C, m = _sizes(rng)
    X = rng.normal(0, 1, (n_x, m))
    n = int(rng.integers(21, 31)) if iterations is None else iterations
    kwargs = {"learning_rate": float(rng.uniform(0.3, 0.8)), "num_iterations": n, "seed": int(rng.integers(1, 1000))}
    return Case((X, _one_hot(rng, C, m), n_h), kwargs, {"m": m, "C": C})


_COST = ("log_base", "softmax_cost_binary_formula", "softmax_cost_mean_over_classes", "m_from_classes",
         "cost_not_reduced", "sign_flipped", "not_averaged", "m_multiplied")
_FORWARD = ("softmax_global_max", "softmax_shift_not_max", "softmax_wrong_axis", "softmax_sum_all", "softmax_overflow",
            "softmax_shift_in_cache",
            "wrong_hidden_activation", "relu_min_max", "kink_moved", "classifier_sigmoid_output", "z1_into_layer2", "classifier_returns_z2",
            "cache_mixed_up", "bias_missing", "cache_incomplete", "matrix_dimensions")
_BACKWARD = ("dz2_ignores_labels", "dz2_from_z2", "output_derivative_extra", "relu_mask_missing", "relu_mask_inverted",
             "kink_moved", "a1_from_z1",
             "cache_not_used", "m_from_features", "m_from_classes", "not_averaged", "averaged_twice", "m_multiplied", "transposed",
             "bias_keepdims", "bias_sum_axis", "sign_flipped", "integer_division", "matrix_dimensions")
_PREDICT = ("threshold_not_argmax", "argmax_wrong_axis", "labels_shape", "max_not_argmax", "argmin_not_argmax", "one_hot_returned")
_TRAIN = ("classifier_init_differs", "classifier_init_draw_order", "classifier_never_updates", "biases_not_updated",
          "gradient_ascent",
          "classifier_costs_every_k", "classifier_cost_after_step", "classifier_learning_rate_ignored",
          "classifier_seed_ignored", "classifier_iterations_off_by_one", "classifier_iterations_ignored",
          "matrix_dimensions")
_TRAIN_PROVIDE = ("classifier_forward", "classifier_backward", "softmax_cost")


CHECKS = [
    # softmax_cost
    Check("softmax_cost.values", "softmax_cost", _cost_case, Values(exact=True), weight=3, misconceptions=_COST),
    Check("softmax_cost.one_example", "softmax_cost", lambda rng: _cost_case(rng, True), Values(exact=True),
          weight=0.5),
    Check("softmax_cost.inputs_unchanged", "softmax_cost", _cost_case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
    # classifier_forward
    Check("classifier_forward.A2", "classifier_forward", _forward_case, Values(key=0, label="A2"), weight=1.5,
          misconceptions=_FORWARD),
    Check("classifier_forward.cache", "classifier_forward", _forward_case, Values(key=1, label="cache"), weight=1,
          misconceptions=_FORWARD),
    Check("classifier_forward.large_logits", "classifier_forward", lambda rng: _forward_case(rng, large=True),
          Values(key=0, label="A2"), weight=1, misconceptions=_FORWARD),
    Check("classifier_forward.one_example", "classifier_forward", lambda rng: _forward_case(rng, True), Values(),
          weight=0.5, misconceptions=_FORWARD),
    Check("classifier_forward.inputs_unchanged", "classifier_forward", _forward_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # classifier_backward
    *[Check(f"classifier_backward.{k}", "classifier_backward", _backward_case, Values(key=k), weight=w,
            misconceptions=_BACKWARD) for k, w in (("dW1", 1.5), ("db1", 1), ("dW2", 1.5), ("db2", 1))],
    Check("classifier_backward.one_example", "classifier_backward", lambda rng: _backward_case(rng, True), Values(),
          weight=0.5, misconceptions=_BACKWARD),
    Check("classifier_backward.inputs_unchanged", "classifier_backward", _backward_case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
    # predict_classes
    Check("predict_classes.values", "predict_classes", _predict_case, Values(), weight=2,
          provide=("classifier_forward",), misconceptions=_PREDICT),
    Check("predict_classes.integers", "predict_classes", _predict_case, Property(_integer_labels), weight=0.5,
          provide=("classifier_forward",), misconceptions=("labels_not_integers",)),
    Check("predict_classes.inputs_unchanged", "predict_classes", _predict_case, Unchanged(), weight=0.25,
          provide=("classifier_forward",), misconceptions=("inputs_mutated",)),
    # train_classifier
    Check("train_classifier.parameters", "train_classifier", _train_case, Values(key=0, label="parameters"),
          weight=2, provide=_TRAIN_PROVIDE, misconceptions=_TRAIN),
    Check("train_classifier.costs", "train_classifier", _train_case, Property(_costs), weight=1.5,
          provide=_TRAIN_PROVIDE, misconceptions=_TRAIN),
    Check("train_classifier.few_steps", "train_classifier", lambda rng: _train_case(rng, iterations=3),
          Values(key=0, label="parameters"), weight=0.5, provide=_TRAIN_PROVIDE, misconceptions=_TRAIN),
    Check("train_classifier.start", "train_classifier", lambda rng: _train_case(rng, iterations=0),
          Property(_start), weight=0.5, provide=_TRAIN_PROVIDE,
          misconceptions=("classifier_init_differs", "classifier_init_draw_order", "classifier_seed_ignored")),
    Check("train_classifier.inputs_unchanged", "train_classifier", lambda rng: _train_case(rng, iterations=2),
          Unchanged(), weight=0.25, provide=_TRAIN_PROVIDE, misconceptions=("inputs_mutated",)),
]
