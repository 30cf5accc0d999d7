"""Checks of notebook 01_chain_rule: forward_graph, backward_graph, dz_dt, and the class Value.

backward_graph gets a cache whose g is NOT x^2 (f = g + 1 and y = f^3 still hold), so only an answer
that reads the cache gives the expected gradients.

Value (a micrograd-style scalar engine) is graded through DRIVERS: harnesses executed next to the
student's class that build graphs and return plain numbers. Each local backward rule is judged alone
(one node's ``_backward()`` called by hand), accumulation on its own (a node used twice, a grad already
there), ``backward()`` alone (a subclass whose +, * and tanh are the reference's, so only the student's
traversal and seed are used), then the whole engine on random expressions.
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
    Check("forward_graph.y", "forward_graph", lambda rng: Case(_x(rng)), Values(key=0, label="y", exact=True), weight=1.5,
          misconceptions=("graph_order", "graph_powers")),
    Check("forward_graph.cache", "forward_graph", lambda rng: Case(_x(rng)), Values(key=1, label="cache", exact=True), weight=1.5,
          misconceptions=("graph_order", "graph_powers")),
    Check("backward_graph.dy_df", "backward_graph", _graph_cache, Values(key="dy_df"), misconceptions=_BACKWARD),
    Check("backward_graph.dy_dg", "backward_graph", _graph_cache, Values(key="dy_dg"), misconceptions=_BACKWARD),
    Check("backward_graph.dy_dx", "backward_graph", _graph_cache, Values(key="dy_dx"), weight=1.5,
          misconceptions=_BACKWARD),
    Check("forward_graph.scalar", "forward_graph", _scalar_x, Values(exact=True), weight=0.5,
          misconceptions=("graph_order", "graph_powers")),
    _unchanged("forward_graph", lambda rng: Case(_x(rng))),
    _unchanged("backward_graph", _graph_cache),
    Check("dz_dt.values", "dz_dt", _t, Values(), weight=3,
          misconceptions=("missing_chain_term", "derivative_sign", "partial_derivatives")),
    Check("dz_dt.scalar", "dz_dt", lambda rng: Case((float(rng.uniform(-3.0, 3.0)),)), Values(), weight=0.5,
          misconceptions=("missing_chain_term", "derivative_sign", "partial_derivatives")),
    _unchanged("dz_dt", _t),
]


# ---------------------------------------------------------------------------------------------------
# Value: the drivers (self-contained: ``Value`` is the student's class, nothing else from outside)


def value_add_backward(a, b, g, c):
    """The local backward of + alone: (x + y)._backward() and (x + c), (c + x) with a plain number c."""
    x, y = Value(a), Value(b)
    z = x + y
    z.grad = g
    z._backward()
    p, q = Value(a), Value(a)
    u, v = p + c, c + q
    u.grad, v.grad = g, g
    u._backward()
    v._backward()
    import numpy

    return {"x + y": numpy.array([x.grad, y.grad]), "x + c": p.grad, "c + x": q.grad,
            "data": numpy.array([z.data, u.data, v.data])}


def value_mul_backward(a, b, g, c):
    """The local backward of * alone: (x * y)._backward() and (x * c), (c * x) with a plain number c."""
    x, y = Value(a), Value(b)
    z = x * y
    z.grad = g
    z._backward()
    p, q = Value(a), Value(a)
    u, v = p * c, c * q
    u.grad, v.grad = g, g
    u._backward()
    v._backward()
    import numpy

    return {"x * y": numpy.array([x.grad, y.grad]), "x * c": p.grad, "c * x": q.grad,
            "data": numpy.array([z.data, u.data, v.data])}


def value_tanh_backward(xs, g):
    """The local backward of tanh alone, at each input of xs, with upstream g."""
    grads, data = [], []
    for a in xs:
        x = Value(a)
        t = x.tanh()
        t.grad = g
        t._backward()
        grads.append(x.grad)
        data.append(t.data)
    import numpy

    return {"tanh": numpy.array(grads), "data": numpy.array(data)}


def value_accumulates(a, b, g, start):
    """Each local backward adds to what is there: inputs whose grad is already ``start``, and one node
    used twice (x * x, x + x)."""
    import numpy

    out = {}
    x = Value(a)
    x.grad = start
    z = x * x
    z.grad = g
    z._backward()
    out["x * x"] = x.grad
    x = Value(a)
    x.grad = start
    z = x + x
    z.grad = g
    z._backward()
    out["x + x"] = x.grad
    x, y = Value(a), Value(b)
    x.grad, y.grad = start, start
    z = x * y
    z.grad = g
    z._backward()
    out["x * y"] = numpy.array([x.grad, y.grad])
    z = x + y
    z.grad = g
    z._backward()
    out["then x + y"] = numpy.array([x.grad, y.grad])
    x = Value(a)
    x.grad = start
    z = x.tanh()
    z.grad = g
    z._backward()
    out["tanh(x)"] = x.grad
    return out


def value_graph(leaves, program, own_ops):
    """Build the graph ``program`` over Value(leaf) nodes, call backward() on its last node and return
    every node's data and grad. ``program``: rows ["add", i, j], ["mul", i, j] (node i with node j, maybe
    i == j), ["addc", i, c], ["mulc", i, c] (with a plain number), ["tanh", i, 0]. With ``own_ops`` false
    the +, * and tanh are the reference's (a subclass), so only the class's backward() is used."""
    import math

    from numpy import array as np_array

    make = Value
    if not own_ops:
        class Node(Value):
            def __add__(self, other):
                other = other if isinstance(other, Value) else Node(other)
                out = Node(self.data + other.data, (self, other), "+")

                def _backward():
                    self.grad += out.grad
                    other.grad += out.grad

                out._backward = _backward
                return out

            def __mul__(self, other):
                other = other if isinstance(other, Value) else Node(other)
                out = Node(self.data * other.data, (self, other), "*")

                def _backward():
                    self.grad += other.data * out.grad
                    other.grad += self.data * out.grad

                out._backward = _backward
                return out

            def tanh(self):
                t = math.tanh(self.data)
                out = Node(t, (self,), "tanh")

                def _backward():
                    self.grad += (1.0 - t * t) * out.grad

                out._backward = _backward
                return out

        make = Node
    nodes = [make(v) for v in leaves]
    for op, i, j in program:
        a = nodes[int(i)]
        if op == "add":
            nodes.append(a + nodes[int(j)])
        elif op == "mul":
            nodes.append(a * nodes[int(j)])
        elif op == "addc":
            nodes.append(a + float(j))
        elif op == "mulc":
            nodes.append(a * float(j))
        else:
            nodes.append(a.tanh())
    nodes[-1].backward()
    n = len(leaves)
    grads = [float(v.grad) for v in nodes]
    return {"data": nodes[-1].data, "leaf grads": np_array(grads[:n]), "inner grads": np_array(grads[n:])}


DRIVERS = [value_add_backward, value_mul_backward, value_tanh_backward, value_accumulates, value_graph]


# ---------------------------------------------------------------------------------------------------
# Value: the inputs


def _signed(rng, low=0.3, high=2.0):
    return float(rng.choice([-1.0, 1.0]) * rng.uniform(low, high))


def _binary_case(rng):
    return Case((_signed(rng), _signed(rng), _signed(rng, 0.5, 3.0), _signed(rng)))


def _tanh_case(rng):
    return Case(([_signed(rng, 0.2, 1.5) for _ in range(4)], _signed(rng, 0.5, 3.0)))


def _accumulate_case(rng):
    return Case((_signed(rng), _signed(rng), _signed(rng, 0.5, 3.0), _signed(rng, 0.5, 2.0)))


def _shared_graph(rng):
    """A fixed shape with the traps of a traversal: x * x and c + c (a node used twice by one op), h and
    t each used at two different depths (a node's grad is complete only when every user has pushed)."""
    leaves = [_signed(rng, 0.3, 1.2) for _ in range(3)]
    program = [
        ["mul", 0, 1],          # 3: h = a * b
        ["tanh", 3, 0],         # 4: t = tanh(h)
        ["mul", 3, 3],          # 5: h * h
        ["add", 4, 5],          # 6: t + h * h
        ["mulc", 6, _signed(rng, 0.5, 1.5)],
        ["add", 7, 3],          # 8: ... + h
        ["add", 2, 2],          # 9: c + c
        ["mul", 8, 9],          # 10
        ["add", 10, 4],         # 11: ... + t
    ]
    return Case((leaves, program, False))


def _deep_chain(rng):
    """A chain 300 nodes deep (within Python's default recursion limit of 1000, so a recursive
    topological sort is fine) with one leaf reused at the end."""
    program, last = [], 1
    for k in range(300):
        kind = ("mulc", "addc", "tanh")[k % 3]
        program.append([kind, last, float(rng.uniform(0.9, 1.1)) if kind == "mulc" else float(rng.uniform(-0.3, 0.3))
                        if kind == "addc" else 0])
        last = len(program) + 1
    program.append(["add", last, 0])
    return Case(([_signed(rng, 0.3, 1.0), _signed(rng, 0.3, 1.0)], program, False))


def _expression_shape():
    """The structure of the random-expressions check, the same for every student (so that every verdict,
    even of an order-dependent slip such as `=` for `+=`, is the same for all): a prefix where each leaf is
    used twice in the same position of the same op (a * b twice, a + b twice, tanh(c) twice), so that any assignment loses a share whatever the order, then 14 ops that continue from the newest
    node (every node feeds the output) with the other operand among the earlier ones (shared interior nodes,
    some used twice by one op). Constants are placeholders, drawn per student."""
    import numpy as np

    rng = np.random.default_rng(20261206)
    program = [["mul", 0, 1], ["mul", 0, 1], ["add", 0, 1], ["add", 0, 1], ["tanh", 2, 0], ["tanh", 2, 0],
               ["mul", 3, 4], ["add", 5, 6], ["mul", 7, 8], ["add", 9, 10], ["add", 11, 12]]
    for k in range(14):
        n = 3 + len(program)
        kind = ("add", "mul", "tanh", "addc", "mulc")[int(rng.integers(0, 5))] if k % 4 else "tanh"
        program.append([kind, n - 1, None if kind in ("addc", "mulc") else 0 if kind == "tanh"
                        else int(rng.integers(max(0, n - 8), n))])
    program.append(["mul", 3 + len(program) - 1, 7])
    return program


_SHAPE = _expression_shape()


def _random_expression(rng, own_ops=True):
    """The expression of ``_expression_shape`` with this student's leaves and constants."""
    leaves = [_signed(rng, 0.2, 1.2) for _ in range(3)]
    program = [[op, i, _signed(rng, 0.3, 1.2) if j is None else j] for op, i, j in _SHAPE]
    return Case((leaves, program, own_ops))


_OPS = ("upstream_grad_missing", "grad_overwritten", "grad_subtracted", "input_grad_missing", "mul_backward_swapped",
        "tanh_backward_from_input", "missing_square", "tanh_derivative_formula")
_ORDER = ("grad_seed_missing", "backward_not_topological", "backward_no_visited")

CHECKS += [
    Check("Value.add_backward", "Value", _binary_case, Values(), misconceptions=_OPS, driver="value_add_backward"),
    Check("Value.mul_backward", "Value", _binary_case, Values(), misconceptions=_OPS, driver="value_mul_backward"),
    Check("Value.tanh_backward", "Value", _tanh_case, Values(), misconceptions=_OPS, driver="value_tanh_backward"),
    Check("Value.accumulates", "Value", _accumulate_case, Values(), misconceptions=_OPS,
          driver="value_accumulates"),
    Check("Value.backward_order", "Value", _shared_graph, Values(), weight=1.5, misconceptions=_ORDER,
          driver="value_graph"),
    Check("Value.backward_deep", "Value", _deep_chain, Values(), weight=0.5, misconceptions=_ORDER,
          driver="value_graph"),
    Check("Value.random_expressions", "Value", _random_expression, Values(), weight=2,
          misconceptions=(*_OPS, *_ORDER), driver="value_graph"),
]
