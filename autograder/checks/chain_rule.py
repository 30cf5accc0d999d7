"""Checks of notebook 01_chain_rule: forward_graph, backward_graph, dz_dt.

backward_graph gets a cache whose g is NOT x^2 (f = g + 1 and y = f^3 still hold), so only an answer
that reads the cache gives the expected gradients.
"""

from __future__ import annotations

from autograder.checks.engine import Case, Check
from autograder.checks.kinds import Unchanged, Values
from autograder.checks.inputs import away_from_zero


def _x(rng):
    return (away_from_zero(rng, (int(rng.integers(3, 6)), int(rng.integers(6, 9))), 0.2, 2.0),)


def _graph_cache(rng):
    shape = (int(rng.integers(3, 6)), int(rng.integers(6, 9)))
    x = away_from_zero(rng, shape, 0.2, 2.0)
    g = rng.uniform(0.5, 4.0, shape)  # independent of x: the cache is the only source of f
    f = g + 1
    return Case(({"x": x, "g": g, "f": f, "y": f**3},))


def _t(rng):
    return Case((rng.uniform(-3.0, 3.0, (int(rng.integers(3, 6)), int(rng.integers(6, 9)))),))


def _scalar_x(rng):
    """A plain float: the notebook allows a float or an array."""
    return Case((float(rng.choice([-1.0, 1.0]) * rng.uniform(0.2, 2.0)),))


def _unchanged(function, inputs):
    return Check(f"{function}.inputs_unchanged", function, inputs, Unchanged(), weight=0.5,
                 misconceptions=("inputs_mutated",))


_BACKWARD = ("cache_not_used", "power_rule", "chain_not_multiplied", "local_derivative_square")

CHECKS = [
    Check("forward_graph.y", "forward_graph", lambda rng: Case(_x(rng)), Values(key=0, label="y"), weight=1.5,
          misconceptions=("graph_order", "graph_powers")),
    Check("forward_graph.cache", "forward_graph", lambda rng: Case(_x(rng)), Values(key=1, label="cache"), weight=1.5,
          misconceptions=("graph_order", "graph_powers")),
    Check("backward_graph.dy_df", "backward_graph", _graph_cache, Values(key="dy_df"), misconceptions=_BACKWARD),
    Check("backward_graph.dy_dg", "backward_graph", _graph_cache, Values(key="dy_dg"), misconceptions=_BACKWARD),
    Check("backward_graph.dy_dx", "backward_graph", _graph_cache, Values(key="dy_dx"), weight=1.5,
          misconceptions=_BACKWARD),
    Check("forward_graph.scalar", "forward_graph", _scalar_x, Values(), weight=0.5,
          misconceptions=("graph_order", "graph_powers")),
    _unchanged("forward_graph", lambda rng: Case(_x(rng))),
    _unchanged("backward_graph", _graph_cache),
    Check("dz_dt.values", "dz_dt", _t, Values(), weight=3,
          misconceptions=("missing_chain_term", "derivative_sign", "partial_derivatives")),
    Check("dz_dt.scalar", "dz_dt", lambda rng: Case((float(rng.uniform(-3.0, 3.0)),)), Values(), weight=0.5,
          misconceptions=("missing_chain_term", "derivative_sign", "partial_derivatives")),
    _unchanged("dz_dt", _t),
]
