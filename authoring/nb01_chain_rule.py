"""Notebook 1: the chain rule, one and several variables, and the computational graph."""

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 1. The chain rule

    Backpropagation is what made deep networks trainable. A network with millions of weights needs the derivative
    of the loss with respect to *every* weight, at every training step. Differentiating each weight separately
    would repeat the same work again and again; backpropagation instead walks once through the network from the
    output back to the input and **reuses** every intermediate derivative it has already computed. The cost of
    that backward walk grows linearly with the size of the network, about the same as computing its output.

    Everything in this course rests on one rule of calculus: the chain rule. In this notebook you will

    * differentiate a composed function of one variable,
    * handle a variable that influences the output along several paths,
    * write a *forward pass* that caches intermediate values and a *backward pass* that uses only that cache.
    * write `Value`, a small automatic differentiator that records any expression as a graph and runs the
      backward pass over it for you.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **How to work:** fill in every cell that says `YOUR CODE HERE` (delete the `raise NotImplementedError()`
    line), then run the test cell right below it. The visible tests use a small example and tell you what went
    wrong; when you submit, hidden tests check more cases. Run the whole notebook top to bottom
    (*Kernel → Restart Kernel and Run All Cells*) before submitting.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports("math"),
    markdown(r"""
    ## 1.1 One variable

    When a function is built by feeding one function into another, $y = f(g(x))$, a small change in $x$ first
    changes the inner value $g$, and that change is then amplified (or damped) by the outer function. The two
    rates multiply:

    $$\frac{dy}{dx} = \frac{dy}{dg}\,\frac{dg}{dx}.$$

    **Example.** Take $y = (x^2 + 1)^3$. Call the inner part $g = x^2 + 1$, so that $y = g^3$. Each piece is easy
    on its own: $\frac{dy}{dg} = 3g^2$ and $\frac{dg}{dx} = 2x$. Multiplying,

    $$\frac{dy}{dx} = 3g^2 \cdot 2x = 6x\,(x^2 + 1)^2 .$$

    At $x = 1$ this is $6 \cdot 1 \cdot 2^2 = 24$. You never had to expand the cube: the chain rule lets you
    differentiate each small piece and multiply the pieces together.

    A derivative can always be checked numerically: nudge $x$ a little to each side and look at how much $y$
    moves. The cell below does that (you will build a full *gradient checker* on this idea in notebook 5).
    """),
    demo(r"""
    def y_of(x):
        return (x**2 + 1) ** 3

    x0, h = 1.0, 1e-5
    numeric = (y_of(x0 + h) - y_of(x0 - h)) / (2 * h)
    by_chain_rule = 6 * x0 * (x0**2 + 1) ** 2
    print(f"numerical slope at x = 1: {numeric:.6f}   chain rule: {by_chain_rule:.6f}")
    """),
    markdown(r"""
    ## 1.2 Several variables

    Often one input reaches the output along more than one route. Suppose $z = f(x, y)$ and both $x = g(t)$ and
    $y = h(t)$ depend on $t$. Nudging $t$ moves $x$ *and* $y$, and each of those moves $z$. For small nudges the
    two effects simply add up, one term per path from $t$ to $z$:

    $$\frac{dz}{dt} = \frac{\partial z}{\partial x}\frac{dx}{dt} + \frac{\partial z}{\partial y}\frac{dy}{dt}.$$

    Each term is a single-variable chain rule along one path; the partial derivative $\frac{\partial z}{\partial x}$
    is taken with $y$ held fixed, and vice versa.

    This "sum over paths" is exactly what happens inside a network: a hidden unit feeds *every* unit of the next
    layer, so its gradient is the sum of the contributions coming back from all of them. In matrix form that sum
    is the product $W^T \, \delta$ you will meet in notebook 3.
    """),
    markdown(r"""
    ## 1.3 The computational graph

    A program that computes a number can be drawn as a **directed acyclic graph**: each node is one simple
    operation, each edge carries a value from one operation to the next. Our example $y = (x^2+1)^3$ becomes a
    chain of three nodes:

    ```
            g = x²          f = g + 1         y = f³
      x ──────────▶ g ──────────────▶ f ──────────────▶ y        forward: values flow right
        ◀────────── ◀────────────── ◀──────────────            backward: derivatives flow left
         ∂g/∂x = 2x       ∂f/∂g = 1        ∂y/∂f = 3f²
    ```

    * **Forward pass**: evaluate the nodes from left to right and **store** (cache) every intermediate value.
    * **Backward pass**: start at the output with $\frac{\partial y}{\partial y} = 1$ and move right to left.
      At each node multiply the derivative that arrived from the right by the node's *local* derivative. The
      local derivatives need the cached values ($f$ for the cube, $x$ for the square), which is why the forward
      pass keeps them: the backward pass never recomputes anything.

    Your turn. `forward_graph(x)` evaluates the three nodes and returns `(y, cache)` with
    `cache = {"x": x, "g": g, "f": f, "y": y}`. It must work for a float and, elementwise, for a NumPy array.

    {RULES:forward_graph}
    """),
    solution("forward_graph", r'''
    def forward_graph(x):
        """Forward pass through the graph g = x**2, f = g + 1, y = f**3.

        x: a float or an ndarray (the graph is applied elementwise).
        Returns (y, cache) with cache = {"x": x, "g": g, "f": f, "y": y}.
        """
        ### BEGIN SOLUTION
        g = x**2
        f = g + 1
        y = f**3
        cache = {"x": x, "g": g, "f": f, "y": y}
        return y, cache
        ### END SOLUTION
    '''),
    tests("forward_graph", r"""
    # Visible test: one float and one small array.
    y, cache = forward_graph(2.0)
    assert isinstance(cache, dict), f"forward_graph must return (y, cache) with cache a dict, got {type(cache)}"
    assert set(cache) == {"x", "g", "f", "y"}, f"cache keys are {sorted(cache)}, expected ['f', 'g', 'x', 'y']"
    expect_close("cache['g'] at x = 2", cache["g"], 4.0)
    expect_close("cache['f'] at x = 2", cache["f"], 5.0)
    expect_close("y at x = 2", y, 125.0)
    expect_close("cache['y'] at x = 2", cache["y"], 125.0)

    y, cache = forward_graph(np.array([0.0, -1.0, 0.5]))
    expect_close("y for x = [0, -1, 0.5]", y, [1.0, 8.0, 1.953125])
    print("Visible tests passed.")
    """),
    markdown(r"""
    Now the backward pass. `backward_graph(cache)` returns the derivative of $y$ with respect to each node,
    walking from right to left and **using only the cache** (no call to `forward_graph`):

    * `dy_df`: the local derivative of the cube node,
    * `dy_dg`: what arrived from the right times the local derivative of the `+ 1` node,
    * `dy_dx`: what arrived from the right times the local derivative of the square node.

    {RULES:backward_graph}
    """),
    solution("backward_graph", r'''
    def backward_graph(cache):
        """Backward pass through g = x**2, f = g + 1, y = f**3, from the values cached by forward_graph.

        cache: {"x": x, "g": g, "f": f, "y": y} (floats or ndarrays of one shape).
        Returns {"dy_df": ..., "dy_dg": ..., "dy_dx": ...}, each the shape of x.
        """
        ### BEGIN SOLUTION
        x, f = cache["x"], cache["f"]
        dy_df = 3 * f**2          # local derivative of y = f**3
        dy_dg = dy_df * 1         # f = g + 1 passes the gradient through unchanged
        dy_dx = dy_dg * 2 * x     # g = x**2
        return {"dy_df": dy_df, "dy_dg": dy_dg, "dy_dx": dy_dx}
        ### END SOLUTION
    '''),
    tests("backward_graph", r"""
    # Visible test: a cache written by hand for x = 2, then an array, then a cache that forward_graph did not write.
    grads = backward_graph({"x": 2.0, "g": 4.0, "f": 5.0, "y": 125.0})
    assert isinstance(grads, dict), f"backward_graph must return a dict, got {type(grads)}"
    missing = {"dy_df", "dy_dg", "dy_dx"} - set(grads)
    assert not missing, f"the returned dict lacks the keys {sorted(missing)}"
    expect_close("dy_df at x = 2", grads["dy_df"], 75.0)
    expect_close("dy_dg at x = 2", grads["dy_dg"], 75.0)
    expect_close("dy_dx at x = 2", grads["dy_dx"], 300.0)

    x = np.array([0.0, -1.0, 0.5])
    grads = backward_graph({"x": x, "g": x**2, "f": x**2 + 1, "y": (x**2 + 1) ** 3})
    expect_close("dy_df for x = [0, -1, 0.5]", grads["dy_df"], [3.0, 12.0, 4.6875])
    expect_close("dy_dx for x = [0, -1, 0.5]", grads["dy_dx"], [0.0, -24.0, 4.6875])

    # The backward pass trusts the cache: here f = 4 was stored (g = 3 is not x**2), so dy/df = 3 * 4**2.
    grads = backward_graph({"x": 2.0, "g": 3.0, "f": 4.0, "y": 64.0})
    expect_close("dy_df for the cache {x: 2, g: 3, f: 4, y: 64} (read f from the cache)", grads["dy_df"], 48.0)
    expect_close("dy_dx for the cache {x: 2, g: 3, f: 4, y: 64} (read f from the cache)", grads["dy_dx"], 192.0)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 1.4 Exercise: two paths

    Let $z = x^2\, y$ with $x = \cos t$ and $y = e^t$. The variable $t$ reaches $z$ through $x$ and through $y$.
    Write `dz_dt(t)` using the multivariable chain rule of section 1.2: compute the two partial derivatives of
    $z$, the two derivatives of $x$ and $y$ with respect to $t$, and add the two path contributions. Do not
    substitute and simplify by hand; the point is to see each path. `t` may be a float or an array.

    {RULES:dz_dt}
    """),
    solution("dz_dt", r'''
    def dz_dt(t):
        """dz/dt for z = x**2 * y with x = cos(t), y = exp(t), by the multivariable chain rule.

        t: a float or an ndarray (elementwise). Returns a value of the same shape.
        """
        ### BEGIN SOLUTION
        x = np.cos(t)
        y = np.exp(t)
        dz_dx = 2 * x * y       # y held fixed
        dz_dy = x**2            # x held fixed
        dx_dt = -np.sin(t)
        dy_dt = np.exp(t)
        return dz_dx * dx_dt + dz_dy * dy_dt
        ### END SOLUTION
    '''),
    tests("dz_dt", r"""
    # Visible test: at t = 0 only one path contributes; then three values at once.
    expect_close("dz_dt(0.0)", dz_dt(0.0), 1.0)
    expect_close("dz_dt([0, 1, 2.5])", dz_dt(np.array([0.0, 1.0, 2.5])), [1.0, -1.67818795, 19.5011926])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 1.5 Letting the computer do it: a tiny automatic differentiator

    Frameworks such as PyTorch and TensorFlow do what you just did by hand, automatically. While your program
    runs they record every operation as a node of a graph; calling `.backward()` walks that graph in reverse and
    applies the chain rule at each node, adding up the contributions when a value was used more than once (the
    "sum over paths" of section 1.2).

    You will now write such an engine for scalars, the class `Value`. A `Value` holds a number `data` and, once
    `backward()` has run, `grad`: the derivative of the final output with respect to this node. Every operation
    makes a new node `out` that remembers its inputs in `out._prev` and gets a small function `out._backward`
    that pushes `out.grad` back to those inputs, one local derivative each:

    | operation | forward | what `_backward` adds to the inputs' `.grad` |
    |---|---|---|
    | `out = a + b` | `a.data + b.data` | `a`: $1 \cdot$ `out.grad`, `b`: $1 \cdot$ `out.grad` |
    | `out = a * b` | `a.data * b.data` | `a`: `b.data * out.grad`, `b`: `a.data * out.grad` |
    | `out = a.tanh()` | $t = \tanh(a)$ | `a`: $(1 - t^2)$ `* out.grad`, with $t$ the **output** |

    Two details make or break the engine:

    * **Add, never assign.** A node can feed several others, or the same one twice (`x * x`): each use sends a
      contribution, and the node's gradient is their sum. So every `_backward` does `+=` on `.grad`.
    * **Order.** A node may push its gradient only once it is complete, that is once every node that *uses*
      it has pushed its share. `backward()` therefore lists the nodes in a **topological order** (a node after
      all the nodes it was computed from: a depth-first search that appends a node once all its `_prev` are
      listed, keeping a set of the nodes already visited so that each appears once), sets its own `grad` to 1
      ($\frac{d\,\text{out}}{d\,\text{out}} = 1$) and calls `_backward` on the nodes in the **reverse** of that
      order, output first.

    The forward computations, the plain numbers (`x + 3`, `2 * x` turn 3 and 2 into leaf `Value`s) and `-`
    (built from `+` and `*`) are given. Write the three `_backward` bodies and `backward()`.

    {RULES:Value}
    """),
    solution("Value", r'''
    class Value:
        """A number that remembers how it was computed, so that it can differentiate itself.

        data: the number (a float). grad: d(output)/d(this node), filled in by output.backward().
        _prev: the nodes this one was computed from (in operand order, a node twice for x * x).
        _backward: pushes self.grad to the nodes of _prev (a leaf's does nothing).
        """

        def __init__(self, data, _children=(), _op=""):
            self.data = float(data)
            self.grad = 0.0
            self._backward = lambda: None
            self._prev = tuple(_children)
            self._op = _op               # "+", "*" or "tanh": only for drawing the graph

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def _backward():
                ### BEGIN SOLUTION
                self.grad += out.grad
                other.grad += out.grad
                ### END SOLUTION

            out._backward = _backward
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def _backward():
                ### BEGIN SOLUTION
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad
                ### END SOLUTION

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,), "tanh")

            def _backward():
                ### BEGIN SOLUTION
                self.grad += (1 - t**2) * out.grad
                ### END SOLUTION

            out._backward = _backward
            return out

        def backward(self):
            """Add d(self)/d(node) to the grad of every node this one depends on (on a fresh graph, where every
            grad starts at 0, each then holds exactly that derivative): set self.grad = 1, then call _backward on
            every node in reverse topological order (each node once)."""
            ### BEGIN SOLUTION
            order, visited = [], set()

            def build(node):
                if node not in visited:
                    visited.add(node)
                    for child in node._prev:
                        build(child)
                    order.append(node)      # after everything it was computed from

            build(self)
            self.grad = 1.0
            for node in reversed(order):
                node._backward()
            ### END SOLUTION

        # Given: built from the operations above, so they need no backward rule of their own.
        def __radd__(self, other):       # 3 + x
            return self + other

        def __rmul__(self, other):       # 2 * x
            return self * other

        def __neg__(self):
            return self * -1

        def __sub__(self, other):
            return self + (-other)

        def __repr__(self):
            return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"
    '''),
    tests("Value", r"""
    # Visible test 1: each local backward alone (one node's _backward called by hand, out.grad = 0.5).
    a, b = Value(2.0), Value(-3.0)
    z = a * b
    z.grad = 0.5
    z._backward()
    expect_close("a.grad after (a * b)._backward() with out.grad = 0.5 (a = 2, b = -3)", a.grad, -1.5)
    expect_close("b.grad after (a * b)._backward() with out.grad = 0.5 (a = 2, b = -3)", b.grad, 1.0)
    a, b = Value(2.0), Value(-3.0)
    z = a + b
    z.grad = 0.5
    z._backward()
    expect_close("a.grad, b.grad after (a + b)._backward() with out.grad = 0.5", [a.grad, b.grad], [0.5, 0.5])
    x = Value(0.8)
    t = x.tanh()
    t.grad = 0.5
    t._backward()
    expect_close("x.grad after x.tanh()._backward() with out.grad = 0.5 (x = 0.8)", x.grad,
                 0.5 * (1 - math.tanh(0.8) ** 2))

    # Visible test 2: a node used twice by one operation: d(x * x)/dx = 2x, d(x + x)/dx = 2.
    x = Value(3.0)
    (x * x).backward()
    expect_close("x.grad after (x * x).backward() at x = 3", x.grad, 6.0)
    x = Value(3.0)
    (x + x).backward()
    expect_close("x.grad after (x + x).backward()", x.grad, 2.0)

    # Visible test 3: backward() on a graph where h and t are each used at two depths:
    # h = a * b, t = tanh(h), out = (t + h * h) * 2 + t = 3 t + 2 h**2.
    a, b = Value(0.6), Value(-0.5)
    h = a * b
    t = h.tanh()
    out = (t + h * h) * 2 + t
    out.backward()
    expect_close("out.grad after out.backward() (d out / d out)", out.grad, 1.0)
    dh = 3 * (1 - math.tanh(-0.3) ** 2) + 4 * -0.3
    expect_close("h.grad", h.grad, dh)
    expect_close("[a.grad, b.grad]", [a.grad, b.grad], [dh * -0.5, dh * 0.6])
    print("Visible tests passed.")
    """),
    markdown(r"""
    Why `+=` matters, on the smallest example: $\frac{d(x \cdot x)}{dx} = 2x$. The cell below copies your class
    into an engine whose multiplication *assigns* the gradient (`=`). With `x * x` both inputs of the product are
    the same node, so the second assignment overwrites the first: half the gradient is lost.
    """),
    demo(r"""
    class AssigningValue(Value):
        def __mul__(self, other):
            out = AssigningValue(self.data * other.data, (self, other), "*")

            def _backward():
                self.grad = other.data * out.grad      # the bug: = instead of +=
                other.grad = self.data * out.grad

            out._backward = _backward
            return out


    for engine in (Value, AssigningValue):
        x = engine(3.0)
        (x * x).backward()
        print(f"{engine.__name__:15s} d(x*x)/dx at x = 3: {x.grad}   (2x = 6)")
    """),
    markdown(r"""
    Every node now carries its value and its gradient. The drawing below lays out the graph of a small neuron,
    $o = \tanh(w_1 x_1 + w_2 x_2 + b)$, one column per depth, with `data` and `grad` in each box: read a
    gradient as "how much $o$ moves per unit of this node". The gradient of an input $x_i$ is $w_i$ times the
    gradient of its product, as the table above says.
    """),
    demo(r'''
    import matplotlib.pyplot as plt


    def draw(root, labels):
        """Each node of root's graph as a box with its name, data and grad; inputs on the left."""
        depth, nodes = {}, []

        def place(node, d):
            if depth.get(id(node), -1) < d:
                if id(node) not in depth:
                    nodes.append(node)
                depth[id(node)] = d
                for child in node._prev:
                    place(child, d + 1)

        place(root, 0)
        deepest = max(depth.values())
        columns = {}
        for node in nodes:
            columns.setdefault(deepest - depth[id(node)], []).append(node)
        where = {id(n): (c, (len(col) - 1) / 2 - r) for c, col in columns.items() for r, n in enumerate(col)}
        tallest = max(len(col) for col in columns.values())
        fig, ax = plt.subplots(figsize=(11, 1.2 * tallest + 1))
        for node in nodes:
            for child in node._prev:
                (x0, y0), (x1, y1) = where[id(child)], where[id(node)]
                ax.annotate("", (x1 - 0.3, y1), (x0 + 0.3, y0), annotation_clip=False,
                            arrowprops=dict(arrowstyle="->", color="0.5"))
        for node in nodes:
            x, y = where[id(node)]
            name = labels.get(id(node), node._op)
            ax.text(x, y, f"{name}\ndata {node.data:.3f}\ngrad {node.grad:.3f}", ha="center", va="center",
                    fontsize=9, bbox=dict(boxstyle="round", fc="lavender" if node._prev else "honeydew"))
        ax.set_xlim(-0.6, deepest + 0.6)
        ax.set_ylim(-tallest / 2, tallest / 2)
        ax.axis("off")
        ax.set_title("data flows right, gradients flow left")
        plt.show()


    x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(6.88)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    draw(o, {id(x1): "x1", id(x2): "x2", id(w1): "w1", id(w2): "w2", id(b): "b", id(o): "o = tanh"})
    '''),
    markdown(r"""
    Your engine also checks the hand-made backward pass of section 1.3: build $y = (x^2 + 1)^3$ from `Value`
    operations and compare.
    """),
    demo(r"""
    x = Value(1.5)
    f = x * x + 1
    y = f * f * f
    y.backward()
    print("Value dy/dx at 1.5:", x.grad, "  backward_graph:", backward_graph(forward_graph(1.5)[1])["dy_dx"])
    """),
    markdown(r"""
    ## 1.6 Why reusing derivatives matters: counting paths

    By the rule of section 1.2, $\frac{dy}{dx}$ is a sum over **every path** from $x$ to $y$ of the product of the
    local derivatives along that path. In a deep graph the number of paths explodes. Take a "ladder": after $x$
    come `depth` layers of 2 nodes, each node feeding both nodes of the next layer, then $y$. Every layer doubles
    the number of routes, so there are $2^{\text{depth}}$ paths. Each path is a product of $\text{depth} + 1$
    local derivatives, that is $\text{depth}$ multiplications, so summing the paths one by one costs
    $\text{depth} \cdot 2^{\text{depth}}$ multiplications (the table's middle column).

    The backward pass computes the same number differently: it walks from $y$ back to $x$ once, and at each node
    it adds up what arrived from the nodes it feeds (each already the sum over all the paths from there to $y$).
    That is 4 multiplications per layer: a cost **linear** in the depth. The cell below does both and counts,
    and lets your `Value` engine walk the same ladder as a graph.
    """),
    demo(r'''
    import itertools

    rng = np.random.default_rng(0)


    def ladder(depth):
        """Local derivatives of x -> depth layers of 2 nodes -> y, each node feeding both nodes of the next layer."""
        first = rng.uniform(-1.5, 1.5, 2)                   # first[i]: d(node i of layer 1)/dx
        middle = rng.uniform(-1.5, 1.5, (depth - 1, 2, 2))  # middle[k][j, i]: d(node j of layer k+2)/d(node i of layer k+1)
        last = rng.uniform(-1.5, 1.5, 2)                    # last[i]: dy/d(node i of the last layer)
        return first, middle, last


    def sum_over_paths(first, middle, last):
        """dy/dx as the sum, over every path, of the product of the local derivatives along it."""
        total, multiplications = 0.0, 0
        for route in itertools.product((0, 1), repeat=len(middle) + 1):   # the node taken in each layer
            term = first[route[0]]
            for k in range(len(middle)):
                term *= middle[k][route[k + 1], route[k]]
            total += term * last[route[-1]]
            multiplications += len(middle) + 1
        return total, multiplications


    def backward_walk(first, middle, last):
        """dy/dx by one walk from y back to x: each node sums what arrives from the nodes it feeds."""
        grad, multiplications = last, 0                     # grad[i]: dy/d(node i of the current layer)
        for k in reversed(range(len(middle))):
            grad = middle[k].T @ grad                       # 2 x 2: 4 multiplications
            multiplications += 4
        return float(first @ grad), multiplications + 2


    def ladder_with_values(first, middle, last):
        """The same ladder as a graph of Value nodes (each node a weighted sum of the layer before): your
        backward() walks it once."""
        x = Value(1.0)
        layer = [x * float(w) for w in first]
        for k in range(len(middle)):
            layer = [layer[0] * float(middle[k][j, 0]) + layer[1] * float(middle[k][j, 1]) for j in range(2)]
        y = layer[0] * float(last[0]) + layer[1] * float(last[1])
        y.backward()
        return x.grad


    print("depth    paths   multiplications: sum over paths   backward walk   same dy/dx (walk, Value)")
    for depth in (2, 4, 8, 12):
        graph = ladder(depth)
        (by_paths, n_paths), (by_walk, n_walk) = sum_over_paths(*graph), backward_walk(*graph)
        by_value = ladder_with_values(*graph)
        same = bool(np.isclose(by_paths, by_walk)), bool(np.isclose(by_paths, by_value))
        print(f"{depth:5d} {2**depth:8d} {n_paths:32d} {n_walk:15d}   {same}")
    '''),
    markdown(r"""
    Every extra layer doubles the number of paths (and more than doubles the work of summing them), but adds only
    4 multiplications to the backward walk. Real networks are wider than 2, so their number of paths grows even faster (the width to the power of the depth),
    while the backward pass still visits each node and edge once.

    ## Summary

    * The chain rule multiplies local derivatives along a path; when a variable reaches the output along several
      paths, the contributions add.
    * A computational graph makes this mechanical: the forward pass computes and caches, the backward pass starts
      from 1 at the output and multiplies by local derivatives from right to left, reusing the cache.
    * Because each node is visited once in each direction, the backward pass costs about as much as the forward
      pass. That is the whole trick of backpropagation; notebook 3 applies it to a neural network.
    """),
]
