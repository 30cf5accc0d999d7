"""Flattening parameters, and gradient checking that passes the reference and catches planted bugs."""

import numpy as np
import pytest
from conftest import assert_unchanged, make_problem, snapshot

from autograder.reference import gradient_checking as gc
from autograder.reference import network as net

DIMS = [3, 5, 2]  # P = 5*3 + 5 + 2*5 + 2 = 32


def test_dictionary_to_vector_order_is_w1_b1_w2_b2_row_major():
    d = {"b2": np.array([[9.0]]), "W1": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]),
         "b1": np.array([[7.0], [7.5], [8.0]]), "W2": np.array([[8.5, 8.6, 8.7]])}
    before = snapshot(d)
    v = gc.dictionary_to_vector(d)
    assert_unchanged(before, snapshot(d))
    assert v.shape == (13, 1)
    assert v[:, 0].tolist() == [1, 2, 3, 4, 5, 6, 7, 7.5, 8, 8.5, 8.6, 8.7, 9]
    grads = {"d" + k: -val for k, val in d.items()}
    grads["dA0"] = np.ones((2, 4))  # not a parameter gradient: ignored
    assert np.array_equal(gc.dictionary_to_vector(grads), -v)


def test_vector_to_dictionary_inverts_and_copies():
    _, _, p = make_problem(DIMS)
    theta = gc.dictionary_to_vector(p)
    assert theta.shape == (32, 1)
    back = gc.vector_to_dictionary(theta, DIMS)
    assert {k: v.shape for k, v in back.items()} == {k: v.shape for k, v in p.items()}
    assert all(np.array_equal(back[k], p[k]) for k in p)
    back["W1"][0, 0] = 123.0
    assert theta[0, 0] != 123.0  # no view into theta
    assert np.array_equal(gc.vector_to_dictionary(theta[:, 0], DIMS)["W2"], p["W2"])  # (P,) works too
    with pytest.raises(ValueError, match="layer_dims"):
        gc.vector_to_dictionary(theta[:-1], DIMS)


def test_relative_difference():
    g = np.array([3.0, 4.0])
    assert gc.relative_difference(g, g) == 0.0
    assert gc.relative_difference(g, -g) == 1.0
    assert gc.relative_difference(g, 2 * g) == pytest.approx(1 / 3)
    assert gc.relative_difference(np.zeros(2), np.zeros(2)) == 0.0


def test_gradient_check_passes_the_reference_and_leaves_parameters_alone(net2):
    X, Y, p = net2
    g = net.backward_propagation(X, Y, p, net.forward_propagation(X, p)[1])
    before = snapshot(X, Y, p, g)
    difference = gc.gradient_check(X, Y, p, g)
    assert_unchanged(before, snapshot(X, Y, p, g))
    assert isinstance(difference, float)
    assert difference < 1e-7  # measured ~1e-9 with epsilon 1e-7


@pytest.mark.parametrize("bug", ["dW1_10_percent_off", "missing_average", "one_entry", "wrong_sign_db"])
def test_gradient_check_catches_planted_bugs(net2, bug):
    X, Y, p = net2
    g = net.backward_propagation(X, Y, p, net.forward_propagation(X, p)[1])
    bad = {k: v.copy() for k, v in g.items()}
    if bug == "dW1_10_percent_off":
        bad["dW1"] = bad["dW1"] * 1.1
    elif bug == "missing_average":
        bad = {k: v * X.shape[1] for k, v in bad.items()}
    elif bug == "one_entry":
        bad["dW2"][0, 2] += 1e-3
    else:
        bad["db1"] = -bad["db1"]
    assert gc.gradient_check(X, Y, p, bad) > 1e-4


