"""The chain rule on a computational graph, by hand and with a tiny automatic engine.

Notebook 1 of the course. ``forward_graph`` / ``backward_graph`` evaluate y = (x^2 + 1)^3 as the graph
x -> g = x^2 -> f = g + 1 -> y = f^3 and walk it back; ``dz_dt`` applies the multivariable chain rule.
``Scalar`` is a micrograd-style reverse-mode engine for illustration (not graded): every operation
records its inputs and a local backward rule, and ``backward()`` replays those rules in reverse
topological order.
"""

import math

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


class Scalar:
    """A scalar node of a computational graph that can backpropagate into its inputs.

    ``data`` is the value, ``grad`` is d(output)/d(this node) once ``output.backward()`` has run.
    Each operation below builds a new node and attaches its local backward rule right next to the forward
    computation; gradients accumulate with ``+=`` because a node may feed several others.
    """

    def __init__(self, data, _parents=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._parents = tuple(_parents)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Scalar) else Scalar(other)
        out = Scalar(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Scalar) else Scalar(other)
        out = Scalar(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError(f"Scalar ** supports a constant int or float exponent, got {type(k).__name__}")
        out = Scalar(self.data**k, (self,), f"**{k}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Scalar(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad  # d e^x / dx = e^x, already computed

        out._backward = _backward
        return out

    def tanh(self):
        out = Scalar(math.tanh(self.data), (self,), "tanh")

        def _backward():
            self.grad += (1 - out.data**2) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Scalar(max(self.data, 0.0), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        """Fill ``grad`` of every node this one depends on with d(self)/d(node)."""
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node._parents:
                    visit(parent)
                order.append(node)  # after all its inputs: a topological order

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

    # Everything else is built from the operations above, so it needs no backward rule of its own.
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __truediv__(self, other):
        return self * other**-1

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return Scalar(other) * self**-1

    def __repr__(self):
        return f"Scalar(data={self.data:.6g}, grad={self.grad:.6g})"
