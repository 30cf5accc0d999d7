"""The regularisation reference: inverted dropout keeps the expectation and its backward agrees with centered
differences; batch normalisation normalises every unit over the batch, keeps running averages, and its compact
backward agrees with centered differences of sum(out * dout) and with autograd (an independent autodiff of the
forward written again in autograd.numpy); nothing changes its arguments."""

import copy

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from conftest import numerical_vjp, rel_diff as rel
from autograder.reference import regularization as reg

EPS = 1e-6


def numerical(f, x, dout):
    return numerical_vjp(f, x, dout, EPS)


def bn_inputs(seed=0, n=3, m=6):
    rng = np.random.default_rng(seed)
    Z = rng.normal(1.0, 2.0, (n, m))
    gamma, beta = rng.normal(1, 0.5, (n, 1)), rng.normal(0, 1, (n, 1))
    running = {"mean": rng.normal(0, 1, (n, 1)), "var": rng.uniform(0.5, 2, (n, 1))}
    return Z, gamma, beta, running


# --- dropout ---------------------------------------------------------------------------------------


def test_dropout_mask_is_the_stated_draw_and_the_output_is_rescaled():
    A = np.arange(1.0, 13.0).reshape(3, 4)
    out, mask = reg.dropout_forward(A, 0.7, seed=5)
    want = (np.random.default_rng(5).random((3, 4)) < 0.7).astype(float)
    assert np.array_equal(mask, want) and set(np.unique(mask)) <= {0.0, 1.0}
    np.testing.assert_allclose(out, A * want / 0.7, rtol=1e-15)
    again, mask2 = reg.dropout_forward(A, 0.7, seed=5)
    assert np.array_equal(again, out) and np.array_equal(mask2, mask)
    assert not np.array_equal(reg.dropout_forward(A, 0.7, seed=6)[1], mask)


def test_dropout_keeps_the_expectation_and_the_keep_rate():
    A = np.ones((200, 500))
    out, mask = reg.dropout_forward(A, 0.8, seed=1)
    assert abs(mask.mean() - 0.8) < 0.005  # 100000 Bernoulli draws: the standard error is 0.0013
    assert abs(out.mean() - 1.0) < 0.01


def test_dropout_test_mode_is_the_identity():
    A = np.random.default_rng(2).normal(size=(3, 5))
    out, mask = reg.dropout_forward(A, 0.5, seed=3, train=False)
    assert mask is None and np.array_equal(out, A) and out is not A


@pytest.mark.parametrize("m", [1, 6])
def test_dropout_backward_matches_finite_differences(m):
    rng = np.random.default_rng(m)
    A, dA = rng.normal(size=(4, m)), rng.normal(size=(4, m))
    _, mask = reg.dropout_forward(A, 0.6, seed=11)
    f = lambda: reg.dropout_forward(A, 0.6, seed=11)[0]  # noqa: E731  the same seed: the same mask
    assert rel(reg.dropout_backward(dA, mask, 0.6), numerical(f, A, dA)) < 1e-9


# --- batch normalisation -----------------------------------------------------------------------------


def test_batchnorm_train_mode_normalises_every_unit_and_updates_the_running_averages():
    Z, gamma, beta, running = bn_inputs()
    out, (Z_hat, g, std), new = reg.batchnorm_forward(Z, gamma, beta, running, momentum=0.8, epsilon=1e-5)
    np.testing.assert_allclose(Z_hat.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(Z_hat.var(axis=1), Z.var(axis=1) / (Z.var(axis=1) + 1e-5), rtol=1e-12)
    np.testing.assert_allclose(out, gamma * Z_hat + beta, rtol=1e-14)
    assert g is gamma and std.shape == (3, 1)
    np.testing.assert_allclose(new["mean"], 0.8 * running["mean"] + 0.2 * Z.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(new["var"], 0.8 * running["var"] + 0.2 * Z.var(axis=1, keepdims=True))


def test_batchnorm_test_mode_uses_the_running_statistics_and_keeps_them():
    Z, gamma, beta, running = bn_inputs(1)
    out, _, new = reg.batchnorm_forward(Z, gamma, beta, running, train=False, epsilon=0.1)
    np.testing.assert_allclose(out, gamma * (Z - running["mean"]) / np.sqrt(running["var"] + 0.1) + beta)
    assert all(np.array_equal(new[k], running[k]) and new[k] is not running[k] for k in running)
    # one example at a time gives the same output as the batch: the test output depends on no other example
    one = reg.batchnorm_forward(Z[:, :1], gamma, beta, running, train=False, epsilon=0.1)[0]
    np.testing.assert_allclose(one, out[:, :1], rtol=1e-14)


def test_running_averages_converge_to_the_data_statistics():
    rng = np.random.default_rng(3)
    running = {"mean": np.zeros((2, 1)), "var": np.ones((2, 1))}
    for _ in range(200):
        Z = rng.normal([[3.0], [-1.0]], [[2.0], [0.5]], (2, 64))
        _, _, running = reg.batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)), running)
    np.testing.assert_allclose(running["mean"].ravel(), [3.0, -1.0], atol=0.15)
    np.testing.assert_allclose(running["var"].ravel(), [4.0, 0.25], rtol=0.15)


