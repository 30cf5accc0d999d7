"""Mini-batches partition the data with pairs kept; the batch gradient is the mean of per-example ones."""

import numpy as np
import pytest
from conftest import M, N_H, N_X, assert_unchanged, dict_rel_diff, snapshot

from autograder.reference import batches
from autograder.reference.network import backward_propagation, forward_propagation


def labelled_data(n_x, m):
    """X whose column i is recognisable (all entries encode i) and Y = i, so pairs can be traced."""
    X = np.arange(m)[np.newaxis, :] + np.arange(n_x)[:, np.newaxis] * 1000.0
    Y = np.arange(m, dtype=float)[np.newaxis, :]
    return X, Y


@pytest.mark.parametrize("m, size", [(150, 64), (128, 64), (7, 3), (5, 10), (1, 64)])
def test_random_mini_batches_partition_pairs_sizes_and_remainder(m, size):
    X, Y = labelled_data(N_X, m)
    before = snapshot(X, Y)
    out = batches.random_mini_batches(X, Y, mini_batch_size=size, seed=2)
    assert_unchanged(before, snapshot(X, Y))
    assert len(out) == -(-m // size)  # ceil
    expected_sizes = [size] * (m // size) + ([m % size] if m % size else [])
    assert [xb.shape for xb, _ in out] == [(N_X, b) for b in expected_sizes]
    assert [yb.shape for _, yb in out] == [(1, b) for b in expected_sizes]
    seen = np.concatenate([yb[0] for _, yb in out])
    assert sorted(seen) == list(range(m))  # every example exactly once
    for xb, yb in out:
        assert np.array_equal(xb, X[:, yb[0].astype(int)])  # each column still beside its label


def test_random_mini_batches_shuffles_reproducibly_and_copies():
    X, Y = labelled_data(2, 200)
    a = batches.random_mini_batches(X, Y, 64, seed=0)
    b = batches.random_mini_batches(X, Y, 64, seed=0)
    c = batches.random_mini_batches(X, Y, 64, seed=1)
    order = lambda out: np.concatenate([yb[0] for _, yb in out])  # noqa: E731
    assert np.array_equal(order(a), order(b))
    assert not np.array_equal(order(a), order(c))
    assert not np.array_equal(order(a), np.arange(200))  # actually shuffled
    a[0][0][:] = -1  # writing into a batch must not reach the caller's data
    assert np.all(X >= 0)


def test_full_batch_gradient_is_mean_of_per_example_gradients(net2):
    X, Y, p = net2
    before = snapshot(X, Y, p)
    per = batches.per_example_gradients(X, Y, p)
    assert_unchanged(before, snapshot(X, Y, p))
    assert {k: v.shape for k, v in per.items()} == {
        "dW1": (M, N_H, N_X), "db1": (M, N_H, 1), "dW2": (M, 1, N_H), "db2": (M, 1, 1)}
    for i in (0, M - 1):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        one = backward_propagation(x, y, p, forward_propagation(x, p)[1])
        assert all(np.array_equal(per[k][i], one[k]) for k in one)
    full = backward_propagation(X, Y, p, forward_propagation(X, p)[1])
    mean = batches.mean_of_per_example_gradients(X, Y, p)
    assert dict_rel_diff(full, mean) < 1e-14
    assert batches.batch_gradient_gap(X, Y, p) < 1e-15
    # the examples really differ: the mean is not just any one of them
    assert dict_rel_diff(full, {k: v[0] for k, v in per.items()}) > 1e-2


def test_duplicated_batch_gives_the_same_gradient(net2):
    X, Y, p = net2
    full = backward_propagation(X, Y, p, forward_propagation(X, p)[1])
    X2, Y2 = np.tile(X, 2), np.tile(Y, 2)
    assert X2.shape == (N_X, 2 * M)
    doubled = backward_propagation(X2, Y2, p, forward_propagation(X2, p)[1])
    assert dict_rel_diff(full, doubled) < 1e-14  # averaged, not summed
