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
        return diagnose.message_for(trial, "missing_return", label)
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
            return diagnose.message_for(trial, "batch_rows_cut", label, i=i, got=f"{xb.shape} and {yb.shape}")
        if xb.ndim == 2 and yb.ndim == 2 and xb.shape[1] != yb.shape[1]:
            return diagnose.message_for(trial, "batch_pair_sizes", label, i=i, got=f"{xb.shape} and {yb.shape}")
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
        return diagnose.message_for(trial, "remainder_dropped", "batches", rest=rest)
    return diagnose.message_for(trial, "not_a_partition", "batches")


def _pairs(trial: Trial):
    batches = _batches(trial)
    if isinstance(batches, Failure):
        return batches
    Y = trial.case.args[1]
    cols = np.array(_columns(trial, batches), dtype=int)
    got_y = np.concatenate([yb for _, yb in batches], axis=1) if batches else np.zeros((Y.shape[0], 0))
    known = cols >= 0
    if not np.array_equal(Y[:, cols[known]], got_y[:, known]):
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
        return diagnose.message_for(trial, "batches_seed_ignored", "seed")
    if orders[0] == orders[2]:
        return diagnose.message_for(trial, "batches_seed_fixed", "seed")
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
