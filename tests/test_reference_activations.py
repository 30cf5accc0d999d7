"""Activations, their derivatives, softmax and the losses: values, gradients, stability."""

import warnings

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad, grad, jacobian
from conftest import (
    AD_TOL,
    FD_TOL,
    assert_unchanged,
    numerical_derivative,
    numerical_gradient,
    numerical_jacobian,
    rel_diff,
    snapshot,
)

from autograder.reference import activations as act

Z = np.random.default_rng(0).standard_normal((3, 7)) * 2  # (K, m) = (3, 7), non-square
Z[np.abs(Z) < 0.05] = 0.5  # keep finite differences away from the ReLU kink


def no_runtime_warnings(fn, *args):
    """Call fn and fail on any RuntimeWarning (overflow, invalid value, divide by zero)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is fine
            return fn(*args)


# --- values -----------------------------------------------------------------------------------------


def test_elementwise_values_and_shapes():
    before = snapshot(Z)
    assert np.allclose(act.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-15, atol=0)
    assert np.array_equal(act.relu(Z), np.where(Z > 0, Z, 0.0))
    assert np.allclose(act.leaky_relu(Z), np.where(Z > 0, Z, 0.01 * Z))
    assert np.allclose(act.leaky_relu(Z, alpha=0.2), np.where(Z > 0, Z, 0.2 * Z))
    a = np.tanh(Z)
    assert np.allclose(act.tanh_derivative(a), 1 / np.cosh(Z) ** 2)
    s = 1 / (1 + np.exp(-Z))
    assert np.allclose(act.sigmoid_derivative(s), np.exp(-Z) / (1 + np.exp(-Z)) ** 2)
    for fn in (act.sigmoid, act.relu, act.leaky_relu, act.relu_derivative, act.leaky_relu_derivative):
        assert fn(Z).shape == Z.shape, fn.__name__
    assert_unchanged(before, snapshot(Z))


def test_relu_and_leaky_derivatives_at_and_around_zero():
    z = np.array([[-2.0, -1e-12, 0.0, 1e-12, 3.0]])
    assert np.array_equal(act.relu_derivative(z), [[0, 0, 0, 1, 1]])
    assert act.relu_derivative(z).dtype == np.float64
    assert np.allclose(act.leaky_relu_derivative(z), [[0.01, 0.01, 0.01, 1, 1]])
    assert np.allclose(act.leaky_relu_derivative(z, alpha=0.3), [[0.3, 0.3, 0.3, 1, 1]])


def test_softmax_columns_are_distributions_and_match_formula():
    P = act.softmax(Z)
    assert P.shape == (3, 7)
    assert np.allclose(P.sum(axis=0), 1.0, atol=1e-15)
    assert np.allclose(P, np.exp(Z) / np.exp(Z).sum(axis=0))
    # column-wise, not row-wise or global: permuting one column's entries permutes only its outputs
    Zp = Z.copy()
    Zp[:, 0] = Zp[::-1, 0]
    assert np.allclose(act.softmax(Zp)[:, 1:], P[:, 1:])
    assert np.allclose(act.softmax(Zp)[:, 0], P[::-1, 0])


def test_softmax_jacobian_shape_symmetry_and_both_input_shapes():
    a = act.softmax(Z[:, :1])  # (3, 1)
    J = act.softmax_jacobian(a)
    assert J.shape == (3, 3)
    assert np.allclose(J, J.T)
    assert np.allclose(J.sum(axis=1), 0, atol=1e-15)
    assert np.array_equal(act.softmax_jacobian(a.ravel()), J)
    b = act.softmax(np.array([0.3, -1.0, 2.0, 0.5]))  # K = 4
    assert act.softmax_jacobian(b).shape == (4, 4)


# --- gradients: finite differences and autograd ----------------------------------------------------

ELEMENTWISE = [
    # (name, analytic derivative at z, numpy function, autograd function)
    ("sigmoid", lambda z: act.sigmoid_derivative(act.sigmoid(z)), act.sigmoid, lambda z: 1 / (1 + anp.exp(-z))),
    ("tanh", lambda z: act.tanh_derivative(np.tanh(z)), np.tanh, anp.tanh),
    ("relu", act.relu_derivative, act.relu, lambda z: anp.maximum(z, 0.0)),
    ("leaky_relu", act.leaky_relu_derivative, act.leaky_relu, lambda z: anp.where(z > 0, z, 0.01 * z)),
    ("leaky_relu_0.2", lambda z: act.leaky_relu_derivative(z, 0.2), lambda z: act.leaky_relu(z, 0.2),
     lambda z: anp.where(z > 0, z, 0.2 * z)),
]


@pytest.mark.parametrize("name, derivative, fn, fn_ad", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
def test_activation_derivatives_match_finite_differences_and_autograd(name, derivative, fn, fn_ad):
    analytic = derivative(Z)
    assert analytic.shape == Z.shape
    assert rel_diff(analytic, numerical_derivative(fn, Z)) < FD_TOL
    assert rel_diff(analytic, elementwise_grad(fn_ad)(Z)) < AD_TOL


def test_softmax_jacobian_matches_finite_differences_and_autograd():
    z = np.array([0.5, -1.2, 2.0, 0.1])  # K = 4
    J = act.softmax_jacobian(act.softmax(z))
    assert rel_diff(J, numerical_jacobian(act.softmax, z)) < FD_TOL
    assert rel_diff(J, jacobian(lambda v: anp.exp(v) / anp.sum(anp.exp(v)))(z)) < AD_TOL


def softmax_ce_autograd(Z, Y):
    logp = Z - anp.log(anp.sum(anp.exp(Z), axis=0, keepdims=True))
    return -anp.sum(Y * logp) / Z.shape[1]


def test_softmax_cross_entropy_value_and_gradient():
    Y = np.eye(3)[:, [0, 2, 1, 1, 0, 2, 2]]  # (3, 7) one-hot
    before = snapshot(Z, Y)
    cost = act.softmax_cross_entropy(Z, Y)
    assert isinstance(cost, float)
    assert np.isclose(cost, softmax_ce_autograd(Z, Y), rtol=1e-14)
    g = act.softmax_cross_entropy_gradient(Z, Y)
    assert g.shape == (3, 7)
    assert rel_diff(g, numerical_gradient(lambda z: act.softmax_cross_entropy(z, Y), Z)) < FD_TOL
    assert rel_diff(g, grad(softmax_ce_autograd)(Z, Y)) < AD_TOL
    assert_unchanged(before, snapshot(Z, Y))


def test_binary_cross_entropy_from_logits_agrees_with_probabilities():
    z = np.array([[-3.0, -0.5, 0.2, 4.0, 1.0]])
    y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert np.isclose(act.binary_cross_entropy(p, y), expected, rtol=1e-14)
    assert np.isclose(act.binary_cross_entropy(z, y, from_logits=True), expected, rtol=1e-13)


# --- stability -------------------------------------------------------------------------------------


def test_sigmoid_is_silent_and_exact_at_extremes():
    z = np.array([[-1000.0, -745.0, -40.0, 0.0, 40.0, 1000.0]])
    s = no_runtime_warnings(act.sigmoid, z)
    assert np.all(np.isfinite(s))
    assert s[0, 0] == 0.0 and s[0, -1] == 1.0 and s[0, 3] == 0.5
    assert np.isclose(s[0, 2], np.exp(-40.0), rtol=1e-12)  # the tiny side keeps its precision
    assert float(no_runtime_warnings(act.sigmoid, 1000.0)) == 1.0  # a Python float works too


def test_softmax_and_logsumexp_finite_for_huge_logits():
    z = np.array([[1000.0, -1000.0, 5.0], [1001.0, -1002.0, 5.0], [999.0, -1000.0, 5.0]])
    P = no_runtime_warnings(act.softmax, z)
    shifted = z - z.max(axis=0)
    assert np.allclose(P, np.exp(shifted) / np.exp(shifted).sum(axis=0), rtol=1e-14)
    lse = no_runtime_warnings(act.logsumexp, z)
    assert lse.shape == (1, 3)
    assert np.allclose(lse, z.max(axis=0) + np.log(np.exp(shifted).sum(axis=0)), rtol=1e-15)
    assert act.logsumexp(z, axis=0, keepdims=False).shape == (3,)
    assert np.isclose(act.logsumexp(np.array([[1000.0, 1000.0]]), axis=1)[0, 0], 1000 + np.log(2))
    assert act.logsumexp(np.full((2, 1), -np.inf))[0, 0] == -np.inf


def test_cross_entropies_stay_finite_at_saturation():
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    A = np.array([[1.0, 0.0, 0.0, 1.0]])  # two perfect, two completely wrong predictions
    cost = no_runtime_warnings(act.binary_cross_entropy, A, Y)
    assert np.isfinite(cost) and 15 < cost < 20  # two wrong examples of about 34.5 each, over 4
    assert act.binary_cross_entropy(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])) < 1e-12
    big = np.array([[2000.0, -2000.0], [0.0, 0.0]])
    onehot = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert np.isclose(no_runtime_warnings(act.softmax_cross_entropy, big, onehot), 2000.0)
    assert np.isclose(no_runtime_warnings(act.binary_cross_entropy, big[:1], onehot[:1], True), 2000.0)


# --- torch, when available -------------------------------------------------------------------------


def test_activation_gradients_match_torch():
    torch = pytest.importorskip("torch")
    z = torch.tensor(Z, dtype=torch.float64, requires_grad=True)
    for name, ours, theirs in [
        ("sigmoid", act.sigmoid_derivative(act.sigmoid(Z)), torch.sigmoid),
        ("tanh", act.tanh_derivative(np.tanh(Z)), torch.tanh),
        ("relu", act.relu_derivative(Z), torch.relu),
        ("leaky_relu", act.leaky_relu_derivative(Z), lambda t: torch.nn.functional.leaky_relu(t, 0.01)),
    ]:
        (g,) = torch.autograd.grad(theirs(z).sum(), z)
        assert rel_diff(ours, g.numpy()) < AD_TOL, name
    zc = torch.tensor(Z[:, 2], dtype=torch.float64)
    J = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), zc).numpy()
    assert rel_diff(act.softmax_jacobian(act.softmax(Z[:, 2])), J) < AD_TOL
