"""The softmax classifier's reference: the backward pass agrees with centred differences of the cost and with torch;
the softmax is stable; the stated start and the cost protocol of train_classifier hold; nothing mutates its inputs."""

import copy

import numpy as np
import pytest

from autograder.data import make_spiral, one_hot
from autograder.reference import softmax_classifier as sc

EPS = 1e-6


def problem(rng, n_x=3, n_h=5, C=4, m=7):
    X = rng.normal(0, 1, (n_x, m))
    Y = np.eye(C)[:, rng.integers(0, C, m)]
    p = {"W1": rng.normal(0, 1, (n_h, n_x)), "b1": rng.normal(0, 0.5, (n_h, 1)),
         "W2": rng.normal(0, 1, (C, n_h)), "b2": rng.normal(0, 0.5, (C, 1))}
    return X, Y, p


def J(X, Y, p):
    return sc.softmax_cost(sc.classifier_forward(X, p)[0], Y)


@pytest.mark.parametrize("m", [1, 7])
def test_backward_matches_finite_differences(m):
    X, Y, p = problem(np.random.default_rng(m), m=m)
    before = copy.deepcopy(p)
    A2, cache = sc.classifier_forward(X, p)
    grads = sc.classifier_backward(X, Y, p, cache)
    assert all(np.array_equal(before[k], p[k]) for k in p)
    for name, value in p.items():
        numeric = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            old = value[idx]
            value[idx] = old + EPS
            plus = J(X, Y, p)
            value[idx] = old - EPS
            minus = J(X, Y, p)
            value[idx] = old
            numeric[idx] = (plus - minus) / (2 * EPS)
        g = grads["d" + name]
        assert g.shape == value.shape
        assert np.linalg.norm(g - numeric) <= 1e-7 * (np.linalg.norm(g) + np.linalg.norm(numeric)), name


def test_forward_is_a_stable_column_softmax():
    X, Y, p = problem(np.random.default_rng(1))
    A2, cache = sc.classifier_forward(X, p)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"} and A2 is cache["A2"]
    np.testing.assert_allclose(A2.sum(axis=0), 1.0, rtol=1e-12)
    e = np.exp(cache["Z2"])
    np.testing.assert_allclose(A2, e / e.sum(axis=0), rtol=1e-12)
    big = {k: v * 1000 for k, v in p.items()}
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A_big, _ = sc.classifier_forward(X, big)
    assert np.all(np.isfinite(A_big))
    assert sc.predict_classes(X, p).shape == (7,) and sc.predict_classes(X, p).dtype.kind == "i"
    np.testing.assert_array_equal(sc.predict_classes(X, p), np.argmax(cache["Z2"], axis=0))


def test_initial_cost_is_log_C_and_training_fits():
    X, labels = make_spiral(150, seed=0)
    Y = one_hot(labels, 3)
    p, costs = sc.train_classifier(X, Y, 30, learning_rate=1.0, num_iterations=300, seed=0)
    assert len(costs) == 300 and all(isinstance(c, float) for c in costs)
    assert abs(costs[0] - np.log(3)) < 0.02  # W2 * 0.01: the first softmax is nearly uniform
    assert costs[-1] < 0.5 * costs[0]
    assert np.mean(sc.predict_classes(X, p) == labels[0]) > 0.8


def test_train_follows_the_stated_start_and_protocol():
    X, Y, _ = problem(np.random.default_rng(2), m=9)
    p0, costs0 = sc.train_classifier(X, Y, 6, num_iterations=0, seed=4)
    rng = np.random.default_rng(4)
    W1 = rng.standard_normal((6, 3)) * np.sqrt(2 / 3)
    W2 = rng.standard_normal((4, 6)) * 0.01
    assert costs0 == [] and np.array_equal(p0["W1"], W1) and np.array_equal(p0["W2"], W2)
    assert not p0["b1"].any() and not p0["b2"].any() and p0["b2"].shape == (4, 1)
    p2, costs2 = sc.train_classifier(X, Y, 6, learning_rate=0.3, num_iterations=2, seed=4)
    p, expected = dict(p0), []
    for _ in range(2):
        A2, cache = sc.classifier_forward(X, p)
        expected.append(sc.softmax_cost(A2, Y))
        g = sc.classifier_backward(X, Y, p, cache)
        p = {k: v - 0.3 * g["d" + k] for k, v in p.items()}
    assert costs2 == expected and all(np.array_equal(p[k], p2[k]) for k in p)


def test_agrees_with_torch():
    torch = pytest.importorskip("torch")
    X, Y, p = problem(np.random.default_rng(5), m=8)
    A2, cache = sc.classifier_forward(X, p)
    grads = sc.classifier_backward(X, Y, p, cache)
    tp = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in p.items()}
    x = torch.tensor(X, dtype=torch.float64)
    logits = tp["W2"] @ torch.relu(tp["W1"] @ x + tp["b1"]) + tp["b2"]
    target = torch.tensor(np.argmax(Y, axis=0))
    cost = torch.nn.functional.cross_entropy(logits.T, target)  # mean over the examples
    cost.backward()
    assert np.isclose(float(cost.detach()), sc.softmax_cost(A2, Y), rtol=1e-12)
    for k, v in tp.items():
        np.testing.assert_allclose(grads["d" + k], v.grad.numpy(), rtol=1e-9, atol=1e-12)
