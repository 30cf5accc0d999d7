"""The misconceptions of notebook 1 (the graph of y = (x**2 + 1)**3, dz/dt, the ``Value`` engine) and their twins,
beside ``checks/chain_rule.py``. The twins of ``Value`` are classes (the reference ``Value`` with one slip), run
through the check's driver.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from autograder.checks.catalogue import Misconception, register


MISCONCEPTIONS = [
    # chain rule
    Misconception("graph_powers", "the graph is g = x**2, f = g + 1, y = f**3: one of the powers differs"),
    Misconception("local_derivative_square", "the local derivative of g = x**2 is dg/dx = 2 * x"),
    Misconception("partial_derivatives", "for z = x**2 * y the partial derivatives are dz/dx = 2 x y and "
                  "dz/dy = x**2"),
    Misconception("graph_order", "build the graph in the order given: g = x^2, then f = g + 1, then y = f^3"),
    Misconception("power_rule", "the derivative of f^3 is 3 f^2 (power rule): keep the square"),
    Misconception("chain_not_multiplied", "multiply each local derivative by the upstream one: "
                  "dy_dx = dy_dg * dg/dx, not dg/dx alone"),
    Misconception("cache_not_used", "take the intermediate values from the cache passed in instead of "
                  "recomputing them: the backward pass uses what the forward pass stored"),
    Misconception("missing_chain_term", "dz/dt has two terms, one through x and one through y: "
                  "dz/dt = dz/dx * dx/dt + dz/dy * dy/dt"),
    Misconception("derivative_sign", "check the derivative of cos: d cos(t)/dt = -sin(t)"),
    # the Value engine (notebook 1)
    Misconception("upstream_grad_missing", "each local backward multiplies its local derivative by the gradient "
                  "that arrived, `out.grad` (the chain rule): e.g. `self.grad += other.data * out.grad`, not "
                  "`+= other.data`"),
    Misconception("grad_overwritten", "a node used twice (`x * x`, `x + x`) or that already holds a gradient "
                  "lost a contribution: add to `.grad` with `+=` in every `_backward`, never assign it with `=`"),
    Misconception("grad_subtracted", "one input of `+` or `*` received minus its share: every `_backward` adds "
                  "(`+=`) its local derivative times `out.grad`, none subtracts it"),
    Misconception("input_grad_missing", "one input of `+` or `*` received no gradient: a binary op's `_backward` "
                  "adds to BOTH inputs, `self.grad += ...` and `other.grad += ...`"),
    Misconception("mul_backward_swapped", "in `__mul__` each factor's gradient is the OTHER factor times "
                  "`out.grad`: `self.grad += other.data * out.grad` and `other.grad += self.data * out.grad`"),
    Misconception("tanh_backward_from_input", "the derivative of tanh is 1 - t**2 with t the output "
                  "`out.data` = tanh(x), not 1 - x**2 of the input `self.data`"),
    Misconception("grad_seed_missing", "the gradients stayed 0: `backward()` must set `self.grad = 1.0` "
                  "(d out / d out) before it calls the nodes' `_backward` functions"),
    Misconception("backward_not_topological", "a node's `_backward` ran before every node that uses it had "
                  "added its share: build a topological order (a depth-first search that appends a node after "
                  "all of its `_prev`) and call `_backward` along it reversed, output first"),
    Misconception("backward_no_visited", "a node reached along two paths had its `_backward` called twice, so "
                  "its gradient was pushed twice: keep a set of visited nodes so that the order holds each node "
                  "once"),
]


# ---------------------------------------------------------------------------------------------------
# Twins: the wrong formula of each misconception, evaluated on the hidden inputs; each returns the whole
# output of the function (the check selects its part).


def _fg(x, *, order=False):
    g = x**2
    if order:
        f = g**3
        y = f + 1
    else:
        f = g + 1
        y = f**3
    return y, {"x": x, "g": g, "f": f, "y": y}


def _bg(cache, *, square=True, upstream=True, recompute=False):
    x = cache["x"]
    f = x**2 + 1 if recompute else cache["f"]
    dy_df = 3 * f**2 if square else 3 * f
    dy_dg = dy_df * 1
    dy_dx = dy_dg * 2 * x if upstream else 2 * x
    return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}


def _fg_powers(x, p=2, q=3):
    g = x**p
    f = g + 1
    y = f**q
    return y, {"x": x, "g": g, "f": f, "y": y}


def _dz_dt(t, dz_dx=lambda x, y: 2 * x * y, dz_dy=lambda x, y: x**2, minus=False):
    x, y = np.cos(t), np.exp(t)
    a, b = dz_dx(x, y) * -np.sin(t), dz_dy(x, y) * np.exp(t)
    return a - b if minus else a + b


def _value_twin(add="ok", mul="ok", tanh="ok", backward="ok", traversal="iterative"):
    """The reference Value with one kind of slip: in an op's local backward ``"no_upstream"`` (out.grad
    forgotten), ``"assign"`` (= for +=), ``"swapped"`` (mul: a factor times its own data), ``"input"``
    (tanh: 1 - x**2 of the input); in backward() ``"no_seed"``, ``"seed_after"``, ``"not_reversed"``,
    ``"preorder"``, ``"bfs"`` (orders that are not topological), ``"no_visited"``, ``"recursive"``
    (each node pushes once per path)."""
    from autograder.reference.chain_rule import Value as _Value

    class Twin(_Value):
        def __add__(self, other):
            other = other if isinstance(other, _Value) else Twin(other)
            out = Twin(self.data + other.data, (self, other), "+")

            def _backward():
                up = 1.0 if add == "no_upstream" else out.grad
                _put(self, up, add, "first")
                _put(other, up, add, "second")

            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, _Value) else Twin(other)
            out = Twin(self.data * other.data, (self, other), "*")

            def _backward():
                up = 1.0 if mul == "no_upstream" else out.grad
                da, db = (self.data, other.data) if mul == "swapped" else (other.data, self.data)
                _put(self, da * up, mul, "first")
                _put(other, db * up, mul, "second")

            out._backward = _backward
            return out

        def tanh(self):
            t = float(np.tanh(self.data))
            out = Twin(t, (self,), "tanh")

            def _backward():
                up = 1.0 if tanh == "no_upstream" else out.grad
                local = {"input": 1.0 - self.data**2, "no_square": 1.0 - t, "plus": 1.0 + t**2,
                         "two": 2.0 - t**2, "no_one": -t**2, "cube": 1.0 - t**3}.get(tanh, 1.0 - t**2)
                if tanh == "assign":
                    self.grad = local * up
                else:
                    self.grad += local * up

            out._backward = _backward
            return out

        def backward(self):
            if backward == "ok" and traversal == "recursive":  # the order of the notebook's recursive sort
                backward_ = "ok_recursive"
            else:
                backward_ = backward
            if backward_ == "ok":
                return _Value.backward(self)
            if backward_ == "recursive":
                self.grad = 1.0

                def push(node):
                    node._backward()
                    for child in node._prev:
                        push(child)
                push(self)
                return None
            order, seen = [], set()
            if backward_ == "bfs":  # a queue from the output, each node once
                frontier = [self]
                seen.add(id(self))
                while frontier:
                    node = frontier.pop(0)
                    order.append(node)
                    fresh = [c for c in node._prev if id(c) not in seen]
                    seen.update(id(c) for c in fresh)
                    frontier.extend(fresh)
                walk = order
            elif backward_ == "preorder":  # a depth-first search that lists a node before its children
                def visit_first(node):
                    if id(node) not in seen:
                        seen.add(id(node))
                        order.append(node)
                        for child in node._prev:
                            visit_first(child)
                visit_first(self)
                walk = order
            else:
                def visit(node):
                    if backward_ == "no_visited" or id(node) not in seen:
                        seen.add(id(node))
                        for child in node._prev:
                            visit(child)
                        order.append(node)
                visit(self)
                walk = order if backward_ == "not_reversed" else list(reversed(order))
            if backward_ != "no_seed" and backward_ != "seed_after":
                self.grad = 1.0
            for node in walk:
                node._backward()
            if backward_ == "seed_after":
                self.grad = 1.0
            return None

    return Twin


def _put(node, amount, slip, which):
    """One input's share of a binary op's local backward, as the slip has it (``assign``/``negate`` both
    inputs, ``assign_first``, ``negate_second``, ... one of them)."""
    if slip in ("skip", f"skip_{which}"):
        return
    if slip in ("assign", f"assign_{which}"):
        node.grad = amount
    elif slip in ("negate", f"negate_{which}"):
        node.grad -= amount
    else:
        node.grad += amount


def _value_twins(part: str, *slips: str) -> tuple:
    """Twins with ``slips`` in one op or, for the ops, in every non-empty set of the ops."""
    if part == "backward":
        return tuple(_value_twin(backward=s) for s in slips)
    import itertools

    if part == "tanh":
        return tuple(_value_twin(tanh=s) for s in slips)
    (slip,) = slips
    if slip == "assign":  # = for += in one op's statement, in both of a binary op's, in several ops
        per_op = {"add": ("ok", "assign", "assign_first", "assign_second"),
                  "mul": ("ok", "assign", "assign_first", "assign_second"), "tanh": ("ok", "assign")}
        # the result depends on the order of the _backward calls: the reference's and the recursive sort's
        return tuple(_value_twin(add=a, mul=m, tanh=t, traversal=order)
                     for order in ("iterative", "recursive")
                     for a, m, t in itertools.product(*per_op.values()) if (a, m, t) != ("ok", "ok", "ok"))
    if slip == "negate":  # -= for += in one statement of + or *
        return tuple(_value_twin(**{op: f"negate_{which}"}) for op in ("add", "mul") for which in ("first", "second"))
    ops = ("add", "mul", "tanh")
    return tuple(_value_twin(**{op: slip for op in chosen})
                 for r in (1, 2, 3) for chosen in itertools.combinations(ops, r))


TWINS: dict[tuple[str, str], tuple[Callable, ...]] = {
    ("forward_graph", "graph_order"): (lambda x: _fg(x, order=True),),
    ("forward_graph", "graph_powers"): tuple(
        (lambda x, _p=p, _q=q: _fg_powers(x, _p, _q)) for p, q in ((1, 3), (3, 3), (2, 2), (2, 4), (2, 1))
    ),
    ("backward_graph", "power_rule"): (
        lambda c: _bg(c, square=False),
        lambda c: dict(_bg(c), dy_df=3 * c["f"] ** 3, dy_dg=3 * c["f"] ** 3, dy_dx=3 * c["f"] ** 3 * 2 * c["x"]),
        lambda c: dict(_bg(c), dy_df=3 / c["f"] ** 2, dy_dg=3 / c["f"] ** 2, dy_dx=3 / c["f"] ** 2 * 2 * c["x"]),
    ),
    ("backward_graph", "local_derivative_square"): tuple(
        (lambda c, _d=d: dict(_bg(c), dy_dx=_bg(c)["dy_dg"] * _d(c["x"])))
        for d in (lambda x: 2 / x, lambda x: 3 * x, lambda x: x, lambda x: x**2, lambda x: 2 + x)
    ),
    ("backward_graph", "chain_not_multiplied"): (lambda c: _bg(c, upstream=False),),
    ("backward_graph", "cache_not_used"): (lambda c: _bg(c, recompute=True),),
    ("dz_dt", "missing_chain_term"): (
        lambda t: 2 * np.cos(t) * np.exp(t) * (-np.sin(t)),
        lambda t: np.cos(t) ** 2 * np.exp(t),
        lambda t: _dz_dt(t, minus=True),
    ),
    ("dz_dt", "partial_derivatives"): tuple(
        (lambda t, _k=kw: _dz_dt(t, **_k)) for kw in (
            {"dz_dx": lambda x, y: 3 * x * y}, {"dz_dx": lambda x, y: x * y}, {"dz_dx": lambda x, y: 2 * x / y},
            {"dz_dx": lambda x, y: 2 / x * y},
            {"dz_dx": lambda x, y: 2 * x}, {"dz_dy": lambda x, y: x**3}, {"dz_dy": lambda x, y: x},
            {"dz_dy": lambda x, y: 2 * x})
    ),
    ("dz_dt", "derivative_sign"): (lambda t: 2 * np.cos(t) * np.exp(t) * np.sin(t) + np.cos(t) ** 2 * np.exp(t),),
    ("Value", "upstream_grad_missing"): _value_twins("ops", "no_upstream"),
    ("Value", "grad_overwritten"): _value_twins("ops", "assign"),
    ("Value", "mul_backward_swapped"): (_value_twin(mul="swapped"),),
    ("Value", "input_grad_missing"): tuple(
        _value_twin(**{op: f"skip_{which}"}) for op in ("add", "mul") for which in ("first", "second")),
    ("Value", "grad_subtracted"): _value_twins("ops", "negate"),
    ("Value", "tanh_backward_from_input"): (_value_twin(tanh="input"),),
    ("Value", "missing_square"): (_value_twin(tanh="no_square"),),
    ("Value", "tanh_derivative_formula"): _value_twins("tanh", "plus", "two", "no_one", "cube"),
    ("Value", "grad_seed_missing"): _value_twins("backward", "no_seed", "seed_after"),
    ("Value", "backward_not_topological"): _value_twins("backward", "not_reversed", "preorder", "bfs"),
    ("Value", "backward_no_visited"): _value_twins("backward", "no_visited", "recursive"),
}


register(__name__, MISCONCEPTIONS, TWINS)
