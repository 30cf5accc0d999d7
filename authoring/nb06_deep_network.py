"""Notebook 6: the modular L-layer network (linear and activation blocks, caches, He initialisation, L2), built by
the student, checked against finite differences, trained, and used for the initialisation experiments."""

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 6. A deep network, one block at a time

    Notebook 3 wrote the two layers of a small network out by hand. A deeper network repeats the same two steps,
    a linear map and an activation, once per layer, so here you write each step **once**, as a pair of functions:
    a *forward* function that computes its output and keeps what the backward pass will need (the **cache**),
    and a *backward* function that takes the gradient arriving from above and returns the gradients of its inputs
    and parameters. Stacking the pairs gives a network of any depth $L$:

    * `linear_forward` / `linear_backward`: $Z = W A_{\text{prev}} + b$;
    * `activation_forward` / `activation_backward`: the same plus $A = g(Z)$ for ReLU, tanh or sigmoid;
    * `initialize_he`: the starting weights that keep a deep ReLU network trainable;
    * `L_model_forward`, `compute_cost_l2`, `L_model_backward`: the whole network, with L2 regularisation;
    * `layer_gradient_norms`: the size of each layer's gradient, the measurement of the experiments at the end.

    Then you check the whole backward pass against finite differences, train a 4-layer network, and see what
    happens with other starting weights.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **Conventions.** Examples are columns: $A^{[l]}$ has shape $(n_l, m)$, $W^{[l]}$ shape $(n_l, n_{l-1})$,
    $b^{[l]}$ shape $(n_l, 1)$, and $A^{[0]} = X$. Caches are tuples: a *linear cache* is `(A_prev, W, b)`, an
    *activation cache* `(linear_cache, Z)`. A backward function receives the upstream gradient of its output
    **per example** (one column per example) and returns per-example `dA_prev`; the $\frac1m$ of the mean cost is
    applied exactly once, when `dW` and `db` are formed.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    setup("setup_numerical", r'''
    def numerical_gradient(f, x, upstream, eps=1e-6):
        """Centred differences of sum(f() * upstream) with respect to every entry of the array x.

        f: a function of no arguments that reads x; x is nudged in place and restored. The result has x's shape:
        it is what a backward function must return for x when `upstream` is the gradient of f's output.
        """
        grad = np.zeros_like(x, dtype=float)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + eps
            plus = np.sum(f() * upstream)
            x[idx] = old - eps
            minus = np.sum(f() * upstream)
            x[idx] = old
            grad[idx] = (plus - minus) / (2 * eps)
        return grad


    def small_layer(n_prev=3, n=2, m=4, seed=0):
        """A_prev (n_prev, m), W (n, n_prev), b (n, 1) drawn from a fixed generator, for the visible tests."""
        rng = np.random.default_rng(seed)
        return rng.normal(0, 1, (n_prev, m)), rng.normal(0, 1, (n, n_prev)), rng.normal(0, 1, (n, 1))
    '''),
    markdown(r"""
    ## 6.1 The linear block

    Forward: $Z = W A_{\text{prev}} + b$, with $b$ broadcast over the $m$ columns. Keep `(A_prev, W, b)` as the
    cache: those are exactly the three things the derivatives below depend on.

    Backward: given $dZ = \partial \mathcal{L}/\partial Z$ (one column per example), the chain rule gives

    $$dW = \frac1m\, dZ\, A_{\text{prev}}^T, \qquad db = \frac1m \sum_{\text{columns}} dZ, \qquad
      dA_{\text{prev}} = W^T dZ .$$

    $dW$ and $db$ are gradients of the *mean* cost, hence the $\frac1m$ (with $m$ = `A_prev.shape[1]`);
    $dA_{\text{prev}}$ is handed to the layer below, still one column per example, so it has no $\frac1m$
    (the layer below applies it in its own $dW$, $db$). Every gradient has the shape of what it belongs to.

    Write `linear_forward(A_prev, W, b)`.

    {RULES:linear_forward}
    """),
    solution("linear_forward", r'''
    def linear_forward(A_prev, W, b):
        """A_prev: (n_prev, m), W: (n, n_prev), b: (n, 1) -> (Z: (n, m), cache = (A_prev, W, b))."""
        ### BEGIN SOLUTION
        Z = W @ A_prev + b
        cache = (A_prev, W, b)
        return Z, cache
        ### END SOLUTION
    '''),
    tests("linear_forward", r"""
    A_prev, W, b = small_layer()
    Z, cache = linear_forward(A_prev, W, b)
    expect_close("Z", Z, W @ A_prev + b)
    assert isinstance(cache, (tuple, list)) and len(cache) == 3, "cache must be the tuple (A_prev, W, b)"
    for name, got, want in zip(("A_prev", "W", "b"), cache, (A_prev, W, b)):
        expect_close(f"cache entry {name}", got, want)
    print("Visible tests passed.")
    """),
    markdown(r"""
    Now `linear_backward(dZ, cache)`. The visible test compares your three gradients with
    `numerical_gradient`, which nudges each entry of an input and measures how $\sum Z \odot \text{upstream}$
    changes: the same quantity your backward function computes by the chain rule.

    {RULES:linear_backward}
    """),
    solution("linear_backward", r'''
    def linear_backward(dZ, cache):
        """dZ: (n, m), cache = (A_prev, W, b) -> (dA_prev: (n_prev, m), dW: (n, n_prev), db: (n, 1))."""
        ### BEGIN SOLUTION
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = dZ @ A_prev.T / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        dA_prev = W.T @ dZ
        return dA_prev, dW, db
        ### END SOLUTION
    '''),
    tests("linear_backward", r"""
    A_prev, W, b = small_layer(n_prev=3, n=2, m=5, seed=1)
    dZ = np.random.default_rng(2).normal(0, 1, (2, 5))
    dA_prev, dW, db = linear_backward(dZ, (A_prev, W, b))
    Z_of = lambda: W @ A_prev + b
    # dW and db belong to the mean cost: their upstream is dZ / m; dA_prev is per example: its upstream is dZ
    expect_close("dW", dW, numerical_gradient(Z_of, W, dZ / 5))
    expect_close("db", db, numerical_gradient(Z_of, b, dZ / 5))
    expect_close("dA_prev", dA_prev, numerical_gradient(Z_of, A_prev, dZ))
    one = linear_backward(dZ[:, :1], (A_prev[:, :1], W, b))
    expect_close("dW for one example", one[1], dZ[:, :1] @ A_prev[:, :1].T)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 6.2 The activation block

    `activation_forward` calls `linear_forward`, then applies $g$: `"relu"` is $\max(0, Z)$, `"tanh"` is
    $\tanh Z$, `"sigmoid"` is $1/(1 + e^{-Z})$. Its cache is `(linear_cache, Z)`: the backward pass needs $Z$,
    where the derivative is evaluated.

    `activation_backward` takes $dA$ and computes $dZ = dA \odot g'(Z)$, then hands $dZ$ to `linear_backward`:

    * ReLU: $g'(Z) = 1$ where $Z > 0$, else $0$. (A mask computed from $A = \max(0, Z)$, `A > 0`, is the same mask:
      either is right.)
    * tanh: $g'(Z) = 1 - \tanh^2 Z$;
    * sigmoid: $g'(Z) = s(1 - s)$ with $s = 1/(1 + e^{-Z})$.

    The cache holds $Z$, not $A$: the formulas of notebook 2 written with the activation $a$ need $a = g(Z)$
    first. Helper functions of your own (a `relu` for this notebook, say) are fine in a cell you add.

    {RULES:activation_forward}
    """),
    solution("activation_forward", r'''
    def activation_forward(A_prev, W, b, activation):
        """One layer. activation: "relu", "tanh" or "sigmoid" -> (A: (n, m), cache = ((A_prev, W, b), Z))."""
        ### BEGIN SOLUTION
        Z, linear_cache = linear_forward(A_prev, W, b)
        if activation == "relu":
            A = np.maximum(0, Z)
        elif activation == "tanh":
            A = np.tanh(Z)
        elif activation == "sigmoid":
            A = 1 / (1 + np.exp(-Z))
        else:
            raise ValueError(f"unknown activation {activation!r}")
        return A, (linear_cache, Z)
        ### END SOLUTION
    '''),
    tests("activation_forward", r"""
    A_prev, W, b = small_layer(seed=3)
    Z = W @ A_prev + b
    for activation, g in (("relu", lambda z: np.maximum(0, z)), ("tanh", np.tanh),
                          ("sigmoid", lambda z: 1 / (1 + np.exp(-z)))):
        A, cache = activation_forward(A_prev, W, b, activation)
        expect_close(f"A for {activation}", A, g(Z))
        assert isinstance(cache, (tuple, list)) and len(cache) == 2, "the cache is (linear_cache, Z)"
        expect_close(f"Z in the {activation} cache", cache[1], Z)
        expect_close(f"A_prev in the {activation} linear cache", cache[0][0], A_prev)
    print("Visible tests passed.")
    """),
    markdown(r"""
    {RULES:activation_backward}
    """),
    solution("activation_backward", r'''
    def activation_backward(dA, cache, activation):
        """dA: (n, m), cache = ((A_prev, W, b), Z) -> (dA_prev: (n_prev, m), dW: (n, n_prev), db: (n, 1))."""
        ### BEGIN SOLUTION
        linear_cache, Z = cache
        if activation == "relu":
            dZ = dA * (Z > 0)
        elif activation == "tanh":
            dZ = dA * (1 - np.tanh(Z) ** 2)
        elif activation == "sigmoid":
            s = 1 / (1 + np.exp(-Z))
            dZ = dA * s * (1 - s)
        else:
            raise ValueError(f"unknown activation {activation!r}")
        return linear_backward(dZ, linear_cache)
        ### END SOLUTION
    '''),
    tests("activation_backward", r"""
    A_prev, W, b = small_layer(n_prev=4, n=3, m=5, seed=4)
    dA = np.random.default_rng(5).normal(0, 1, (3, 5))
    for activation in ("relu", "tanh", "sigmoid"):
        _, cache = activation_forward(A_prev, W, b, activation)
        dA_before = dA.copy()
        dA_prev, dW, db = activation_backward(dA, cache, activation)
        assert np.array_equal(dA, dA_before), "activation_backward must not modify dA"
        A_of = lambda: activation_forward(A_prev, W, b, activation)[0]
        expect_close(f"dW ({activation})", dW, numerical_gradient(A_of, W, dA / 5))
        expect_close(f"db ({activation})", db, numerical_gradient(A_of, b, dA / 5))
        expect_close(f"dA_prev ({activation})", dA_prev, numerical_gradient(A_of, A_prev, dA))
        # the backward pass reads Z from the cache: b is not needed, so another b must change nothing
        other = activation_backward(dA, ((A_prev, W, b + 5.0), cache[1]), activation)
        expect_close(f"dW ({activation}) with another b in the cache", other[1], dW)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 6.3 Initialisation: the rule to follow

    The experiments at the end of this notebook show why a deep network cannot start from just any weights. The
    rule for ReLU layers is **He initialisation**: draw every weight of $W^{[l]}$ independently from a normal
    distribution with mean 0 and variance $2 / n_{l-1}$ (standard deviation $\sqrt{2/n_{l-1}}$, where
    $n_{l-1}$ is the number of inputs of the layer), and set every bias to 0. A ReLU zeroes about half of its
    inputs; the factor 2 makes up for that, so the signal keeps about the same size from layer to layer.

    Write `initialize_he(layer_dims, seed=0)` for `layer_dims = [n_0, n_1, ..., n_L]`, drawing from
    `np.random.default_rng(seed)` (any generator seeded with `seed` is fine). The arrays are float64, NumPy's
    default for `standard_normal` and `np.zeros`; the grader reads them as floats, so their dtype is not graded.

    {RULES:initialize_he}
    """),
    solution("initialize_he", r'''
    def initialize_he(layer_dims, seed=0):
        """W<l> ~ N(0, 2 / n_{l-1}) of shape (n_l, n_{l-1}), b<l> = zeros (n_l, 1), for l = 1 .. len(layer_dims) - 1."""
        ### BEGIN SOLUTION
        rng = np.random.default_rng(seed)
        parameters = {}
        for l in range(1, len(layer_dims)):
            n_prev = layer_dims[l - 1]
            parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], n_prev)) * np.sqrt(2 / n_prev)
            parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return parameters
        ### END SOLUTION
    '''),
    tests("initialize_he", r"""
    dims = [50, 80, 40, 1]
    params = initialize_he(dims, seed=1)
    for l in range(1, len(dims)):
        W, b = params[f"W{l}"], params[f"b{l}"]
        assert np.shape(W) == (dims[l], dims[l - 1]), f"W{l} has shape {np.shape(W)}, expected {(dims[l], dims[l - 1])}"
        assert np.shape(b) == (dims[l], 1) and not np.any(b), f"b{l} must be zeros of shape {(dims[l], 1)}"
    for l in (1, 2):  # big enough layers to measure the spread
        ratio = np.sqrt(np.mean(params[f"W{l}"] ** 2)) / np.sqrt(2 / dims[l - 1])
        assert 0.9 < ratio < 1.1, f"W{l}: root mean square {ratio:.2f} times He's sqrt(2 / n_prev); expected about 1"
    again, other = initialize_he(dims, seed=1), initialize_he(dims, seed=2)
    assert np.array_equal(again["W1"], params["W1"]), "the same seed must give the same weights"
    assert not np.array_equal(other["W1"], params["W1"]), "another seed must give other weights"
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 6.4 The whole network

    `L_model_forward(X, parameters, hidden_activation="relu")` runs $L$ = `len(parameters) // 2` activation
    blocks: layers $1, \dots, L-1$ with `hidden_activation`, layer $L$ with a sigmoid (the probability of label
    1). It returns `AL` and the list `caches` of the $L$ activation caches, layer 1 first. Read the parameters by
    name (`parameters[f"W{l}"]`), never by their order in the dict.

    {RULES:L_model_forward}
    """),
    solution("L_model_forward", r'''
    def L_model_forward(X, parameters, hidden_activation="relu"):
        """X: (n_0, m) -> (AL: (1, m), caches: list of L activation caches, layer 1 first)."""
        ### BEGIN SOLUTION
        L = len(parameters) // 2
        caches = []
        A = X
        for l in range(1, L + 1):
            activation = hidden_activation if l < L else "sigmoid"
            A, cache = activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
            caches.append(cache)
        return A, caches
        ### END SOLUTION
    '''),
    tests("L_model_forward", r"""
    rng = np.random.default_rng(6)
    X = rng.normal(0, 1, (3, 4))
    p = {"b2": rng.normal(0, 1, (2, 1)), "W1": rng.normal(0, 1, (5, 3)), "W3": rng.normal(0, 1, (1, 2)),
         "b1": rng.normal(0, 1, (5, 1)), "W2": rng.normal(0, 1, (2, 5)), "b3": rng.normal(0, 1, (1, 1))}
    for hidden, g in (("relu", lambda z: np.maximum(0, z)), ("tanh", np.tanh)):
        A1 = g(p["W1"] @ X + p["b1"])
        A2 = g(p["W2"] @ A1 + p["b2"])
        AL, caches = L_model_forward(X, p, hidden_activation=hidden)
        expect_close(f"AL ({hidden} hidden layers)", AL, 1 / (1 + np.exp(-(p["W3"] @ A2 + p["b3"]))))
        assert len(caches) == 3, f"3 layers need 3 caches, got {len(caches)}"
        expect_close("the Z of layer 2's cache", caches[1][1], p["W2"] @ A1 + p["b2"])
    AL, caches = L_model_forward(X, {"W1": p["W3"][:, :1] @ np.ones((1, 3)), "b1": p["b3"]})
    assert np.shape(AL) == (1, 4) and len(caches) == 1, "one layer: AL (1, m) and one cache"
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### The cost, with L2 regularisation

    L2 regularisation adds to the cross-entropy a penalty on large weights:

    $$J = -\frac1m \sum_{i=1}^m \Big(y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log\big(1 - a^{[L](i)}\big)\Big)
        + \frac{\lambda}{2m} \sum_{l=1}^{L} \big\|W^{[l]}\big\|_F^2 ,$$

    where $\|W\|_F^2$ is the sum of the squares of all entries of $W$. The biases are not penalised. Write
    `compute_cost_l2(AL, Y, parameters, lambd)` (`lambda` is a Python keyword, hence `lambd`).

    {RULES:compute_cost_l2}
    """),
    solution("compute_cost_l2", r'''
    def compute_cost_l2(AL, Y, parameters, lambd):
        """AL, Y: (1, m) -> float: mean cross-entropy + lambd / (2 m) * sum over l of ||W<l>||_F^2."""
        ### BEGIN SOLUTION
        m = Y.shape[1]
        cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
        L = len(parameters) // 2
        penalty = sum(np.sum(parameters[f"W{l}"] ** 2) for l in range(1, L + 1)) * lambd / (2 * m)
        return float(cross_entropy + penalty)
        ### END SOLUTION
    '''),
    tests("compute_cost_l2", r"""
    AL = np.array([[0.8, 0.3, 0.6, 0.1]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    p = {"W1": np.array([[1.0, -2.0], [0.5, 0.0]]), "b1": np.array([[3.0], [1.0]]),
         "W2": np.array([[2.0, 1.0]]), "b2": np.array([[-1.0]])}
    plain = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    expect_close("the cost with lambd = 0", compute_cost_l2(AL, Y, p, 0.0), plain)
    # ||W1||^2 = 5.25, ||W2||^2 = 5, lambd / (2 m) = 0.7 / 8
    expect_close("the cost with lambd = 0.7", compute_cost_l2(AL, Y, p, 0.7), plain + 0.7 / 8 * 10.25)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### The backward pass

    `L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None)` walks the caches
    backwards. The derivative of the cross-entropy with respect to the output is

    $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)$$

    (one column per example). Give it to `activation_backward` with `"sigmoid"` for layer $L$, then pass each
    returned $dA$ down through layers $L-1, \dots, 1$ with `hidden_activation`. (Going straight to
    $dZ^{[L]} = A^{[L]} - Y$ and `linear_backward` is the same, as notebook 3 showed.) Store the results as
    `grads["dW" + str(l)]`, `grads["db" + str(l)]` (and, if you like, `grads["dA" + str(l - 1)]`).

    **L2.** The penalty $\frac{\lambda}{2m}\|W^{[l]}\|_F^2$ adds $\frac{\lambda}{m} W^{[l]}$ to $dW^{[l]}$, and nothing
    to $db^{[l]}$. Take $W^{[l]}$ from `parameters` (the grader passes it whenever `lambd > 0`) or from the
    cache of layer $l$, where it is the same array.

    {RULES:L_model_backward}
    """),
    solution("L_model_backward", r'''
    def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
        """-> grads {"dW<l>": (n_l, n_{l-1}), "db<l>": (n_l, 1), "dA<l-1>": (n_{l-1}, m)} for l = 1 .. L."""
        ### BEGIN SOLUTION
        L = len(caches)
        m = AL.shape[1]
        grads = {}
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        for l in range(L, 0, -1):
            activation = "sigmoid" if l == L else hidden_activation
            dA_prev, dW, db = activation_backward(dA, caches[l - 1], activation)
            if lambd:
                dW = dW + lambd / m * parameters[f"W{l}"]
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
            dA = dA_prev
        return grads
        ### END SOLUTION
    '''),
    tests("L_model_backward", r"""
    rng = np.random.default_rng(7)
    X = rng.normal(0, 1, (3, 6))
    Y = np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 0.0]])
    p = {"W1": rng.normal(0, 0.8, (4, 3)), "b1": rng.normal(0, 0.5, (4, 1)),
         "W2": rng.normal(0, 0.8, (2, 4)), "b2": rng.normal(0, 0.5, (2, 1)),
         "W3": rng.normal(0, 0.8, (1, 2)), "b3": rng.normal(0, 0.5, (1, 1))}
    for hidden, lambd in (("tanh", 0.0), ("sigmoid", 0.9)):
        AL, caches = L_model_forward(X, p, hidden)
        grads = L_model_backward(AL, Y, caches, hidden, lambd=lambd, parameters=p)
        for name in p:
            numeric = numerical_gradient(lambda: compute_cost_l2(L_model_forward(X, p, hidden)[0], Y, p, lambd),
                                         p[name], 1.0)
            expect_close(f"d{name} ({hidden}, lambd={lambd})", grads["d" + name], numeric, atol=1e-7)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### How large is each layer's gradient?

    The experiments at the end of this notebook compare starting weights by one measurement: the size of every
    layer's weight gradient, $\|dW^{[l]}\|_F$ (the square root of the sum of the squares of its entries), at the
    start of training. Write `layer_gradient_norms(X, Y, parameters, hidden_activation="relu")`: one forward pass
    with `L_model_forward`, then the backward pass, returning the $L$ norms as a 1-D array, layer 1 first.

    Start the backward pass from $dZ^{[L]} = A^{[L]} - Y$, not from $dA^{[L]}$. The two are the same where the
    output is strictly between 0 and 1, but with large weights the sigmoid returns *exactly* `1.0` (in float64,
    $1/(1 + e^{-40})$ rounds to 1), and then $dA^{[L]}$ divides $0$ by $0$: every gradient below it becomes `nan`.
    $A^{[L]} - Y$ has no division. So: `linear_backward(AL - Y, ...)` for layer $L$ (its linear cache is
    `caches[L - 1][0]`), then `activation_backward` for layers $L-1, \dots, 1$, keeping the norm of each `dW`.

    {RULES:layer_gradient_norms}
    """),
    solution("layer_gradient_norms", r'''
    def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
        """X: (n_0, m), Y: (1, m) -> (L,) array: entry l - 1 is ||dW<l>||_F, from dZ<L> = AL - Y backwards."""
        ### BEGIN SOLUTION
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        L = len(caches)
        norms = np.zeros(L)
        dA, dW, _ = linear_backward(AL - Y, caches[L - 1][0])
        norms[L - 1] = np.linalg.norm(dW)
        for l in range(L - 1, 0, -1):
            dA, dW, _ = activation_backward(dA, caches[l - 1], hidden_activation)
            norms[l - 1] = np.linalg.norm(dW)
        return norms
        ### END SOLUTION
    '''),
    tests("layer_gradient_norms", r"""
    rng = np.random.default_rng(8)
    X = rng.normal(0, 1, (3, 6))
    Y = np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 0.0]])
    p = {"W1": rng.normal(0, 0.8, (4, 3)), "b1": rng.normal(0, 0.5, (4, 1)),
         "W2": rng.normal(0, 0.8, (2, 4)), "b2": rng.normal(0, 0.5, (2, 1)),
         "W3": rng.normal(0, 0.8, (1, 2)), "b3": rng.normal(0, 0.5, (1, 1))}
    for hidden in ("relu", "tanh"):
        norms = layer_gradient_norms(X, Y, p, hidden)
        cost = lambda: compute_cost_l2(L_model_forward(X, p, hidden)[0], Y, p, 0.0)
        want = [np.linalg.norm(numerical_gradient(cost, p[f"W{l}"], 1.0)) for l in (1, 2, 3)]
        expect_close(f"the norms ({hidden} hidden layers; layer 1 first)", norms, want)
    # weights of standard deviation 1 on six ReLU layers of 32: the sigmoid returns exactly 1.0 for some examples
    rng = np.random.default_rng(10)
    X_big, Y_big = rng.normal(0, 1, (3, 20)), (rng.random((1, 20)) < 0.5).astype(float)
    big = {}
    for l, (n_prev, n) in enumerate(zip([3] + [32] * 6, [32] * 6 + [1]), start=1):
        big[f"W{l}"], big[f"b{l}"] = rng.normal(0, 1, (n, n_prev)), np.zeros((n, 1))
    with np.errstate(over="ignore"):                # exp(-Z) overflows for very negative logits: harmless
        saturated = layer_gradient_norms(X_big, Y_big, big, "relu")
        assert np.any(L_model_forward(X_big, big, "relu")[0] == 1.0), "this test expects a saturated output"
    assert np.shape(saturated) == (7,), f"7 layers need 7 norms, got shape {np.shape(saturated)}"
    assert np.all(np.isfinite(saturated)), (
        "some norms are nan or inf where the output is exactly 1.0: start from dZ = AL - Y, not from dAL")
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 6.5 A gradient check of the whole network

    The visible tests compared each block with finite differences. Here is the same check for the whole network
    at once, with *your* functions, on a 4-layer ReLU network with L2: every parameter is nudged, the cost is
    recomputed, and the relative difference $\|g - g^{\text{approx}}\| / (\|g\| + \|g^{\text{approx}}\|)$ of notebook 5
    is printed. Values around $10^{-9}$ mean the backward pass is right; $10^{-3}$ and more mean a bug. (ReLU's kink
    can spoil a check when some $Z$ is within $\varepsilon$ of 0; with these inputs none is.)
    """),
    provided("provided_gradient_check", r'''
    def whole_network_check(X, Y, parameters, hidden_activation="relu", lambd=0.0, eps=1e-6):
        """Relative difference between L_model_backward and centred differences of compute_cost_l2."""
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        grads = L_model_backward(AL, Y, caches, hidden_activation, lambd=lambd, parameters=parameters)
        analytic, numeric = [], []
        for name, value in parameters.items():
            for idx in np.ndindex(value.shape):
                old = value[idx]
                value[idx] = old + eps
                plus = compute_cost_l2(L_model_forward(X, parameters, hidden_activation)[0], Y, parameters, lambd)
                value[idx] = old - eps
                minus = compute_cost_l2(L_model_forward(X, parameters, hidden_activation)[0], Y, parameters, lambd)
                value[idx] = old
                numeric.append((plus - minus) / (2 * eps))
                analytic.append(grads["d" + name][idx])
        analytic, numeric = np.array(analytic), np.array(numeric)
        return np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric))
    '''),
    demo(r"""
    rng = np.random.default_rng(0)
    X_check = rng.normal(0, 1, (2, 8))
    Y_check = (rng.random((1, 8)) < 0.5).astype(float)
    p_check = initialize_he([2, 6, 5, 4, 1], seed=3)
    for l in range(1, 5):
        p_check[f"b{l}"] = rng.normal(0, 0.1, p_check[f"b{l}"].shape)
    for lambd in (0.0, 0.5):
        print(f"lambd = {lambd}: relative difference {whole_network_check(X_check, Y_check, p_check, 'relu', lambd):.1e}")
    """),
    markdown(r"""
    ## 6.6 Training a 4-layer network

    The planar "flower" data set (two classes on alternating petals) needs a non-linear boundary. The loop below
    is plain gradient descent with your functions; it is short on purpose.
    """),
    provided("provided_training", r'''
    def make_flower(m=400, k=4, noise=0.2, seed=0):
        """Points on the rose curve r = 4 sin(k t); class 0 for t in [0, 3.12], class 1 for t in [3.12, 6.24].
        Returns X: (2, m), Y: (1, m)."""
        rng = np.random.default_rng(seed)
        xs, ys = [], []
        for label, size in enumerate((m - m // 2, m // 2)):
            t = np.linspace(label * 3.12, (label + 1) * 3.12, size) + noise * rng.standard_normal(size)
            r = 4 * np.sin(k * t) + noise * rng.standard_normal(size)
            xs.append(np.stack([r * np.sin(t), r * np.cos(t)]))
            ys.append(np.full(size, float(label)))
        return np.concatenate(xs, axis=1), np.concatenate(ys)[np.newaxis, :]


    def train_deep(X, Y, parameters, hidden_activation="relu", learning_rate=0.1, num_iterations=1000, lambd=0.0):
        """Gradient descent with your functions. Returns (parameters, costs: one per iteration)."""
        parameters = {name: value.copy() for name, value in parameters.items()}
        costs = []
        for i in range(num_iterations):
            AL, caches = L_model_forward(X, parameters, hidden_activation)
            costs.append(compute_cost_l2(AL, Y, parameters, lambd))
            grads = L_model_backward(AL, Y, caches, hidden_activation, lambd=lambd, parameters=parameters)
            parameters = {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}
        return parameters, costs


    def accuracy(X, Y, parameters, hidden_activation="relu"):
        return float(np.mean((L_model_forward(X, parameters, hidden_activation)[0] > 0.5) == Y))
    '''),
    demo(r"""
    import matplotlib.pyplot as plt

    X, Y = make_flower(m=300, seed=0)
    X = X / 4                                   # inputs of order 1
    dims = [2, 16, 16, 8, 1]
    trained, costs = train_deep(X, Y, initialize_he(dims, seed=0), learning_rate=0.1, num_iterations=1500)
    print(f"layers {dims}: cost {costs[0]:.3f} -> {costs[-1]:.3f}, training accuracy {accuracy(X, Y, trained):.0%}")

    xx, yy = np.meshgrid(np.linspace(-1.2, 1.2, 100), np.linspace(-1.2, 1.2, 100))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    axes[0].plot(costs)
    axes[0].set_xlabel("iteration")
    axes[0].set_ylabel("cost")
    axes[1].contourf(xx, yy, L_model_forward(grid, trained)[0].reshape(xx.shape), levels=20, cmap="RdBu_r", alpha=0.6)
    axes[1].scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", edgecolors="k", s=12)
    axes[1].set_title("probability of class 1")
    plt.show()
    """),
    markdown(r"""
    ## 6.7 Why He initialisation: three experiments

    **Zero weights.** With every weight 0, all units of a layer compute the same function, receive the same
    gradient and take the same step: they stay copies of each other forever (the *symmetry* is never broken), so
    a layer of 16 units is worth one unit. With ReLU units and zeros it is even worse: every hidden activation is
    $g(0) = 0$, so no weight gradient is ever non-zero and only the last bias moves. Any constant has the same
    symmetry: trained from all weights equal to 0.3, the rows of $W^{[2]}$ move, and stay identical.
    """),
    demo(r"""
    zeros = {name: np.zeros_like(value) for name, value in initialize_he(dims, seed=0).items()}
    trained_zero, costs_zero = train_deep(X, Y, zeros, learning_rate=0.1, num_iterations=300)
    print(f"from zeros: cost {costs_zero[0]:.3f} -> {costs_zero[-1]:.3f}, largest weight after training "
          f"{max(np.abs(trained_zero[f'W{l}']).max() for l in range(1, len(dims))):.1e}")
    constant = {name: np.full_like(value, 0.3 if name[0] == "W" else 0.0) for name, value in zeros.items()}
    trained_constant, costs_constant = train_deep(X, Y, constant, learning_rate=0.1, num_iterations=300)
    print("first rows of W2 after training from the constant 0.3:")
    print(np.round(trained_constant["W2"][:3, :6], 4))
    print("largest difference between two rows of W2:", np.ptp(trained_constant["W2"], axis=0).max())
    print(f"cost {costs_constant[0]:.3f} -> {costs_constant[-1]:.3f}, accuracy {accuracy(X, Y, trained_constant):.0%}")
    """),
    markdown(r"""
    **Too large.** A ReLU layer with $n$ inputs and weights of standard deviation $s$ multiplies the size of the
    signal by about $s\sqrt{n/2}$: exactly 1 with He's $s = \sqrt{2/n}$, and $c$ with $c$ times He's scale. The
    factor is raised to the power of the depth: through 7 layers, twice He's scale makes the output logits about
    $2^7 \approx 130$ times He's, and 4 times He's scale ($s = 1$ in the layers of 32 inputs) about
    $4^7 \approx 16000$ times. The cell
    below starts a network of 6 hidden layers of 32 units from He's weights and from 1.25, 2 and 4 times them: it prints the
    median size of the output logits $Z^{[L]}$, the share of outputs that are *exactly* 0.0 or 1.0 (the sigmoid
    has saturated in float64), and the cost before and after 300 steps. A quarter more than He's still trains;
    from twice He's on, the cost is `nan` from the very first step ($0 \cdot \log 0$ enters it, and $dA^{[L]}$
    divides by zero), so gradient descent cannot even start. The margin is narrow because of that power.
    """),
    demo(r"""
    deep_dims = [2] + [32] * 6 + [1]


    def scaled_he(dims, factor, seed=0):
        # He's weights multiplied by factor (standard deviation factor * sqrt(2 / n_prev)), zero biases
        return {name: value * factor for name, value in initialize_he(dims, seed).items()}


    fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
    for label, factor in (("He", 1.0), ("1.25 x He", 1.25), ("2 x He", 2.0), ("4 x He", 4.0)):
        start = scaled_he(deep_dims, factor)
        with np.errstate(all="ignore"):            # overflow in the sigmoid's exp, log(0), 0 / 0: that is the point
            AL, caches = L_model_forward(X, start, "relu")
            logits = np.abs(caches[-1][1])
            _, costs_run = train_deep(X, Y, start, "relu", learning_rate=0.05, num_iterations=300)
        print(f"{label:>15}: median |Z[L]| {np.median(logits):9.3g}, outputs exactly 0 or 1: "
              f"{np.mean((AL == 0) | (AL == 1)):4.0%}, cost {costs_run[0]:.3g} -> {costs_run[-1]:.3g}")
        axes[0].hist(np.log10(logits.ravel() + 1e-12), bins=30, alpha=0.6, label=label)
        axes[1].plot(costs_run, label=label if np.isfinite(costs_run[-1]) else label + " (nan: not drawn)")
    axes[0].set(xlabel="log10 |Z[L]| (output logits) at the start", ylabel="examples")
    axes[1].set(xlabel="iteration", ylabel="cost", yscale="log")
    for ax in axes:
        ax.legend()
    plt.tight_layout()
    plt.show()
    """),
    markdown(r"""
    **Gradient norms, layer by layer and with depth.** Your `layer_gradient_norms` measures $\|dW^{[l]}\|$ at the
    start, in a network of 10 hidden layers of 32 units (left), and $\|dW^{[1]}\|$ as the network gets deeper
    (right). In a ReLU network each layer multiplies the forward signal *and* the backward gradient by about
    $s\sqrt{n/2}$, and $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]T}$ carries the forward factors of the layers below $l$
    and the backward factors of the layers above it: every layer gets about the same product of $L$ factors. So
    the ReLU curves on the left are roughly level: near $10^{-16}$ with $s = 0.01$ (the gradient of *every* layer
    vanishes), in the tens of thousands with $s = 1$ (every layer's explodes), around $0.1$ with He. On the right
    the same product shrinks or grows geometrically with the depth, except with He.

    A **sigmoid** in the hidden layers is different: its derivative is at most $1/4$, so the backward gradient
    shrinks at every layer while the forward signal (values near 0.5) does not. The layers nearest the input get
    the smallest gradients, by a factor of about 5 per layer here (weights $\mathcal N(0, 1/n)$): the *vanishing
    gradients of the first layers*, which ReLU and He initialisation avoid. With **zeros**, every $dW^{[l]}$ is
    exactly 0 (printed below; a log scale cannot draw it): only the output bias $b^{[L]}$ gets a gradient.
    """),
    demo(r"""
    deep_dims = [2] + [32] * 10 + [1]
    starts = {  # label -> (hidden activation, the standard deviation of W<l> for n_prev inputs)
        "ReLU, std 0.01": ("relu", lambda n: 0.01),
        "ReLU, He": ("relu", lambda n: np.sqrt(2 / n)),
        "ReLU, std 1": ("relu", lambda n: 1.0),
        "sigmoid, std sqrt(1/n)": ("sigmoid", lambda n: np.sqrt(1 / n)),
    }


    def start_with(dims, std, seed=0):
        # normal weights of standard deviation std(n_prev) in each layer, zero biases
        start = initialize_he(dims, seed)
        for l in range(1, len(dims)):
            start[f"W{l}"] = start[f"W{l}"] / np.sqrt(2 / dims[l - 1]) * std(dims[l - 1])
        return start


    fig, (ax_layers, ax_depth) = plt.subplots(1, 2, figsize=(11, 3.6))
    layers = np.arange(1, len(deep_dims))
    with np.errstate(over="ignore"):                 # std 1: the sigmoid's exp overflows; AL - Y stays finite
        for label, (hidden, std) in starts.items():
            norms = layer_gradient_norms(X, Y, start_with(deep_dims, std), hidden)
            ax_layers.semilogy(layers, norms, "o-", label=label)
            print(f"{label:>24}: ||dW1|| = {norms[0]:.1e}, ||dW{len(norms)}|| = {norms[-1]:.1e}")
        zeros = {name: np.zeros_like(value) for name, value in start_with(deep_dims, starts["ReLU, He"][1]).items()}
        print(f"{'zeros':>24}: every ||dW[l]|| is {layer_gradient_norms(X, Y, zeros, 'relu')}")
        depths = range(2, 13, 2)
        for label, (hidden, std) in list(starts.items())[:3]:
            first = [layer_gradient_norms(X, Y, start_with([2] + [32] * d + [1], std), hidden)[0] for d in depths]
            ax_depth.semilogy(list(depths), first, "o-", label=label)
    ax_layers.set(xlabel="layer l (1 = next to the input)", ylabel="||dW[l]|| at the start")
    ax_depth.set(xlabel="number of hidden layers", ylabel="||dW[1]|| at the start")
    ax_layers.legend(fontsize=8)
    ax_depth.legend(fontsize=8)
    plt.show()
    """),
    markdown(r"""
    **L2 regularisation.** The penalty pulls every weight towards 0 at every step, so a large $\lambda$ keeps the
    weights small, the network closer to linear and its boundary smoother. The same network trained with three
    values of $\lambda$ (the title gives $\|W\|$, the norm of all weights together, and the accuracy on the 300
    training points and on 1000 new points of the same flower, which training never sees): with $\lambda = 0.5$
    the weights shrink a little and the boundary barely changes; with $\lambda = 5$ they are about half as large,
    the boundary is smooth and misses parts of the petals, and both accuracies drop. On the new points the network
    without a penalty does as well as the one with $\lambda = 0.5$ (88%), so this small network, 800 steps on 300
    points, has little noise to unlearn and the penalty only costs accuracy; it pays where a network fits the noise
    of its training set, which only held-out data can show (notebook 9 shows such a case).
    """),
    demo(r"""
    X_new, Y_new = make_flower(m=1000, seed=1)
    X_new = X_new / 4                           # new points of the same flower, never trained on
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.5))
    for ax, lambd in zip(axes, (0.0, 0.5, 5.0)):
        trained_l2, _ = train_deep(X, Y, initialize_he(dims, seed=0), learning_rate=0.1, num_iterations=800, lambd=lambd)
        size = np.sqrt(sum(np.sum(trained_l2[f"W{l}"] ** 2) for l in range(1, len(dims))))
        ax.contourf(xx, yy, L_model_forward(grid, trained_l2)[0].reshape(xx.shape), levels=20, cmap="RdBu_r", alpha=0.6)
        ax.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", edgecolors="k", s=10)
        scores = f"accuracy {accuracy(X, Y, trained_l2):.0%}, on new points {accuracy(X_new, Y_new, trained_l2):.0%}"
        print(f"lambd = {lambd}: ||W|| = {size:.1f}, {scores}")
        ax.set_title(f"lambd = {lambd}: ||W|| = {size:.1f}\n{scores}", fontsize=10)
    plt.show()
    """),
    markdown(r"""
    ## Summary

    * A layer is two blocks; each block's backward uses only its cache and the upstream gradient:
      $dW = \frac1m dZ A_{\text{prev}}^T$, $db = \frac1m \sum dZ$, $dA_{\text{prev}} = W^T dZ$, $dZ = dA \odot g'(Z)$.
    * The deep network is a loop over the blocks forwards, and the same loop backwards over the caches.
    * Start ReLU networks with He weights, $\mathcal N(0, 2/n_{l-1})$, and zero biases: zeros never break the
      symmetry; each layer's gradient is a product of one factor per layer, so weights a few times too large
      saturate the output and explode every gradient, too small make every gradient vanish, and the deeper the
      network the stronger the effect. Saturating activations (sigmoid) shrink the gradients of the first layers.
    * L2 adds $\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2$ to the cost and $\frac{\lambda}{m} W^{[l]}$ to each $dW^{[l]}$.
    """),
]
