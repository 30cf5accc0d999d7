"""Checks of notebook 04_batches.

- random_mini_batches, judged by properties (any RNG is right). X has distinct columns and Y distinct entries, so
  every column can be traced: the batches must be a shuffled partition of the columns, with each X column still
  next to its own Y, in batches of mini_batch_size columns and a smaller last one.
- per_example_gradients: values against the reference on the provided model (net_forward, net_backward are
  provided: they are the notebook's locked cell), for several examples and for one.
- mini_batch_gradient_descent: the final parameters and the per-step costs against the reference, which follows
  the protocol the notebook states (epoch e shuffles with seed + e, the cost of a batch before its step); the
  batches come from the reference random_mini_batches, so a wrong random_mini_batches costs nothing here.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from autograder.checks import catalogue
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged, Values
from autograder.checks.inputs import distinct_sizes


def _case(rng, multiple=False, full=None):
    size = int(rng.choice([8, 16, 32])) if full != 0 else 32
    full = int(rng.integers(2, 5)) if full is None else full
    # a remainder of at most half a batch: then no other way of cutting m columns (e.g. into
    # ceil(m / size) equal parts) gives the same sizes by chance; a single batch (full = 0) holds enough
    # columns that a draw with replacement repeats one (or misses one) for certain in practice
    rest = 0 if multiple else int(rng.integers(1, size // 2 + 1)) if full else int(rng.integers(size // 2, size))
    m = full * size + rest
    n_x = int(rng.integers(2, 5))
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.permutation(m) + 1.0).reshape(1, m)  # distinct: a Y entry names its column
    return Case((X, Y), {"mini_batch_size": size, "seed": int(rng.integers(0, 1000))},
                {"m": m, "size": size, "rest": rest})


def _case_seeds(rng):
    """The same seed twice and another seed."""
    case = _case(rng)
    seed = case.kwargs["seed"]
    return Case(case.args, case.kwargs, case.context,
                more=((case.args, case.kwargs), (case.args, dict(case.kwargs, seed=seed + 1))))


def _batches(trial: Trial, got=None):
    """The returned batches as a list of (X_batch, Y_batch) arrays, or a Failure. The work is bounded
    whatever comes back: more batches or columns than m examples can fill is rejected before any loop."""
    got = trial.outcome.value if got is None else got
    X, Y = trial.case.args
    m = X.shape[1]
    label = trial.check.output
    if got is None:
        return catalogue.message_for(trial, "missing_return", label)
    if not isinstance(got, (list, tuple)) or not all(isinstance(b, (list, tuple)) and len(b) == 2 for b in got):
        return Failure(f"`random_mini_batches` ({label}): expected a list of (X_batch, Y_batch) tuples.")
    if len(got) > m + 1:
        return Failure(f"`random_mini_batches` ({label}): it returned {len(got)} batches for {m} examples; "
                       "every batch holds at least one example.")
    sizes = [np.shape(xb) for xb, _ in got]
    if sum(int(np.prod(s)) for s in sizes) > 2 * X.size:
        return Failure(f"`random_mini_batches` ({label}): the batches hold more numbers than X has "
                       f"({sum(int(np.prod(s)) for s in sizes)} for {X.size}); every example appears once.")
    out = []
    for i, (xb, yb) in enumerate(got):
        xb, yb = np.asarray(xb, dtype=float), np.asarray(yb, dtype=float)
        if xb.ndim == 2 and yb.ndim == 2 and (xb.shape[0], yb.shape[0]) != (X.shape[0], Y.shape[0]):
            return catalogue.message_for(trial, "batch_rows_cut", label, i=i, got=f"{xb.shape} and {yb.shape}")
        if xb.ndim == 2 and yb.ndim == 2 and xb.shape[1] != yb.shape[1]:
            return catalogue.message_for(trial, "batch_pair_sizes", label, i=i, got=f"{xb.shape} and {yb.shape}")
        if xb.ndim != 2 or xb.shape[0] != X.shape[0] or yb.ndim != 2 or yb.shape[0] != Y.shape[0] \
                or xb.shape[1] != yb.shape[1]:
            return Failure(f"`random_mini_batches` ({label}): batch {i} has shapes {xb.shape} and {yb.shape}; "
                           f"expected ({X.shape[0]}, b) and ({Y.shape[0]}, b) with examples as columns.")
        out.append((xb, yb))
    return out


def _column_index(X: np.ndarray) -> dict:
    """X's columns (as bytes of float64) -> their index; columns are distinct (drawn from a normal)."""
    return {np.ascontiguousarray(X[:, j], dtype=float).tobytes(): j for j in range(X.shape[1])}


def _columns(trial: Trial, batches):
    """For every returned X column, the index of the original column it is (-1 if none): one dict
    lookup per column, so bounded by the (already capped) number of returned columns."""
    index = _column_index(trial.case.args[0])
    found = []
    for xb, _ in batches:
        cols = np.ascontiguousarray(xb.T, dtype=float)
        found.extend(index.get(c.tobytes(), -1) for c in cols)
    return found


