"""The deep-network reference: every backward block agrees with centered differences of sum(out * dout) for a
random upstream dout, the whole L-layer backward with differences of the cost (with and without L2) and with
torch; He initialisation has the stated scale; nothing mutates its inputs."""

import copy

import numpy as np
import pytest

from conftest import numerical_vjp, rel_diff as rel
from autograder.reference import deep_network as dn

ACTIVATIONS = ("relu", "tanh", "sigmoid")
EPS = 1e-6


def numerical(f, x, dout):
    return numerical_vjp(f, x, dout, EPS)


def layer(rng, n_prev=4, n=3, m=5):
    A_prev = rng.normal(0, 1, (n_prev, m))
    W = rng.normal(0, 1, (n, n_prev))
    b = rng.normal(0, 1, (n, 1))
    return A_prev, W, b


@pytest.mark.parametrize("m", [1, 5])
def test_linear_backward_matches_finite_differences_of_an_upstream_gradient(m):
    rng = np.random.default_rng(m)
    A_prev, W, b = layer(rng, m=m)
    Z, cache = dn.linear_forward(A_prev, W, b)
    assert Z.shape == (3, m) and cache[0] is A_prev and cache[1] is W and cache[2] is b
    dZ = rng.normal(0, 1, Z.shape)
    before = copy.deepcopy(cache)
    dA_prev, dW, db = dn.linear_backward(dZ, cache)
    assert all(np.array_equal(x, y) for x, y in zip(before, cache))
    assert db.shape == (3, 1) and dW.shape == W.shape and dA_prev.shape == A_prev.shape
    # the 1/m of the mean cost goes into dW and db only: the upstream of the mean is dZ / m
    f = lambda: dn.linear_forward(A_prev, W, b)[0]  # noqa: E731
    assert rel(dW, numerical(f, W, dZ / m)) < 1e-8
    assert rel(db, numerical(f, b, dZ / m)) < 1e-8
    assert rel(dA_prev, numerical(f, A_prev, dZ)) < 1e-8


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("m", [1, 6])
def test_activation_backward_matches_finite_differences(activation, m):
    rng = np.random.default_rng(10 + m)
    A_prev, W, b = layer(rng, n_prev=5, n=2, m=m)
    A, cache = dn.activation_forward(A_prev, W, b, activation)
    assert cache[0][0] is A_prev and np.array_equal(cache[1], W @ A_prev + b)
    dA = rng.normal(0, 1, A.shape)
    dA_prev, dW, db = dn.activation_backward(dA, cache, activation)
    f = lambda: dn.activation_forward(A_prev, W, b, activation)[0]  # noqa: E731
    assert rel(dW, numerical(f, W, dA / m)) < 1e-7
    assert rel(db, numerical(f, b, dA / m)) < 1e-7
    assert rel(dA_prev, numerical(f, A_prev, dA)) < 1e-7


def test_unknown_activation_is_refused():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="relu"):
        dn.activation_forward(*layer(rng), "swish")


def network(rng, dims, m):
    X = rng.normal(0, 1, (dims[0], m))
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return X, Y, p


@pytest.mark.parametrize("dims", [[3, 1], [4, 3, 1], [3, 5, 4, 2, 1]])
@pytest.mark.parametrize("hidden", ACTIVATIONS)
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_L_model_backward_matches_finite_differences_of_the_cost(dims, hidden, lambd):
    rng = np.random.default_rng(len(dims))
    X, Y, p = network(rng, dims, m=7)
    before = copy.deepcopy(p)
    AL, caches = dn.L_model_forward(X, p, hidden)
    assert len(caches) == len(dims) - 1 and AL.shape == (1, 7)
    grads = dn.L_model_backward(AL, Y, caches, hidden, lambd=lambd, parameters=p)
    assert all(np.array_equal(before[k], p[k]) for k in p)
    J = lambda: dn.compute_cost_l2(dn.L_model_forward(X, p, hidden)[0], Y, p, lambd)  # noqa: E731
    for name, value in p.items():
        assert grads["d" + name].shape == value.shape
        assert rel(grads["d" + name], numerical(J, value, 1.0)) < 1e-6, name
    # W from the caches gives the same L2 term as W from parameters
    from_caches = dn.L_model_backward(AL, Y, caches, hidden, lambd=lambd)
    assert all(np.allclose(from_caches[k], grads[k], rtol=1e-14, atol=0) for k in grads)