def test_gradient_check_prints_a_verdict(net2, capsys):
    X, Y, p = net2
    g = net.backward_propagation(X, Y, p, net.forward_propagation(X, p)[1])
    gc.gradient_check(X, Y, p, g, print_result=True)
    assert "passed" in capsys.readouterr().out
    gc.gradient_check(X, Y, p, {k: 2 * v for k, v in g.items()}, print_result=True)
    assert "FAILED" in capsys.readouterr().out


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_sampled_gradient_check_on_a_larger_deep_network(hidden):
    dims = [20, 64, 48, 3]  # P = 4611: a full check would cost 9222 forward passes
    X, Y, p = make_problem(dims, m=30, seed=5, weight_std=0.3, labels="onehot")
    AL, caches = net.deep_forward(X, p, hidden, output="softmax")
    g = net.deep_backward(Y, p, caches, hidden)
    before = snapshot(p)
    good = gc.sampled_gradient_check(X, Y, p, g, n_samples=40, seed=1, hidden=hidden, output="softmax")
    assert_unchanged(before, snapshot(p))
    assert good < 1e-7
    bad_g = dict(g, dW2=g["dW2"] * 0.5)  # a wrong layer: most samples land in W2 (3072 of 4611)
    assert gc.sampled_gradient_check(X, Y, p, bad_g, n_samples=40, seed=1, hidden=hidden, output="softmax") > 1e-2


# --- notebook 5's warm-up and bug hunt ---------------------------------------------------------------------------

def _regression(seed=0, n_x=3, n_h=5, m=7):
    """notebook 5's regression network (tanh hidden layer, linear output, half the MSE): X, Y, p, cache, cost(p)."""
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((1, m))
    p = {"W1": rng.standard_normal((n_h, n_x)), "b1": rng.standard_normal((n_h, 1)),
         "W2": rng.standard_normal((1, n_h)), "b2": rng.standard_normal((1, 1))}

    def forward(q):
        Z1 = q["W1"] @ X + q["b1"]
        A1 = np.tanh(Z1)
        return {"Z1": Z1, "A1": A1, "A2": q["W2"] @ A1 + q["b2"]}

    cost = lambda q: float(np.sum((forward(q)["A2"] - Y) ** 2) / (2 * m))
    return X, Y, p, forward(p), cost


def test_numerical_derivative_is_the_centred_difference():
    assert gc.numerical_derivative(lambda t: t**3, 2.0, 0.1) == pytest.approx(12.01, rel=1e-14)  # 3x^2 + eps^2
    assert gc.numerical_derivative(abs, 0.0, 0.1) == 0.0  # the mean of the slopes -1 and 1 at the kink
    assert gc.numerical_derivative(lambda t: max(0.0, t), 0.0, 0.1) == 0.5
    assert abs(gc.numerical_derivative(np.sin, 0.4) - np.cos(0.4)) < 1e-10  # default epsilon 1e-5: O(1e-11)
    assert isinstance(gc.numerical_derivative(np.sin, 0.4), float)


@pytest.mark.parametrize("sizes", [dict(n_x=3, n_h=5, m=7), dict(n_x=4, n_h=1, m=2), dict(n_x=2, n_h=3, m=1)])
def test_backward_corrected_and_backward_a_match_finite_differences(sizes):
    X, Y, p, cache, cost = _regression(1, **sizes)
    before = snapshot(X, Y, p, cache)
    grads = gc.backward_corrected(X, Y, p, cache)
    assert_unchanged(before, snapshot(X, Y, p, cache))
    for name, value in p.items():
        approx = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus, minus = {k: v.copy() for k, v in p.items()}, {k: v.copy() for k, v in p.items()}
            plus[name][idx] += 1e-6
            minus[name][idx] -= 1e-6
            approx[idx] = (cost(plus) - cost(minus)) / 2e-6
        assert grads["d" + name].shape == value.shape
        np.testing.assert_allclose(grads["d" + name], approx, rtol=1e-6, atol=1e-9)
    a = gc.backward_a(X, Y, p, cache)
    assert all(np.array_equal(a[k], grads[k]) for k in grads)