def _partition(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    m, rest = trial.case.context["m"], trial.case.context["rest"]
    cols = _columns(trial, batches)
    if sorted(cols) == list(range(m)):
        return None
    if len(set(cols)) == len(cols) and -1 not in cols and len(cols) == m - rest and rest:
        return catalogue.message_for(trial, "remainder_dropped", "batches", rest=rest)
    return catalogue.message_for(trial, "not_a_partition", "batches")


def _pairs(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    Y = trial.case.args[1]
    cols = np.array(_columns(trial, batches), dtype=int)
    got_y = np.concatenate([yb for _, yb in batches], axis=1) if batches else np.zeros((Y.shape[0], 0))
    known = cols >= 0
    if not np.array_equal(Y[:, cols[known]], got_y[:, known]):
        return catalogue.message_for(trial, "pairs_broken", "pairs")
    return None


def _sizes(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    m, size, rest = (trial.case.context[k] for k in ("m", "size", "rest"))
    want = [size] * (m // size) + ([rest] if rest else [])
    got = [xb.shape[1] for xb, _ in batches]
    if got == want:
        return None
    if rest and got == want[:-1]:
        return catalogue.message_for(trial, "remainder_dropped", "sizes", rest=rest)
    return catalogue.message_for(trial, "batch_sizes", "sizes")


def _shuffled(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    cols = _columns(trial, batches)
    if cols == sorted(cols):
        return catalogue.message_for(trial, "not_shuffled", "order")
    return None


def _seeded(trial: Trial):
    """The same seed gives the same batches, another seed other batches (any RNG)."""
    runs = [trial.outcome.value, trial.more[0].value, trial.more[1].value]
    orders = []
    for got in runs:
        batches = _batches(trial, got)
        if isinstance(batches, Failure):
            return batches
        orders.append(_columns(trial, batches))
    m = trial.case.context["m"]
    if any(sorted(order) != list(range(m)) for order in orders) or orders[0] == list(range(m)):
        return None  # not a shuffled partition: `partition` and `shuffled` say so, the seed is not the point
    if orders[0] != orders[1]:
        return catalogue.message_for(trial, "batches_seed_ignored", "seed")
    if orders[0] == orders[2]:
        return catalogue.message_for(trial, "batches_seed_fixed", "seed")
    return None


CHECKS = [
    Check("random_mini_batches.partition", "random_mini_batches", _case, Property(_partition), weight=1,
          misconceptions=("remainder_dropped", "not_a_partition", "batch_rows_cut", "batch_pair_sizes")),
    Check("random_mini_batches.pairs", "random_mini_batches", _case, Property(_pairs), weight=1,
          misconceptions=("pairs_broken",)),
    Check("random_mini_batches.sizes", "random_mini_batches", _case, Property(_sizes), weight=0.5,
          misconceptions=("remainder_dropped", "batch_sizes")),
    Check("random_mini_batches.exact_multiple", "random_mini_batches", lambda rng: _case(rng, multiple=True),
          Property(_sizes), weight=0.5, misconceptions=("batch_sizes",)),
    Check("random_mini_batches.shuffled", "random_mini_batches", _case, Property(_shuffled), weight=0.25,
          misconceptions=("not_shuffled",)),
    Check("random_mini_batches.one_batch", "random_mini_batches", lambda rng: _case(rng, full=0), Property(_partition),
          weight=0.25, misconceptions=("remainder_dropped", "not_a_partition", "batch_rows_cut", "batch_pair_sizes")),
    Check("random_mini_batches.seed", "random_mini_batches", _case_seeds, Property(_seeded), weight=0.25,
          misconceptions=("batches_seed_ignored", "batches_seed_fixed")),
    Check("random_mini_batches.inputs_unchanged", "random_mini_batches", _case, Unchanged(), weight=0.25,
          misconceptions=("inputs_mutated",)),
]


# ---------------------------------------------------------------------------------------------------
# per_example_gradients and mini_batch_gradient_descent, on the provided model of the notebook

_MODEL = ("net_forward", "net_backward")


def _model_case(rng, m=None, ragged=True):
    """Data and parameters of the provided tanh regression model: n_x, n_h and m all distinct (a transposed
    or mis-stacked array cannot keep its shape by chance), and weights large enough that every example's
    gradient differs from the others'."""
    n_x, n_h, m_drawn = distinct_sizes(rng, (2, 4), (5, 7), (9, 13))
    m = m_drawn if m is None else m
    X = rng.normal(0, 1, (n_x, m))
    Y = rng.normal(0, 1, (1, m))
    params = {"W1": rng.normal(0, 0.8, (n_h, n_x)), "b1": rng.normal(0, 0.3, (n_h, 1)),
              "W2": rng.normal(0, 0.8, (1, n_h)), "b2": rng.normal(0, 0.3, (1, 1))}
    return Case((X, Y, params), {}, {"m": m})


def _training_case(rng, one_batch=False):
    case = _model_case(rng, m=int(rng.integers(21, 30)))
    m = case.context["m"]
    # a last, smaller batch (m is not a multiple), or one batch holding every example
    size = m + int(rng.integers(0, 5)) if one_batch else int(rng.choice([4, 6, 8]))
    if not one_batch and m % size == 0:
        size += 1
    kwargs = {"learning_rate": float(rng.uniform(0.15, 0.4)), "num_epochs": int(rng.integers(2, 4)),
              "mini_batch_size": size, "seed": int(rng.integers(1, 1000))}
    return Case(case.args, kwargs, dict(case.context, steps=kwargs["num_epochs"] * -(-m // size)))


def _cost_count(trial: Trial):
    """The number of costs, as a fact (one per step), before the values are compared."""
    got = trial.outcome.value
    if not (isinstance(got, (list, tuple)) and len(got) == 2):
        return Failure("`mini_batch_gradient_descent`: expected a tuple (parameters, costs).")
    costs = got[1]
    steps = trial.case.context["steps"]
    if not isinstance(costs, (list, tuple, np.ndarray)) or np.ndim(costs) != 1:
        return Failure("`mini_batch_gradient_descent` (costs): expected a list of floats, one per step.")
    if len(costs) != steps:
        kw = trial.case.kwargs
        epochs = kw["num_epochs"]
        if any(catalogue.twin_gives(trial, twin) for twin in catalogue.TWINS[(trial.check.function, "costs_per_epoch")]):
            return catalogue.message_for(trial, "costs_per_epoch", "costs", steps=steps, epochs=epochs)
        return Failure(f"`mini_batch_gradient_descent` (costs): {len(costs)} costs for {epochs} epochs of "
                       f"{steps // epochs} batches; record one cost per step ({steps} in all).")
    return None


def _as_list(trial: Trial) -> Trial:
    """The trial with the costs as a list of floats when they came back as a 1-D array (the contract asks for a
    list; an array of the same numbers is as good)."""
    got = trial.outcome.value
    if isinstance(got, (list, tuple)) and len(got) == 2 and isinstance(got[1], np.ndarray) and got[1].ndim == 1 \
            and got[1].size <= 100_000:
        outcome = dataclasses.replace(trial.outcome, value=(got[0], [float(c) for c in got[1]]))
        return dataclasses.replace(trial, outcome=outcome)
    return trial


def _costs(trial: Trial):
    return Values(key=1, label="costs").verify(_as_list(trial))


_TRAINING = ("random_mini_batches", "net_forward", "net_cost", "net_backward")
_TRAINING_MISTAKES = ("epoch_seed_fixed", "epochs_from_one", "biases_not_updated", "gradient_ascent",
                      "learning_rate_divides", "cost_after_step", "cost_of_all_examples", "learning_rate_ignored",
                      "epochs_ignored", "batch_size_ignored", "seed_argument_ignored", "epoch_seed_offset")

CHECKS += [
    Check("per_example_gradients.values", "per_example_gradients", _model_case, Values(exact=True), weight=2,
          provide=_MODEL, misconceptions=("per_example_full_batch", "per_example_averaged", "per_example_axis",
                                          "per_example_summed", "averaged_twice", "per_example_slice",
                                          "per_example_m_from_rows")),
    Check("per_example_gradients.one_example", "per_example_gradients", lambda rng: _model_case(rng, m=1),
          Values(exact=True), weight=0.5, provide=_MODEL, misconceptions=("per_example_axis", "per_example_slice",
                                                                   "per_example_m_from_rows")),
    Check("per_example_gradients.inputs_unchanged", "per_example_gradients", _model_case, Unchanged(),
          weight=0.5, provide=_MODEL, misconceptions=("inputs_mutated",)),
    Check("mini_batch_gradient_descent.cost_count", "mini_batch_gradient_descent", _training_case,
          Property(_cost_count), weight=0.5, provide=_TRAINING, misconceptions=("costs_per_epoch",)),
    Check("mini_batch_gradient_descent.costs", "mini_batch_gradient_descent", _training_case,
          Property(_costs), weight=1, provide=_TRAINING, misconceptions=_TRAINING_MISTAKES),
    Check("mini_batch_gradient_descent.parameters", "mini_batch_gradient_descent", _training_case,
          Values(key=0, label="parameters", exact=True), weight=1.5, provide=_TRAINING, misconceptions=_TRAINING_MISTAKES),
    Check("mini_batch_gradient_descent.one_batch", "mini_batch_gradient_descent",
          lambda rng: _training_case(rng, one_batch=True), Values(key=0, label="parameters", exact=True), weight=0.5,
          provide=_TRAINING, misconceptions=_TRAINING_MISTAKES),
    Check("mini_batch_gradient_descent.inputs_unchanged", "mini_batch_gradient_descent", _training_case,
          Unchanged(), weight=0.5, provide=_TRAINING, misconceptions=("inputs_mutated",)),
]