@pytest.mark.parametrize("n, m", [(1, 3), (3, 6), (4, 9)])
def test_batchnorm_backward_matches_finite_differences(n, m):
    Z, gamma, beta, running = bn_inputs(n + m, n, m)
    dout = np.random.default_rng(7).normal(size=(n, m))
    _, cache, _ = reg.batchnorm_forward(Z, gamma, beta, running)
    dZ, dgamma, dbeta = reg.batchnorm_backward(dout, cache)
    f = lambda: reg.batchnorm_forward(Z, gamma, beta, running)[0]  # noqa: E731
    # dZ is per example (upstream dout); dgamma, dbeta belong to the mean cost (upstream dout / m)
    assert rel(dZ, numerical(f, Z, dout)) < 1e-7
    assert rel(dgamma, numerical(f, gamma, dout / m)) < 1e-8
    assert rel(dbeta, numerical(f, beta, dout / m)) < 1e-8


def bn_autograd(Z, gamma, beta, dout, epsilon=1e-5):
    """sum(out * dout) of the train-mode forward, written again in autograd.numpy: the staged graph
    mean -> centre -> variance -> scale that autograd differentiates on its own."""
    mu = anp.mean(Z, axis=1, keepdims=True)
    centred = Z - mu
    var = anp.mean(centred**2, axis=1, keepdims=True)
    out = gamma * centred / anp.sqrt(var + epsilon) + beta
    return anp.sum(out * dout)


@pytest.mark.parametrize("seed", [0, 1])
def test_batchnorm_backward_matches_autograd(seed):
    Z, gamma, beta, running = bn_inputs(seed, 5, 7)
    dout = np.random.default_rng(seed + 10).normal(size=Z.shape)
    _, cache, _ = reg.batchnorm_forward(Z, gamma, beta, running)
    dZ, dgamma, dbeta = reg.batchnorm_backward(dout, cache)
    assert rel(dZ, grad(bn_autograd, 0)(Z, gamma, beta, dout)) < 1e-12
    assert rel(dgamma, grad(bn_autograd, 1)(Z, gamma, beta, dout) / 7) < 1e-12
    assert rel(dbeta, grad(bn_autograd, 2)(Z, gamma, beta, dout) / 7) < 1e-12


def test_batchnorm_backward_removes_what_the_normalisation_ignores():
    # out does not change when every example of a unit shifts by the same amount or, with epsilon 0, scales:
    # so dZ is orthogonal to the ones and (nearly) to Z_hat in every row
    Z, gamma, beta, running = bn_inputs(4, 3, 8)
    _, cache, _ = reg.batchnorm_forward(Z, gamma, beta, running, epsilon=0.0)
    dZ, _, _ = reg.batchnorm_backward(np.random.default_rng(1).normal(size=Z.shape), cache)
    np.testing.assert_allclose(dZ.sum(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose((dZ * cache[0]).sum(axis=1), 0, atol=1e-12)


def test_nothing_changes_its_arguments():
    Z, gamma, beta, running = bn_inputs(5)
    dout = np.ones_like(Z)
    before = copy.deepcopy((Z, gamma, beta, running, dout))
    for train in (True, False):
        _, cache, _ = reg.batchnorm_forward(Z, gamma, beta, running, train=train)
    cache_before = copy.deepcopy(cache)
    reg.batchnorm_backward(dout, cache)
    out, mask = reg.dropout_forward(Z, 0.5, seed=1)
    mask_before = mask.copy()
    reg.dropout_backward(dout, mask, 0.5)
    assert all(np.array_equal(a, b) for a, b in zip(before[:3], (Z, gamma, beta)))
    assert all(np.array_equal(before[3][k], running[k]) for k in running)
    assert all(np.array_equal(a, b) for a, b in zip(cache_before, cache))
    assert np.array_equal(mask, mask_before) and np.array_equal(dout, before[4])