@pytest.mark.parametrize("dims", [[3, 1], [4, 3, 1], [3, 5, 4, 2, 1]])
@pytest.mark.parametrize("hidden", ACTIVATIONS)
def test_layer_gradient_norms_are_the_norms_of_finite_difference_gradients(dims, hidden):
    rng = np.random.default_rng(10 + len(dims))
    X, Y, p = network(rng, dims, m=6)
    before = copy.deepcopy(p)
    norms = dn.layer_gradient_norms(X, Y, p, hidden)
    assert all(np.array_equal(before[k], p[k]) for k in p)
    assert norms.shape == (len(dims) - 1,) and norms.dtype == float
    J = lambda: dn.compute_cost_l2(dn.L_model_forward(X, p, hidden)[0], Y, p, 0.0)  # noqa: E731
    numeric = [np.linalg.norm(numerical(J, p[f"W{l}"], 1.0)) for l in range(1, len(dims))]
    assert np.allclose(norms, numeric, rtol=1e-6, atol=1e-12)


def test_layer_gradient_norms_stay_finite_where_the_output_saturates():
    # weights of standard deviation 1 on 32-wide ReLU layers: the logits reach thousands, sigmoid gives exactly
    # 0.0 and 1.0, and dAL = -(Y / AL - (1 - Y) / (1 - AL)) divides by zero; AL - Y does not
    rng = np.random.default_rng(3)
    dims = [2] + [32] * 6 + [1]
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"], p[f"b{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])), np.zeros((dims[l], 1))
    X, Y = rng.normal(0, 1, (2, 40)), (rng.random((1, 40)) < 0.5).astype(float)
    with np.errstate(all="ignore"):
        AL, caches = dn.L_model_forward(X, p, "relu")
        _, through_dA, _ = dn.activation_backward(-(Y / AL - (1 - Y) / (1 - AL)), caches[-1], "sigmoid")
        grads = dn.L_model_backward(AL, Y, caches, "relu")
        norms = dn.layer_gradient_norms(X, Y, p, "relu")
    assert np.any((AL == 0) | (AL == 1))
    assert not np.all(np.isfinite(through_dA))
    # L_model_backward starts from AL - Y too, so that a layer_gradient_norms calling it (the grader provides this
    # reference to it) stays finite
    assert np.allclose([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, len(dims))], norms, rtol=1e-12)
    # finite, and large in every layer alike: each dW<l> carries the forward growth of the layers below l and the
    # backward growth of those above (measured: 965 to 1458 here)
    assert np.all(np.isfinite(norms)) and np.all(norms > 100)


def test_compute_cost_l2_is_cross_entropy_plus_the_penalty_on_weights_only():
    rng = np.random.default_rng(3)
    X, Y, p = network(rng, [3, 4, 1], m=9)
    AL, _ = dn.L_model_forward(X, p)
    ce = dn.compute_cost_l2(AL, Y, p, 0.0)
    assert isinstance(ce, float)
    penalty = 0.5 / (2 * 9) * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))
    assert np.isclose(dn.compute_cost_l2(AL, Y, p, 0.5), ce + penalty, rtol=1e-13)
    p2 = dict(p, b1=p["b1"] * 100)
    assert np.isclose(dn.compute_cost_l2(AL, Y, p2, 0.5), ce + penalty, rtol=1e-13)


def test_initialize_he_scale_shapes_seed():
    dims = [400, 300, 200, 1]
    p = dn.initialize_he(dims, seed=1)
    for l in range(1, 4):
        W, b = p[f"W{l}"], p[f"b{l}"]
        assert W.shape == (dims[l], dims[l - 1]) and b.shape == (dims[l], 1) and not b.any()
        assert abs(W.std() / np.sqrt(2 / dims[l - 1]) - 1) < 0.1 if W.size > 100 else True
    assert all(np.array_equal(p[k], dn.initialize_he(dims, seed=1)[k]) for k in p)
    assert not np.array_equal(p["W1"], dn.initialize_he(dims, seed=2)["W1"])


def test_agrees_with_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    dims = [3, 6, 4, 1]
    for hidden, act in (("relu", torch.relu), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid)):
        X, Y, p = network(rng, dims, m=8)
        AL, caches = dn.L_model_forward(X, p, hidden)
        grads = dn.L_model_backward(AL, Y, caches, hidden, lambd=0.3, parameters=p)
        tp = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in p.items()}
        A = torch.tensor(X, dtype=torch.float64)
        for l in range(1, 4):
            Z = tp[f"W{l}"] @ A + tp[f"b{l}"]
            A = torch.sigmoid(Z) if l == 3 else act(Z)
        y = torch.tensor(Y, dtype=torch.float64)
        cost = torch.nn.functional.binary_cross_entropy(A, y) + 0.3 / (2 * 8) * sum(
            (tp[f"W{l}"] ** 2).sum() for l in range(1, 4))
        cost.backward()
        assert np.isclose(float(cost.detach()), dn.compute_cost_l2(AL, Y, p, 0.3), rtol=1e-12)
        for k, v in tp.items():
            np.testing.assert_allclose(grads["d" + k], v.grad.numpy(), rtol=1e-9, atol=1e-12)
