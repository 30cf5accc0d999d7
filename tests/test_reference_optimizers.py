"""The optimiser reference: momentum is the stated exponentially weighted average, Adam's first step moves every
parameter by about the learning rate against the gradient's sign (the bias correction at work), several steps
equal the formulas unrolled by hand, both minimise a quadratic, and no step changes its arguments."""

import copy

import numpy as np
import pytest

from autograder.reference import optimizers as opt


def problem(seed=0, dims=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(0, 1, (dims[l], 1))
    g = {"d" + k: rng.normal(0, 1, v.shape) for k, v in p.items()}
    return p, g


def test_initialize_adam_is_zero_moments_keyed_like_the_gradients():
    p, g = problem()
    state = opt.initialize_adam(p)
    assert state["t"] == 0 and set(state["m"]) == set(state["v"]) == set(g)
    for d in g:
        assert state["m"][d].shape == g[d].shape and not np.any(state["m"][d]) and not np.any(state["v"][d])
        assert state["m"][d] is not state["v"][d]


def test_momentum_is_the_weighted_average_of_the_gradients():
    p, _ = problem(1)
    rng = np.random.default_rng(5)
    velocity = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    history = []
    for _ in range(4):
        g = {"d" + k: rng.normal(0, 1, v.shape) for k, v in p.items()}
        history.append(g)
        p_new, velocity = opt.momentum_step(p, g, velocity, learning_rate=0.1, beta=0.8)
        for k in p:
            np.testing.assert_allclose(p_new[k], p[k] - 0.1 * velocity["d" + k], rtol=1e-14)
        p = p_new
    # v_4 = sum_i 0.2 * 0.8**(4 - i) g_i (i = 1..4), the closed form of the recursion from v_0 = 0
    for d in velocity:
        closed = sum(0.2 * 0.8 ** (3 - i) * history[i][d] for i in range(4))
        np.testing.assert_allclose(velocity[d], closed, rtol=1e-12)


def test_momentum_with_beta_0_is_gradient_descent():
    p, g = problem(2)
    velocity = {d: np.ones_like(x) for d, x in g.items()}
    p_new, v_new = opt.momentum_step(p, g, velocity, learning_rate=0.3, beta=0.0)
    for k in p:
        np.testing.assert_allclose(p_new[k], p[k] - 0.3 * g["d" + k], rtol=1e-14)


def test_adam_first_step_moves_each_parameter_by_the_learning_rate():
    # at t = 1 the corrected moments are g and g**2, so the step is lr * g / (|g| + eps): lr against g's sign
    p, g = problem(3)
    p_new, state = opt.adam_step(p, g, opt.initialize_adam(p), learning_rate=0.01)
    assert state["t"] == 1
    for k in p:
        np.testing.assert_allclose(p_new[k] - p[k], -0.01 * np.sign(g["d" + k]), rtol=1e-6)


def test_adam_steps_equal_the_formulas_unrolled_by_hand():
    p, _ = problem(4, dims=(2, 3, 1))
    rng = np.random.default_rng(9)
    grads = [{"d" + k: rng.normal(0, 1, v.shape) for k, v in p.items()} for _ in range(3)]
    state, q = opt.initialize_adam(p), p
    for g in grads:
        q, state = opt.adam_step(q, g, state, learning_rate=0.05, beta1=0.8, beta2=0.95, epsilon=1e-3)
    for k in p:
        gs = [g["d" + k] for g in grads]
        theta = p[k]
        m = v = 0
        for t, gt in enumerate(gs, start=1):
            m = 0.8 * m + 0.2 * gt
            v = 0.95 * v + 0.05 * gt**2
            theta = theta - 0.05 * (m / (1 - 0.8**t)) / (np.sqrt(v / (1 - 0.95**t)) + 1e-3)
        np.testing.assert_allclose(q[k], theta, rtol=1e-12)
    assert state["t"] == 3


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_both_minimise_an_ill_conditioned_quadratic(optimizer):
    # J = 0.5 * (100 w1^2 + w2^2): plain gradient descent needs lr < 0.02 and then crawls along w2
    p = {"W1": np.array([[1.0, 1.0]])}
    scale = np.array([[100.0, 1.0]])
    state = opt.initialize_adam(p) if optimizer == "adam" else {"dW1": np.zeros((1, 2))}
    for _ in range(300):
        g = {"dW1": scale * p["W1"]}
        if optimizer == "adam":
            p, state = opt.adam_step(p, g, state, learning_rate=0.05)
        else:
            p, state = opt.momentum_step(p, g, state, learning_rate=0.015, beta=0.9)
    assert 0.5 * np.sum(scale * p["W1"] ** 2) < 1e-3


def test_no_step_changes_its_arguments():
    p, g = problem(6)
    state, velocity = opt.initialize_adam(p), {d: np.ones_like(x) for d, x in g.items()}
    before = copy.deepcopy((p, g, state, velocity))
    opt.adam_step(p, g, state)
    opt.momentum_step(p, g, velocity)
    after = (p, g, state, velocity)
    for b, a in zip(before, after):
        for k in b:
            if isinstance(b[k], dict):
                assert all(np.array_equal(b[k][j], a[k][j]) for j in b[k])
            else:
                assert np.array_equal(b[k], a[k])
