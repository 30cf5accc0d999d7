"""Notebook 1: the graph y = (x^2 + 1)^3, dz/dt by the multivariable chain rule, and the Scalar engine."""

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad, grad
from conftest import AD_TOL, FD_TOL, assert_unchanged, numerical_derivative, rel_diff, snapshot

from autograder.reference.chain_rule import Scalar, backward_graph, dz_dt, forward_graph

T = np.array([[-1.3, -0.2, 0.4], [0.9, 1.7, 2.5]])  # (2, 3): elementwise on any shape


def test_forward_graph_values_cache_and_scalars():
    before = snapshot(T)
    y, cache = forward_graph(T)
    assert_unchanged(before, snapshot(T))
    assert set(cache) == {"x", "g", "f", "y"}
    assert all(cache[k].shape == T.shape for k in "gfy")
    assert np.allclose(cache["g"], T**2) and np.allclose(cache["f"], T**2 + 1)
    assert np.allclose(y, (T**2 + 1) ** 3) and cache["y"] is y
    y2, _ = forward_graph(2.0)
    assert y2 == 125.0


def test_backward_graph_every_node_matches_finite_differences_and_autograd():
    _, cache = forward_graph(T)
    before = snapshot(cache)
    d = backward_graph(cache)
    assert_unchanged(before, snapshot(cache))
    assert set(d) == {"dy_df", "dy_dg", "dy_dx"} and all(v.shape == T.shape for v in d.values())
    f, g = cache["f"], cache["g"]
    # dy/d(node), differentiating the rest of the graph from that node on
    assert rel_diff(d["dy_df"], numerical_derivative(lambda v: v**3, f)) < FD_TOL
    assert rel_diff(d["dy_dg"], numerical_derivative(lambda v: (v + 1) ** 3, g)) < FD_TOL
    assert rel_diff(d["dy_dx"], numerical_derivative(lambda v: forward_graph(v)[0], T)) < FD_TOL
    assert rel_diff(d["dy_dx"], elementwise_grad(lambda v: (v**2 + 1) ** 3)(T)) < AD_TOL
    assert rel_diff(d["dy_df"], elementwise_grad(lambda v: v**3)(f)) < AD_TOL
    assert backward_graph(forward_graph(1.0)[1])["dy_dx"] == 24.0  # 3 * 2^2 * 2 * 1


def test_dz_dt_matches_finite_differences_and_autograd():
    z = lambda t: np.cos(t) ** 2 * np.exp(t)  # noqa: E731  (x^2 y with x = cos t, y = e^t)
    before = snapshot(T)
    d = dz_dt(T)
    assert_unchanged(before, snapshot(T))
    assert d.shape == T.shape
    assert rel_diff(d, numerical_derivative(z, T)) < FD_TOL
    assert rel_diff(d, elementwise_grad(lambda t: anp.cos(t) ** 2 * anp.exp(t))(T)) < AD_TOL
    assert np.isclose(dz_dt(0.0), 1.0)  # 2*1*1*0 + 1*1


def expression(a, b, c, tanh, exp, relu):
    """One expression exercising every Scalar operation, written once for both engines."""
    u = a * b + c**2 - a / c
    v = tanh(u) * 3.0 + exp(b * 0.5) + relu(a - 1.0) + relu(b - 5.0)
    return (v * u + 2.0 - c) / (1.0 + v**2) + 1.0 / a - (-b)


def test_scalar_engine_matches_autograd_on_every_operation():
    values = (1.7, -0.6, 0.9)
    nodes = [Scalar(v) for v in values]
    out = expression(*nodes, Scalar.tanh, Scalar.exp, Scalar.relu)
    out.backward()
    ad = lambda *v: expression(*v, anp.tanh, anp.exp, lambda x: anp.maximum(x, 0.0))  # noqa: E731
    assert out.data == pytest.approx(ad(*values), rel=1e-14)
    for i, node in enumerate(nodes):
        assert node.grad == pytest.approx(grad(ad, i)(*values), rel=AD_TOL), f"input {i}"


def test_scalar_accumulates_when_a_node_is_reused():
    x = Scalar(3.0)
    y = x * x + x  # x feeds three edges
    y.backward()
    assert y.data == 12.0 and x.grad == 7.0  # 2x + 1
    with pytest.raises(TypeError, match="exponent"):
        x ** Scalar(2.0)


def test_scalar_engine_matches_torch():
    torch = pytest.importorskip("torch")
    values = (1.7, -0.6, 0.9)
    nodes = [Scalar(v) for v in values]
    expression(*nodes, Scalar.tanh, Scalar.exp, Scalar.relu).backward()
    ts = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    expression(*ts, torch.tanh, torch.exp, torch.relu).backward()
    assert all(n.grad == pytest.approx(t.grad.item(), rel=AD_TOL) for n, t in zip(nodes, ts))