def test_backward_b_is_wrong_in_dw1_only_by_the_reported_factor():
    # on the notebook's small_problem() (seed 0, n_x=2, n_h=4, m=5), drawn the same way as its setup cell
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((2, 5)), rng.standard_normal((1, 5))
    p = {"W1": rng.standard_normal((4, 2)), "b1": 0.1 * rng.standard_normal((4, 1)),
         "W2": rng.standard_normal((1, 4)), "b2": 0.1 * rng.standard_normal((1, 1))}
    Z1 = p["W1"] @ X + p["b1"]
    cache = {"Z1": Z1, "A1": np.tanh(Z1), "A2": p["W2"] @ np.tanh(Z1) + p["b2"]}
    a, b = gc.backward_a(X, Y, p, cache), gc.backward_b(X, Y, p, cache)
    report = gc.bug_report()
    wrong = [k for k in a if not np.allclose(a[k], b[k], rtol=1e-12, atol=0)]
    assert wrong == [report["gradient"]]
    np.testing.assert_allclose(b[report["gradient"]] / a[report["gradient"]], report["factor"], rtol=1e-12)
    from autograder.checks import gradient_checking as checks  # the constant a report's factor is compared with

    assert gc.relative_difference(gc.dictionary_to_vector(b), gc.dictionary_to_vector(a)) == pytest.approx(
        checks._DIFFERENCES[0], rel=1e-12)


def test_every_version_of_the_colleague_is_wrong_in_one_gradient_by_its_factor():
    """Each version of backward_b: exactly its gradient is off, by m**power in every entry, on small_problem() and on
    other sizes; version 0 is backward_b; every version is handed out by some bug-hunt code, and bug_for gives that
    gradient and factor for m = 5."""
    import inspect

    assert gc.COLLEAGUE_VERSIONS[0][0] == inspect.getsource(gc.backward_b)
    assert len({src for src, _, _ in gc.COLLEAGUE_VERSIONS}) == len(gc.COLLEAGUE_VERSIONS) == 8
    assert {(g, p) for _, g, p in gc.COLLEAGUE_VERSIONS} == {(g, p) for g in ("dW1", "db1", "dW2", "db2") for p in (-1, 1)}
    for seed, (n_x, n_h, m) in enumerate(((2, 4, 5), (3, 6, 7), (4, 1, 2))):
        X, Y, p, cache, _ = _regression(seed, n_x=n_x, n_h=n_h, m=m)
        a = gc.backward_a(X, Y, p, cache)
        for index, (source, gradient, power) in enumerate(gc.COLLEAGUE_VERSIONS):
            ns = {"np": np}
            exec(source, ns)
            b = ns["backward_b"](X, Y, p, cache)
            assert [k for k in a if not np.allclose(a[k], b[k], rtol=1e-12, atol=0)] == [gradient], index
            np.testing.assert_allclose(b[gradient], a[gradient] * float(m) ** power, rtol=1e-12)
    codes = [gc.bug_code(seed) for seed in range(200)]
    assert {gc.colleague_index(c) for c in codes} == set(range(8))  # every version is handed out
    assert gc.colleague_index(None) == 0
    assert gc.colleague_index(" " + codes[0].lower().replace("-", " ") + " ") == gc.colleague_index(codes[0])
    for c in codes[:20]:
        _, gradient, power = gc.COLLEAGUE_VERSIONS[gc.colleague_index(c)]
        assert gc.bug_for(c) == {"gradient": gradient, "factor": 5.0 ** power}


def test_backward_corrected_agrees_with_torch():
    torch = pytest.importorskip("torch")
    X, Y, p, cache, _ = _regression(2, n_x=3, n_h=6, m=9)
    tp = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in p.items()}
    A2 = tp["W2"] @ torch.tanh(tp["W1"] @ torch.tensor(X) + tp["b1"]) + tp["b2"]
    (((A2 - torch.tensor(Y)) ** 2).sum() / (2 * X.shape[1])).backward()
    grads = gc.backward_corrected(X, Y, p, cache)
    for k, t in tp.items():
        np.testing.assert_allclose(grads["d" + k], t.grad.numpy(), rtol=1e-10, atol=1e-12)
