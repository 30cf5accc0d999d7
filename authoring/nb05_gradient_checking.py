"""Notebook 5: gradient checking, its pitfalls, finding a planted bug, and autodiff frameworks."""

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 5. Gradient checking

    A backward pass with a bug often still *runs*: the shapes fit, the cost even goes down a little, and nothing
    tells you that a gradient is wrong. Gradient checking is the standard way to be sure. It compares the
    gradients from backpropagation with a slow but simple numerical estimate made from the cost alone.

    In this notebook you will write a gradient checker, learn how to read its result (and when not to trust it),
    use it to find a bug planted in a backward pass, and compare hand-written gradients with an automatic
    differentiation library.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    markdown(r"""
    ## 5.1 The model to check

    Your checker will work with any model that provides two functions with these names:

    * `forward_propagation(X, parameters)` returning `(output, cache)`,
    * `compute_cost(output, Y)` returning a float.

    In this notebook they belong to a small **regression** network, different from notebook 3's classifier:
    a tanh hidden layer, a linear output and half the mean squared error,
    $J = \frac{1}{2m}\sum_i (\hat y^{(i)} - y^{(i)})^2$. Its parameters have the usual names `W1, b1, W2, b2`.
    """),
    setup("setup_model", r'''
    def forward_propagation(X, parameters):
        """Regression network: A1 = tanh(W1 X + b1), A2 = W2 A1 + b2. X: (n_x, m) -> (A2: (1, m), cache)."""
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.tanh(Z1)
        A2 = parameters["W2"] @ A1 + parameters["b2"]
        return A2, {"Z1": Z1, "A1": A1, "A2": A2}


    def compute_cost(A2, Y):
        """Half the mean squared error (1 / 2m) * sum((A2 - Y)**2), as a float."""
        return float(np.sum((A2 - Y) ** 2) / (2 * Y.shape[1]))


    def small_problem(n_x=2, n_h=4, m=5, seed=0):
        """A few examples and random parameters of the regression network. Returns X, Y, parameters."""
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((n_x, m))
        Y = rng.standard_normal((1, m))
        parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": 0.1 * rng.standard_normal((n_h, 1)),
                      "W2": rng.standard_normal((1, n_h)), "b2": 0.1 * rng.standard_normal((1, 1))}
        return X, Y, parameters
    '''),
    markdown(r"""
    Two colleagues wrote a backward pass for this network. One of them is right. Your gradient checker will
    tell which.
    """),
    provided("provided_backward", r'''
    def backward_a(X, Y, parameters, cache):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dW2 = dZ2 @ cache["A1"].T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


    def backward_b(X, Y, parameters, cache):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dW2 = dZ2 @ cache["A1"].T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True)
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    '''),
    markdown(r"""
    ## 5.2 All parameters in one vector

    The checker nudges the parameters one at a time. That is easiest with all of them in a single column vector
    $\theta$: `W1` flattened row by row, then `b1`, then `W2`, then `b2` (and so on for deeper networks). The
    gradients are flattened the same way (`dW1, db1, dW2, db2`) so that entry $i$ of both vectors refers to the
    same parameter.

    Write `dictionary_to_vector(d)`: it takes either a parameter dict (`W1, b1, ...`) or a gradient dict
    (`dW1, db1, ...`) and returns a `(P, 1)` column, always in the order layer 1's weights, layer 1's bias,
    layer 2's weights, ..., whatever the order of the keys in the dict. `np.reshape(array, (-1, 1))` flattens
    row-major; `np.concatenate(pieces, axis=0)` stacks columns.

    {RULES:dictionary_to_vector}
    """),
    solution("dictionary_to_vector", r'''
    def dictionary_to_vector(d):
        """Stack W1, b1, W2, b2, ... (or dW1, db1, dW2, db2, ...) into one (P, 1) column, each flattened row-major."""
        ### BEGIN SOLUTION
        prefix = "d" if "dW1" in d else ""
        pieces = []
        l = 1
        while f"{prefix}W{l}" in d:
            pieces.append(np.reshape(d[f"{prefix}W{l}"], (-1, 1)))
            pieces.append(np.reshape(d[f"{prefix}b{l}"], (-1, 1)))
            l += 1
        return np.concatenate(pieces, axis=0)
        ### END SOLUTION
    '''),
    tests("dictionary_to_vector", r"""
    # Visible test: numbered entries make the expected order easy to read; the dict's key order must not matter,
    # nor the number of layers.
    params = {"b2": np.array([[13.0]]), "W2": np.array([[10.0, 11.0, 12.0]]),
              "b1": np.array([[7.0], [8.0], [9.0]]), "W1": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])}
    theta = dictionary_to_vector(params)
    expect_close("dictionary_to_vector(parameters)", theta, np.arange(1.0, 14.0).reshape(13, 1))
    grads = {"dW1": params["W1"], "db1": params["b1"], "dW2": params["W2"], "db2": params["b2"]}
    expect_close("dictionary_to_vector(gradients)", dictionary_to_vector(grads), np.arange(1.0, 14.0).reshape(13, 1))
    deep = {"W3": np.array([[8.0, 9.0]]), "b1": np.array([[3.0]]), "W2": np.array([[4.0], [5.0]]),
            "b3": np.array([[10.0]]), "W1": np.array([[1.0, 2.0]]), "b2": np.array([[6.0], [7.0]])}
    expect_close("dictionary_to_vector of a 3-layer dict (W3, b3 come last)", dictionary_to_vector(deep),
                 np.arange(1.0, 11.0).reshape(10, 1))
    print("Visible tests passed.")
    """),
    markdown(r"""
    And the way back: `vector_to_dictionary(theta, layer_dims)` cuts a column into `W1, b1, W2, b2, ...` with the
    shapes given by `layer_dims = [n0, n1, ..., nL]` (so `W1` is `(n1, n0)` and takes the first `n1 * n0` entries,
    then `b1` is `(n1, 1)`, ...). It is the exact inverse of `dictionary_to_vector` for parameters.

    {RULES:vector_to_dictionary}
    """),
    solution("vector_to_dictionary", r'''
    def vector_to_dictionary(theta, layer_dims):
        """Cut the column theta (P, 1) back into {"W1": (n1, n0), "b1": (n1, 1), ...} for layer_dims [n0, ..., nL]."""
        ### BEGIN SOLUTION
        theta = np.reshape(theta, -1)
        parameters = {}
        start = 0
        for l in range(1, len(layer_dims)):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            parameters[f"W{l}"] = theta[start:start + n * n_prev].reshape(n, n_prev)
            start += n * n_prev
            parameters[f"b{l}"] = theta[start:start + n].reshape(n, 1)
            start += n
        return parameters
        ### END SOLUTION
    '''),
    tests("vector_to_dictionary", r"""
    # Visible test: the numbered column of the previous test, and round trips for a 3-2-2 and a 3-4-2-1 network.
    d = vector_to_dictionary(np.arange(1.0, 14.0).reshape(13, 1), [2, 3, 1])
    assert isinstance(d, dict) and set(d) == {"W1", "b1", "W2", "b2"}, (
        f"for layer_dims [2, 3, 1] the keys should be W1, b1, W2, b2; got {sorted(d) if isinstance(d, dict) else type(d)}")
    expect_close("W1", d["W1"], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    expect_close("b1", d["b1"], [[7.0], [8.0], [9.0]])
    expect_close("W2", d["W2"], [[10.0, 11.0, 12.0]])
    expect_close("b2", d["b2"], [[13.0]])
    theta = np.linspace(-1, 1, 3 * 2 + 2 + 2 * 2 + 2).reshape(-1, 1)
    expect_close("dictionary_to_vector(vector_to_dictionary(theta, [3, 2, 2]))",
                 dictionary_to_vector(vector_to_dictionary(theta, [3, 2, 2])), theta)
    deep = vector_to_dictionary(np.arange(1.0, 30.0).reshape(29, 1), [3, 4, 2, 1])
    assert isinstance(deep, dict) and set(deep) == {"W1", "b1", "W2", "b2", "W3", "b3"}, (
        f"for layer_dims [3, 4, 2, 1] (three layers) the keys should be W1, b1, W2, b2, W3, b3; "
        f"got {sorted(deep) if isinstance(deep, dict) else type(deep)}")
    expect_close("W3 for layer_dims [3, 4, 2, 1]", deep["W3"], [[27.0, 28.0]])
    expect_close("b3 for layer_dims [3, 4, 2, 1]", deep["b3"], [[29.0]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 5.3 The gradient checker

    The derivative of the cost with respect to parameter $\theta_i$ is the limit of a difference quotient. The
    **centred** difference

    $$g^{\text{approx}}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}$$

    (where $e_i$ nudges only entry $i$) has an error of order $\varepsilon^2$, far better than the one-sided
    $\big(J(\theta + \varepsilon e_i) - J(\theta)\big)/\varepsilon$ whose error is of order $\varepsilon$ (you will
    see why below). Doing this for every $i$ gives a vector $g^{\text{approx}}$ to compare with the backprop
    gradient $g$.

    **How to compare.** An absolute difference $\|g - g^{\text{approx}}\|$ means nothing by itself: it depends on
    how large the gradients are. The **relative difference**

    $$\text{difference} = \frac{\|g - g^{\text{approx}}\|_2}{\|g\|_2 + \|g^{\text{approx}}\|_2}$$

    is scale-free, $0$ when they agree and $1$ when they point in opposite directions. With $\varepsilon = 10^{-7}$
    in float64, as a rule of thumb:

    | difference | verdict |
    |---|---|
    | below $10^{-7}$ | correct |
    | $10^{-7}$ to $10^{-5}$ | probably fine; look again if the model has kinks (ReLU, max) |
    | $10^{-5}$ to $10^{-3}$ | suspicious: most likely a bug; acceptable only if a nudge crossed a kink (section 5.5) |
    | above $10^{-3}$ | almost certainly a bug |

    Write `gradient_check(X, Y, parameters, gradients, epsilon=1e-7)`:

    1. flatten `parameters` and `gradients` with `dictionary_to_vector`;
    2. for every entry $i$: copy $\theta$, add $\varepsilon$ to entry $i$, turn it back into a dict with
       `vector_to_dictionary`, run `forward_propagation` and `compute_cost`; do the same with $-\varepsilon$; store
       the centred difference;
    3. return the relative difference as a float.

    `vector_to_dictionary` needs the layer sizes: read them off the weight shapes (`W1` is `(n1, n0)`, ...).
    Never modify `parameters` itself (always work on copies of $\theta$).

    {RULES:gradient_check}
    """),
    solution("gradient_check", r'''
    def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
        """Relative difference ||g - g_approx|| / (||g|| + ||g_approx||) between the backprop gradients and centred
        finite differences of compute_cost(forward_propagation(X, parameters)[0], Y). Leaves parameters unchanged.

        X: (n_x, m), Y: (1, m), parameters: {"W1", "b1", ...}, gradients: {"dW1", "db1", ...}. Returns a float.
        """
        ### BEGIN SOLUTION
        L = len([name for name in parameters if name.startswith("W")])
        layer_dims = [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
        theta = dictionary_to_vector(parameters)
        grad = dictionary_to_vector(gradients)
        grad_approx = np.zeros(theta.shape)
        for i in range(theta.shape[0]):
            theta_plus = np.copy(theta)
            theta_plus[i] += epsilon
            J_plus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_plus, layer_dims))[0], Y)
            theta_minus = np.copy(theta)
            theta_minus[i] -= epsilon
            J_minus = compute_cost(forward_propagation(X, vector_to_dictionary(theta_minus, layer_dims))[0], Y)
            grad_approx[i] = (J_plus - J_minus) / (2 * epsilon)
        numerator = np.linalg.norm(grad - grad_approx)
        denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
        if denominator == 0:
            return 0.0
        return float(numerator / denominator)
        ### END SOLUTION
    '''),
    tests("gradient_check", r"""
    # Visible test: a correct backward passes; gradients that are all twice too large give exactly 1/3; and at a large
    # epsilon the centred difference has a known, small truncation error.
    X, Y, parameters = small_problem()
    before = {name: value.copy() for name, value in parameters.items()}
    _, cache = forward_propagation(X, parameters)
    good = backward_a(X, Y, parameters, cache)
    with np.errstate(all="ignore"):
        difference = gradient_check(X, Y, parameters, good)
        assert np.ndim(difference) == 0, f"gradient_check should return one number, got shape {np.shape(difference)}"
        assert difference < 1e-7, f"for a correct backward pass the difference should be below 1e-7, got {difference:.3e}"
        doubled = gradient_check(X, Y, parameters, {name: 2 * g for name, g in good.items()})
        at_large_epsilon = gradient_check(X, Y, parameters, good, epsilon=1e-2)
    assert abs(doubled - 1 / 3) < 1e-6, (
        f"with every gradient doubled, ||2g - g|| / (||2g|| + ||g||) should be 1/3; got {doubled:.6f}")
    assert abs(at_large_epsilon - 8.087e-06) < 1e-8, (
        f"with epsilon=1e-2 the centred differences of this correct backward pass differ from it by about 8.087e-06 "
        f"(an error of order epsilon**2); got {at_large_epsilon:.3e}. Use the epsilon argument, and centred differences")
    for name in before:
        assert np.array_equal(parameters[name], before[name]), f"gradient_check changed parameters['{name}']"
    print(f"Visible tests passed (difference for a correct backward: {difference:.1e}).")
    """),
    markdown(r"""
    ## 5.4 Find the bug

    Run your checker on both colleagues' backward passes:
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    _, cache = forward_propagation(X, parameters)
    grads_a = backward_a(X, Y, parameters, cache)
    grads_b = backward_b(X, Y, parameters, cache)
    for name, grads in (("backward_a", grads_a), ("backward_b", grads_b)):
        print(f"{name}: relative difference {gradient_check(X, Y, parameters, grads):.2e}")
    """),
    markdown(r"""
    One of them fails clearly. Which gradient is wrong? Once a checker has certified one backward pass, you can
    use it to locate the error in the other: swap in one suspicious gradient at a time and check again. The
    swapped-in gradient that makes the check fail is the culprit. Then read that line of the code: can you see
    the mistake? (Compare it with the formulas of notebook 3.)
    """),
    demo(r"""
    good, suspect = (grads_a, grads_b) if gradient_check(X, Y, parameters, grads_a) < 1e-7 else (grads_b, grads_a)
    for name in ("dW1", "db1", "dW2", "db2"):
        mixed = dict(good)
        mixed[name] = suspect[name]
        print(f"{name} taken from the suspect: difference {gradient_check(X, Y, parameters, mixed):.2e}")
    """),
    markdown(r"""
    ## 5.5 Why centred differences, and which $\varepsilon$?

    Two errors compete in a finite difference:

    * **truncation error**: the quotient is not the derivative. A Taylor expansion shows that the one-sided
      quotient is off by about $\frac{\varepsilon}{2} J''$, while in the centred quotient the $J''$ terms cancel
      and the error is about $\frac{\varepsilon^2}{6} J'''$;
    * **round-off error**: $J$ is only known to about $10^{-16}$ relative precision, and dividing a difference of
      two nearly equal numbers by a tiny $\varepsilon$ magnifies that noise, roughly as $10^{-16}/\varepsilon$.

    Large $\varepsilon$: truncation dominates. Tiny $\varepsilon$: round-off dominates. The plot shows the error of
    both quotients for a smooth function of one variable, $f(x) = \sin 3x + x^2$ at $x = 0.5$.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    f = lambda x: np.sin(3 * x) + x**2
    exact = 3 * np.cos(1.5) + 1.0                 # f'(0.5)
    epsilons = np.logspace(-13, -1, 49)
    one_sided = np.abs((f(0.5 + epsilons) - f(0.5)) / epsilons - exact)
    centred = np.abs((f(0.5 + epsilons) - f(0.5 - epsilons)) / (2 * epsilons) - exact)
    plt.figure(figsize=(5, 3.2))
    plt.loglog(epsilons, one_sided, label="one-sided")
    plt.loglog(epsilons, centred, label="centred")
    plt.xlabel("epsilon")
    plt.ylabel("absolute error")
    plt.legend()
    plt.show()
    """),
    markdown(r"""
    The one-sided error is smallest for $\varepsilon$ between $10^{-9}$ and $10^{-8}$ and never much better than
    $10^{-8}$; the centred one reaches $10^{-11}$ and below for $\varepsilon$ between $10^{-6}$ and $10^{-5}$ and stays good over a wide range. Your
    checker on the correct backward pass shows the same U shape:
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    for epsilon in (1e-1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11):
        print(f"epsilon = {epsilon:.0e}: difference {gradient_check(X, Y, parameters, grads_a, epsilon=epsilon):.1e}")
    """),
    markdown(r"""
    **Why is the default $\varepsilon = 10^{-7}$, then?** For this smooth network $10^{-5}$ is about 100 times more
    accurate, as the output shows. But the best $\varepsilon$ depends on the scale of the cost and of its third
    derivative, which you do not know in advance, while $10^{-7}$ is a safe choice for any reasonably scaled
    float64 cost: its round-off error (about $10^{-9}$ here) stays far below the thresholds of the verdict table,
    which were set with $\varepsilon = 10^{-7}$ in mind, and its truncation error is negligible. A small
    $\varepsilon$ also makes it less likely that a nudge crosses a kink of ReLU (next section). Anything from
    $10^{-7}$ to $10^{-5}$ works well in float64, while at $10^{-1}$ and $10^{-11}$ the difference of a correct
    backward pass is already thousands of times larger.
    """),
    markdown(r"""
    ### Kinks

    Functions such as ReLU, $|x|$ or $\max$ have corners where the derivative jumps. If a nudge of $\pm\varepsilon$
    crosses a corner, the finite difference averages the two slopes and disagrees with backprop even when
    backprop is right. With $|x|$ at $x = 10^{-8}$, where the true slope is $1$:
    """),
    demo(r"""
    x, eps = 1e-8, 1e-7
    print("centred difference of |x| at x = 1e-8:", (abs(x + eps) - abs(x - eps)) / (2 * eps), "(true slope: 1)")
    """),
    markdown(r"""
    In a ReLU network this happens when some pre-activation $Z^{[l]}$ lies within $\varepsilon$ of zero. It is rare
    with random inputs, but if a check on a ReLU network gives a borderline difference, look at how close the
    pre-activations come to zero, use fewer examples, or check with a smooth activation (like this notebook's
    tanh network) before switching back.

    ## 5.6 Comparing with an automatic differentiation framework

    Libraries such as PyTorch, TensorFlow, JAX or `autograd` build the computational graph while the forward pass
    runs and apply the chain rule for you (the `Value` class of notebook 1, grown up). They make a fine second
    opinion: write only the cost, let the library differentiate it, and compare with your backward pass. The cell
    below uses whichever of `torch` or `autograd` is installed, and simply says so if neither is.
    """),
    demo(r"""
    X, Y, parameters = small_problem()
    _, cache = forward_propagation(X, parameters)
    mine = backward_a(X, Y, parameters, cache)
    framework = None

    try:
        import autograd
        import autograd.numpy as anp

        def cost_of(params):
            A1 = anp.tanh(params["W1"] @ X + params["b1"])
            A2 = params["W2"] @ A1 + params["b2"]
            return anp.sum((A2 - Y) ** 2) / (2 * Y.shape[1])

        auto = {"d" + name: g for name, g in autograd.grad(cost_of)(parameters).items()}
        framework = "autograd"
    except ImportError:
        try:
            import torch

            params_t = {name: torch.tensor(v, dtype=torch.float64, requires_grad=True) for name, v in parameters.items()}
            X_t, Y_t = torch.tensor(X), torch.tensor(Y)
            A1 = torch.tanh(params_t["W1"] @ X_t + params_t["b1"])
            A2 = params_t["W2"] @ A1 + params_t["b2"]
            cost = ((A2 - Y_t) ** 2).sum() / (2 * Y.shape[1])
            cost.backward()                       # the framework's backward pass
            auto = {"d" + name: t.grad.numpy() for name, t in params_t.items()}
            framework = "torch"
        except ImportError:
            pass

    if framework is None:
        print("Neither autograd nor torch is installed; `pip install autograd` to run this comparison.")
    else:
        for name in ("dW1", "db1", "dW2", "db2"):
            print(f"{name}: largest difference backward_a vs {framework} = {np.max(np.abs(mine[name] - auto[name])):.1e}")
    """),
    markdown(r"""
    ## 5.7 Practical advice

    * **Check during development, not in training.** A check needs two forward passes per parameter: the small
      network here has 17 parameters, a real one millions. Run it on a tiny network and a handful of examples,
      then switch it off (or check a random sample of parameters).
    * **A debugging recipe.** Write the forward pass and test it on a small example; write the backward pass;
      gradient-check it on a small example; only then scale up. When the check fails, the usual suspects are a
      wrong shape (a missing transpose), a forgotten $\frac1m$ or a sum over the wrong axis, or a wrong activation
      derivative, in that order.
    * **Watch the gradients while training.** Norms that shrink or blow up, and any `nan` or `inf`, are the early
      warnings of vanishing and exploding gradients (notebook 3).

    ## What you have learned

    * The chain rule, applied node by node on a computational graph, is all backpropagation is; caching the
      forward values makes the backward pass cost about as much as the forward pass.
    * Gradients flow backward layer by layer: $dZ$, then $dW$, $db$ and the signal $W^T dZ$ for the layer below.
    * Activation derivatives decide how well gradients flow; softmax or sigmoid with cross-entropy give the
      simple output gradient $a - y$.
    * Batches average per-example gradients; mini-batches trade gradient noise for speed and memory.
    * Frameworks automate all of this, and a gradient check tells you whether your own implementation is right.
    """),
]
