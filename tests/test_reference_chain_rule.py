"""Notebook 1: the graph y = (x^2 + 1)^3, dz/dt by the multivariable chain rule, and the Value engine."""

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad, grad
from conftest import AD_TOL, FD_TOL, assert_unchanged, numerical_derivative, rel_diff, snapshot

from autograder.reference.chain_rule import Value, backward_graph, dz_dt, forward_graph

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


def expression(a, b, c, tanh):
    """One expression exercising every Value operation (plain numbers on both sides, a node reused,
    a shared interior node), written once for every engine."""
    u = a * b + c * c - a * 2.0
    h = tanh(u) * 3.0 + (b + 0.5) * (-1.5)
    w = h * u + 2.0 - c
    return tanh(w * h + h) + 1.0 - (-b) * a


VALUES = (0.7, -0.6, 0.9)


def test_value_engine_matches_finite_differences_and_autograd():
    nodes = [Value(v) for v in VALUES]
    out = expression(*nodes, Value.tanh)
    out.backward()
    ad = lambda *v: expression(*v, anp.tanh)  # noqa: E731
    assert out.data == pytest.approx(ad(*VALUES), rel=1e-14) and out.grad == 1.0
    for i, node in enumerate(nodes):
        nudged = lambda t, i=i: expression(*(t if j == i else v for j, v in enumerate(VALUES)), np.tanh)  # noqa: E731
        assert node.grad == pytest.approx(float(numerical_derivative(nudged, np.array(VALUES[i]))), rel=1e-6)
        assert node.grad == pytest.approx(grad(ad, i)(*VALUES), rel=AD_TOL), f"input {i}"


def test_value_accumulates_on_shared_nodes_and_takes_plain_numbers():
    x = Value(3.0)
    y = x * x + x  # x feeds three edges
    y.backward()
    assert y.data == 12.0 and x.grad == 7.0  # 2x + 1
    a = Value(-2.0)
    h = a * 3.0           # an interior node used twice
    z = h * h + h         # dz/da = (2h + 1) * 3
    z.backward()
    assert a.grad == (2 * -6.0 + 1) * 3
    b = Value(0.5)
    (2.0 * b + 1.0 - b).backward()
    assert b.grad == 1.0 and isinstance((2 + b), Value) and (1 - b).data == 0.5
    assert repr(Value(1.0)) == "Value(data=1, grad=0)"


def test_each_local_backward_adds_to_the_inputs_grad():
    a, b = Value(2.0), Value(-3.0)
    a.grad, b.grad = 0.25, -1.0
    z = a * b
    z.grad = 2.0
    z._backward()
    assert (a.grad, b.grad) == (0.25 + 2.0 * -3.0, -1.0 + 2.0 * 2.0)
    t = Value(0.3).tanh()
    t.grad = 1.5
    t._backward()
    assert t._prev[0].grad == pytest.approx(1.5 * (1 - np.tanh(0.3) ** 2), rel=1e-15)


def test_backward_needs_no_recursion_on_a_deep_chain():
    x = Value(0.1)
    y = x
    for _ in range(5000):  # deeper than Python's default recursion limit
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0


def test_value_engine_matches_torch():
    torch = pytest.importorskip("torch")
    nodes = [Value(v) for v in VALUES]
    expression(*nodes, Value.tanh).backward()
    ts = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in VALUES]
    expression(*ts, torch.tanh).backward()
    assert all(n.grad == pytest.approx(t.grad.item(), rel=AD_TOL) for n, t in zip(nodes, ts))
