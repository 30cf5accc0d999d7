# honest: engine_visited_list
# changes: Value whose backward() calls a helper function topological_order(root) defined outside the class, a
# recursion with a visited LIST; `self.grad = self.grad + ...` instead of `+=`; isinstance against (int, float).
import math


def topological_order(root):
    """Every node root depends on, each after the nodes it was computed from."""
    order, visited = [], []

    def visit(node):
        if any(node is seen for seen in visited):
            return
        visited.append(node)
        for child in node._prev:
            visit(child)
        order.append(node)

    visit(root)
    return order


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = Value(other) if isinstance(other, (int, float)) else other
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = self.grad + out.grad
            other.grad = other.grad + out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = Value(other) if isinstance(other, (int, float)) else other
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = self.grad + other.data * out.grad
            other.grad = other.grad + self.data * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        e = math.exp(2 * self.data)
        t = (e - 1) / (e + 1)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad = self.grad + (1 - t * t) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        nodes = topological_order(self)
        self.grad = 1
        for node in nodes[::-1]:
            node._backward()

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)
