"""The chain rule on a computational graph, by hand and with a tiny automatic engine.

Notebook 1 of the course. ``forward_graph`` / ``backward_graph`` evaluate y = (x^2 + 1)^3 as the graph
x -> g = x^2 -> f = g + 1 -> y = f^3 and walk it back; ``dz_dt`` applies the multivariable chain rule.
``Value`` is a reverse-mode scalar engine (graded, a class): every operation records its inputs and a
local backward rule, and ``backward()`` replays those rules in reverse topological order.
"""

import numpy as np


def forward_graph(x):
    """Evaluate y = (x^2 + 1)^3 one node at a time: g = x^2, f = g + 1, y = f^3.

    x: float or ndarray (elementwise) -> (y, cache) with cache = {"x", "g", "f", "y"}, each shaped like x.
    """
    g = x**2
    f = g + 1
    y = f**3
    return y, {"x": x, "g": g, "f": f, "y": y}


def backward_graph(cache):
    """Walk the graph of forward_graph backwards, multiplying local derivatives (chain rule).

    cache: {"x", "g", "f", "y"} from forward_graph -> {"dy_df", "dy_dg", "dy_dx"}, each shaped like x.
    dy/df = 3 f^2, dy/dg = dy/df * df/dg (= 1), dy/dx = dy/dg * dg/dx (= 2 x).
    """
    dy_df = 3 * cache["f"] ** 2
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * cache["x"]
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}


def dz_dt(t):
    """dz/dt for z = x^2 y with x = cos t, y = e^t, by the multivariable chain rule.

    t: float or ndarray (elementwise) -> same shape.
    dz/dt = dz/dx dx/dt + dz/dy dy/dt = 2 x y (-sin t) + x^2 e^t.
    """
    x = np.cos(t)
    y = np.exp(t)
    return 2 * x * y * (-np.sin(t)) + x**2 * y


class Value:
    """A scalar node of a computational graph that can backpropagate into its inputs (notebook 1, graded).

    ``data`` is the number, ``grad`` is d(output)/d(this node) once ``output.backward()`` has run,
    ``_prev`` holds the nodes it was computed from (in operand order, a node twice for ``x * x``) and
    ``_backward`` pushes ``grad`` to them, written beside each forward computation. Gradients accumulate
    with ``+=``: a node that feeds several others (or one twice) receives one contribution per use.
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad          # d(a + b)/da = 1
            other.grad += out.grad         # d(a + b)/db = 1

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad   # d(a b)/da = b
            other.grad += self.data * out.grad   # d(a b)/db = a

        out._backward = _backward
        return out

    def tanh(self):
        t = float(np.tanh(self.data))
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t**2) * out.grad   # tanh' written with the output t

        out._backward = _backward
        return out

    def backward(self):
        """Add d(self)/d(node) to ``grad`` of every node this one depends on (each holds exactly that on a fresh
        graph, where every grad starts at 0), seeding d(self)/d(self) = 1.

        The order is topological (every node before the nodes it was computed from), found by an iterative
        depth-first search, so a graph thousands of nodes deep needs no recursion."""
        order, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)         # after every node it depends on
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child in node._prev)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

    # Built from the operations above, so they need no backward rule of their own.
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
