# honest: engine_kahn
# changes: Value whose backward() pushes in Kahn's order (a node once every node that uses it has pushed: users
# counted first), the local derivatives kept in a list of (node, derivative) pairs per op.
import math


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def _push(self, out, pairs):
        def _backward():
            for node, local in pairs:
                node.grad += local * out.grad
        return _backward

    def __add__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        out = Value(self.data + other.data, (self, other), "+")
        out._backward = self._push(out, [(self, 1.0), (other, 1.0)])
        return out

    def __mul__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        out._backward = self._push(out, [(self, other.data), (other, self.data)])
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")
        out._backward = self._push(out, [(self, 1 - t**2)])
        return out

    def backward(self):
        users, seen, todo = {}, {id(self)}, [self]
        while todo:                       # count, for every node, the edges coming from its users
            node = todo.pop()
            for child in node._prev:
                users[id(child)] = users.get(id(child), 0) + 1
                if id(child) not in seen:
                    seen.add(id(child))
                    todo.append(child)
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            node._backward()
            for child in node._prev:
                users[id(child)] -= 1
                if users[id(child)] == 0:
                    ready.append(child)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)
