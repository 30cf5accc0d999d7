"""Checks of notebook 04_batches: random_mini_batches, judged by properties (any RNG is right).

X has distinct columns and Y distinct entries, so every column can be traced: the batches must be a
shuffled partition of the columns, with each X column still next to its own Y, in batches of
mini_batch_size columns and a smaller last one.
"""

from __future__ import annotations


import numpy as np

from autograder import diagnose
from autograder.checks.engine import Case, Check, Failure, Trial
from autograder.checks.kinds import Property, Unchanged


def _case(rng, multiple=False):
    size = int(rng.choice([8, 16, 32]))
    full = int(rng.integers(2, 5))
    # a remainder of at most half a batch: then no other way of cutting m columns (e.g. into
    # ceil(m / size) equal parts) gives the same sizes by chance
    rest = 0 if multiple else int(rng.integers(1, size // 2 + 1))
    m = full * size + rest
    n_x = int(rng.integers(2, 5))
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.permutation(m) + 1.0).reshape(1, m)  # distinct: a Y entry names its column
    return Case((X, Y), {"mini_batch_size": size, "seed": int(rng.integers(0, 1000))},
                {"m": m, "size": size, "rest": rest})


def _batches(trial: Trial):
    """The returned batches as a list of (X_batch, Y_batch) arrays, or a Failure."""
    got = trial.outcome.value
    X, Y = trial.case.args
    label = trial.check.output
    if got is None:
        return diagnose.message_for(trial, "missing_return", label)
    if not isinstance(got, (list, tuple)) or not all(isinstance(b, (list, tuple)) and len(b) == 2 for b in got):
        return Failure(f"`random_mini_batches` ({label}): expected a list of (X_batch, Y_batch) tuples.")
    out = []
    for i, (xb, yb) in enumerate(got):
        xb, yb = np.asarray(xb, dtype=float), np.asarray(yb, dtype=float)
        if xb.ndim != 2 or xb.shape[0] != X.shape[0] or yb.ndim != 2 or yb.shape[0] != Y.shape[0] \
                or xb.shape[1] != yb.shape[1]:
            return Failure(f"`random_mini_batches` ({label}): batch {i} has shapes {xb.shape} and {yb.shape}; "
                           f"expected ({X.shape[0]}, b) and ({Y.shape[0]}, b) with examples as columns.")
        out.append((xb, yb))
    return out


def _columns(trial: Trial, batches):
    """For every returned X column, the index of the original column it is (-1 if none)."""
    X = trial.case.args[0]
    found = []
    for xb, _ in batches:
        for j in range(xb.shape[1]):
            hits = np.flatnonzero(np.all(X == xb[:, j:j + 1], axis=0))
            found.append(int(hits[0]) if hits.size else -1)
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
        return diagnose.message_for(trial, "remainder_dropped", "batches", rest=rest)
    return diagnose.message_for(trial, "not_a_partition", "batches")


def _pairs(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    X, Y = trial.case.args
    for (xb, yb), start in zip(batches, np.cumsum([0] + [b[0].shape[1] for b in batches])):
        for j in range(xb.shape[1]):
            hits = np.flatnonzero(np.all(X == xb[:, j:j + 1], axis=0))
            if hits.size and not np.array_equal(Y[:, hits[0]], yb[:, j]):
                return diagnose.message_for(trial, "pairs_broken", "pairs")
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
        return diagnose.message_for(trial, "remainder_dropped", "sizes", rest=rest)
    return diagnose.message_for(trial, "batch_sizes", "sizes")


def _shuffled(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    cols = _columns(trial, batches)
    if cols == sorted(cols):
        return diagnose.message_for(trial, "not_shuffled", "order")
    return None


CHECKS = [
    Check("random_mini_batches.partition", "random_mini_batches", _case, Property(_partition), weight=1,
          misconceptions=("remainder_dropped", "not_a_partition")),
    Check("random_mini_batches.pairs", "random_mini_batches", _case, Property(_pairs), weight=1,
          misconceptions=("pairs_broken",)),
    Check("random_mini_batches.sizes", "random_mini_batches", _case, Property(_sizes), weight=0.5,
          misconceptions=("remainder_dropped", "batch_sizes")),
    Check("random_mini_batches.exact_multiple", "random_mini_batches", lambda rng: _case(rng, multiple=True),
          Property(_sizes), weight=0.5, misconceptions=("batch_sizes",)),
    Check("random_mini_batches.shuffled", "random_mini_batches", _case, Property(_shuffled), weight=0.5,
          misconceptions=("not_shuffled",)),
    Check("random_mini_batches.inputs_unchanged", "random_mini_batches", _case, Unchanged(), weight=0.5,
          misconceptions=("inputs_mutated",)),
]
