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


@pytest.fixture
def wave():
    rng = np.random.default_rng(4)
    X = rng.normal(0, 1, (3, 11))
    Y = rng.normal(0, 1, (1, 11))
    return X, Y, batches.net_init(3, 5, seed=4)


def _numerical(X, Y, p, eps=1e-6):
    out = {}
    for name, value in p.items():
        grad = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus, minus = {k: v.copy() for k, v in p.items()}, {k: v.copy() for k, v in p.items()}
            plus[name][idx] += eps
            minus[name][idx] -= eps
            grad[idx] = (batches.net_cost(batches.net_forward(X, plus)[0], Y)
                         - batches.net_cost(batches.net_forward(X, minus)[0], Y)) / (2 * eps)
        out["d" + name] = grad
    return out


def test_provided_model_gradient_matches_finite_differences(wave):
    X, Y, p = wave
    grads = batches.net_backward(X, Y, p, batches.net_forward(X, p)[1])
    assert dict_rel_diff(grads, _numerical(X, Y, p)) < 1e-7


def test_provided_model_gradient_matches_torch(wave):
    torch = pytest.importorskip("torch")
    X, Y, p = wave
    t = {k: torch.tensor(v, requires_grad=True) for k, v in p.items()}
    Yhat = t["W2"] @ torch.tanh(t["W1"] @ torch.tensor(X) + t["b1"]) + t["b2"]
    cost = ((Yhat - torch.tensor(Y)) ** 2).sum() / (2 * X.shape[1])
    cost.backward()
    grads = batches.net_backward(X, Y, p, batches.net_forward(X, p)[1])
    assert float(cost) == pytest.approx(batches.net_cost(batches.net_forward(X, p)[0], Y), rel=1e-12)
    assert dict_rel_diff(grads, {"d" + k: v.grad.numpy() for k, v in t.items()}) < 1e-12


def test_full_batch_gradient_is_mean_of_per_example_gradients(wave):
    X, Y, p = wave
    m, n_h, n_x = X.shape[1], p["W1"].shape[0], X.shape[0]
    before = snapshot(X, Y, p)
    per = batches.per_example_gradients(X, Y, p)
    assert_unchanged(before, snapshot(X, Y, p))
    assert {k: v.shape for k, v in per.items()} == {
        "dW1": (m, n_h, n_x), "db1": (m, n_h, 1), "dW2": (m, 1, n_h), "db2": (m, 1, 1)}
    for i in (0, m - 1):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        one = batches.net_backward(x, y, p, batches.net_forward(x, p)[1])
        assert all(np.array_equal(per[k][i], one[k]) for k in one)
    full = batches.net_backward(X, Y, p, batches.net_forward(X, p)[1])
    mean = batches.mean_of_per_example_gradients(X, Y, p)
    assert dict_rel_diff(full, mean) < 1e-14
    assert batches.batch_gradient_gap(X, Y, p) < 1e-15
    # the examples really differ: the mean is not just any one of them
    assert dict_rel_diff(full, {k: v[0] for k, v in per.items()}) > 1e-2


def test_mini_batch_gradient_descent_follows_the_protocol(wave):
    X, Y, p = wave
    before = snapshot(X, Y, p)
    params, costs = batches.mini_batch_gradient_descent(X, Y, p, learning_rate=0.3, num_epochs=3, mini_batch_size=4,
                                                       seed=9)
    assert_unchanged(before, snapshot(X, Y, p))
    assert len(costs) == 3 * 3 and all(isinstance(c, float) for c in costs)  # 11 examples: batches of 4, 4, 3
    # by hand: every step of every epoch, with epoch e cut by seed 9 + e
    q, expected = {k: v.copy() for k, v in p.items()}, []
    for epoch in range(3):
        for xb, yb in batches.random_mini_batches(X, Y, 4, 9 + epoch):
            yhat, cache = batches.net_forward(xb, q)
            expected.append(batches.net_cost(yhat, yb))
            g = batches.net_backward(xb, yb, q, cache)
            q = {k: v - 0.3 * g["d" + k] for k, v in q.items()}
    assert costs == expected and dict_rel_diff(params, q) == 0
    # it learns: the cost on all the data falls
    cost = lambda r: batches.net_cost(batches.net_forward(X, r)[0], Y)  # noqa: E731
    assert cost(params) < cost(p)
    # one batch of everything and one epoch is one full-batch gradient step
    one, _ = batches.mini_batch_gradient_descent(X, Y, p, learning_rate=0.3, num_epochs=1, mini_batch_size=50)
    full = batches.net_backward(X, Y, p, batches.net_forward(X, p)[1])
    assert dict_rel_diff(one, {k: v - 0.3 * full["d" + k] for k, v in p.items()}) < 1e-15


def test_the_notebooks_provided_model_is_the_reference():
    from authoring import nb04_batches

    cell = next(text for kind, text, meta in nb04_batches.CELLS if meta.get("grade_id") == "provided_model")
    ns = {"np": np, "time": __import__("time")}
    exec(cell, ns)
    for fn in batches.PROVIDED_MODEL:
        assert ns[fn.__name__].__doc__ == fn.__doc__
    X, Y = ns["make_wave"](20, seed=1)
    p = ns["net_init"](2, 4, seed=1)
    assert ns["net_backward"](X, Y, p, ns["net_forward"](X, p)[1]).keys() == {"dW1", "db1", "dW2", "db2"}
    assert dict_rel_diff(ns["net_backward"](X, Y, p, ns["net_forward"](X, p)[1]),
                         batches.net_backward(X, Y, p, batches.net_forward(X, p)[1])) == 0


def test_duplicated_batch_gives_the_same_gradient(net2):
    X, Y, p = net2
    full = backward_propagation(X, Y, p, forward_propagation(X, p)[1])
    X2, Y2 = np.tile(X, 2), np.tile(Y, 2)
    assert X2.shape == (N_X, 2 * M)
    doubled = backward_propagation(X2, Y2, p, forward_propagation(X2, p)[1])
    assert dict_rel_diff(full, doubled) < 1e-14  # averaged, not summed
