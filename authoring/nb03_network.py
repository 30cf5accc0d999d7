"""Notebook 3: the 2-layer network, forward and backward, training, and the L-layer algorithm (built in notebook 6)."""

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 3. Backpropagation in a 2-layer network

    Time to put the chain rule to work on a real (small) neural network. You will build, from scratch in NumPy,
    the network of the course:

    * input $x \in \mathbb{R}^2$,
    * a hidden layer of 3 units with ReLU activation,
    * one output unit with sigmoid activation, read as the probability that the label is 1,
    * binary cross-entropy loss,

    then train it on a toy data set, and finally write down the algorithm for any number of layers.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **How to work:** replace each `raise NotImplementedError()` with your code and run the test cell below it.
    The first code cell to fill in is not graded: it holds your activation functions from notebook 2. Until you
    paste them, *Run All* still goes through the whole notebook: the cell after them reports what is missing, and
    only the tests of the functions that need them fail, saying so.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    setup("setup_data", r'''
    def make_moons(m=200, noise=0.1, seed=0):
        """Two interleaving half circles in the plane. Returns X: (2, m) points as columns, Y: (1, m) labels 0/1."""
        rng = np.random.default_rng(seed)
        m0 = m // 2
        angle0 = rng.uniform(0, np.pi, m0)
        angle1 = rng.uniform(0, np.pi, m - m0)
        upper = np.vstack([np.cos(angle0), np.sin(angle0)])
        lower = np.vstack([1 - np.cos(angle1), 0.5 - np.sin(angle1)])
        X = np.hstack([upper, lower]) + noise * rng.standard_normal((2, m))
        Y = np.hstack([np.zeros(m0), np.ones(m - m0)]).reshape(1, m)
        return X, Y
    '''),
    setup("setup_small_example", r'''
    def small_example():
        """A fixed 2-3-1 network and three examples, used by the visible tests. Returns X, Y, parameters."""
        X = np.array([[1.0, -2.0, 0.5],
                      [0.5, 1.0, -1.5]])
        Y = np.array([[1.0, 0.0, 1.0]])
        parameters = {
            "W1": np.array([[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]]),
            "b1": np.array([[0.1], [-0.2], [0.05]]),
            "W2": np.array([[0.7, -0.4, 0.3]]),
            "b2": np.array([[0.2]]),
        }
        return X, Y, parameters
    '''),
    markdown(r"""
    ## 3.0 Your activation functions

    The network needs the activations you wrote in notebook 2. Copy your `sigmoid`, `sigmoid_derivative`,
    `tanh_derivative`, `relu` and `relu_derivative` into the cell below (only the function bodies are missing).
    This cell is not graded. It is here so that you can run this notebook: when the grader calls your functions
    of this notebook, it gives them correct versions of these five activations, so a mistake made in notebook 2
    never costs points twice.

    Nothing stops if you have not pasted them yet: the cell after them prints what is missing or wrong, and the
    visible tests of `forward_propagation`, `backward_propagation` and `train` (which use them) fail with the same
    message, while `initialize_parameters`, `compute_cost` and `update_parameters` can be tested right away.
    """),
    solution("activations_from_notebook_2", r'''
    def sigmoid(z):
        """Elementwise 1 / (1 + exp(-z))."""
        ### BEGIN SOLUTION
        return 1 / (1 + np.exp(-z))
        ### END SOLUTION


    def sigmoid_derivative(a):
        """a * (1 - a), where a = sigmoid(z)."""
        ### BEGIN SOLUTION
        return a * (1 - a)
        ### END SOLUTION


    def tanh_derivative(a):
        """1 - a**2, where a = tanh(z)."""
        ### BEGIN SOLUTION
        return 1 - a**2
        ### END SOLUTION


    def relu(z):
        """Elementwise max(0, z)."""
        ### BEGIN SOLUTION
        return np.maximum(0, z)
        ### END SOLUTION


    def relu_derivative(z):
        """1.0 where z > 0, 0.0 where z < 0."""
        ### BEGIN SOLUTION
        return (z > 0).astype(float)
        ### END SOLUTION
    ''', graded=False),
    provided("provided_activation_check", r'''
    ACTIVATION_PROBES = {  # name -> (argument, expected result): values from notebook 2's visible tests
        "sigmoid": ([-1.0, 2.0], [0.26894142, 0.88079708]),
        "sigmoid_derivative": ([0.5, 0.9], [0.25, 0.09]),
        "tanh_derivative": ([0.5, 0.8], [0.75, 0.36]),
        "relu": ([-1.0, 2.0], [0.0, 2.0]),
        "relu_derivative": ([-1.0, 2.0], [0.0, 1.0]),
    }


    def activation_problems(names=tuple(ACTIVATION_PROBES)):
        """What is missing or wrong in the activations of section 3.0, one sentence each ([] when none)."""
        problems = []
        for name in names:
            argument, expected = ACTIVATION_PROBES[name]
            try:
                got = globals()[name](np.array(argument))
            except NotImplementedError:
                problems.append(f"{name} is not pasted yet (it still raises NotImplementedError)")
                continue
            except Exception as error:
                problems.append(f"{name}({argument}) raised {type(error).__name__}: {error}")
                continue
            if np.shape(got) != (len(argument),) or not np.allclose(got, expected):
                problems.append(f"{name}({argument}) gave {np.round(got, 8).tolist()}, expected {expected}")
        return problems


    def require_activations(*names):
        """For a visible test: fail with one clear message while an activation it needs is missing or wrong."""
        problems = activation_problems(names)
        assert not problems, ("this test needs your activations of section 3.0: " + "; ".join(problems)
                              + ". Paste your notebook 2 versions into the cell of section 3.0 and run it.")
    '''),
    demo(r"""
    # Checks the functions pasted above (not graded). It prints rather than stops, so Run All goes on.
    problems = activation_problems()
    print("Activations look right." if not problems else "Activations not ready:\n  " + "\n  ".join(problems))
    """),
    markdown(r"""
    ## 3.1 Forward propagation, layer by layer

    A network with $L$ layers computes, for $l = 1, \dots, L$,

    $$z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}, \qquad a^{[l]} = g^{[l]}\big(z^{[l]}\big),$$

    starting from the input, $a^{[0]} = x$, and ending with the prediction $\hat y = a^{[L]}$, which the loss
    $\mathcal{L}(\hat y, y)$ compares with the label. Layer $l$ has $n^{[l]}$ units, so $W^{[l]}$ has shape
    $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ has shape $(n^{[l]}, 1)$.

    **Keep what you compute.** The backward pass will need every $z^{[l]}$ (for the activation derivatives) and
    every $a^{[l]}$ (the weight gradient of the next layer is built from it). The forward pass stores them in a
    *cache*, exactly like `forward_graph` in notebook 1.

    ### Shapes in the 2-3-1 network

    We process $m$ examples at once, one per **column**: $X$ is $(2, m)$. Writing the shapes next to each step
    catches most bugs before they happen:

    | step | formula | shape |
    |---|---|---|
    | input | $X$ | $(2, m)$ |
    | hidden pre-activation | $Z^{[1]} = W^{[1]} X + b^{[1]}$ | $(3, 2)(2, m) + (3, 1) \to (3, m)$ |
    | hidden activation | $A^{[1]} = \text{ReLU}(Z^{[1]})$ | $(3, m)$ |
    | output pre-activation | $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$ | $(1, 3)(3, m) + (1, 1) \to (1, m)$ |
    | output | $A^{[2]} = \sigma(Z^{[2]})$ | $(1, m)$ |

    The bias column is *broadcast*: NumPy adds $b^{[1]}$ to every column of $W^{[1]} X$. With $m = 1$ this is the
    single-example computation, $(3 \times 2)(2 \times 1) + (3 \times 1) = (3 \times 1)$.

    ### Initialisation

    Why not start from zeros? If all the weights of a layer are equal, all its units compute the same value,
    receive the same gradient, and stay identical forever: the layer behaves like a single unit. Random weights
    break this symmetry. Their scale matters too: too large and sigmoid units saturate (gradient near 0), too
    small and the signal fades layer after layer. The usual choice for ReLU layers, and the one to use here, is a
    standard normal scaled by $\sqrt{2 / n^{[l-1]}}$ ("He" initialisation): it keeps the size of the signal about
    the same from layer to layer. The biases start at zero (the random weights already break the symmetry).

    Write `initialize_parameters(layer_dims, seed=0)` for any number of layers:
    `layer_dims = [n0, n1, ..., nL]` gives `W1, b1, ..., WL, bL`. Use a random generator seeded with `seed`
    (`np.random.default_rng(seed)`) so that the same seed gives the same parameters.

    {RULES:initialize_parameters}
    """),
    solution("initialize_parameters", r'''
    def initialize_parameters(layer_dims, seed=0):
        """Random weights and zero biases for layer sizes [n_0, n_1, ..., n_L].

        Returns {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.
        """
        ### BEGIN SOLUTION
        rng = np.random.default_rng(seed)
        parameters = {}
        for l in range(1, len(layer_dims)):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
            parameters[f"b{l}"] = np.zeros((n, 1))
        return parameters
        ### END SOLUTION
    '''),
    tests("initialize_parameters", r"""
    # Visible test: shapes for the course network and for a deeper one; zero biases; random weights that the
    # seed reproduces (another seed gives other weights).
    for dims in ([2, 3, 1], [4, 5, 3, 1]):
        params = initialize_parameters(dims, seed=1)
        expected_keys = {f"{p}{l}" for l in range(1, len(dims)) for p in ("W", "b")}
        assert isinstance(params, dict) and set(params) == expected_keys, (
            f"for layer_dims={dims} the keys should be {sorted(expected_keys)}, got {sorted(params)}")
        for l in range(1, len(dims)):
            W, b = params[f"W{l}"], params[f"b{l}"]
            assert np.shape(W) == (dims[l], dims[l - 1]), (
                f"W{l} for layer_dims={dims} has shape {np.shape(W)}, expected {(dims[l], dims[l - 1])}")
            assert np.shape(b) == (dims[l], 1), f"b{l} has shape {np.shape(b)}, expected {(dims[l], 1)}"
            assert np.all(b == 0), f"b{l} should start at zero"
            assert np.all(W != 0) and np.max(np.abs(W)) < 10, f"W{l} should be small, random and non-zero"
    W1 = initialize_parameters([2, 3, 1], seed=1)["W1"]
    assert len(np.unique(np.round(W1, 12))) == W1.size, "the entries of W1 should all differ (break the symmetry)"
    wide = initialize_parameters([12, 20, 1], seed=1)
    for l in (1, 2):
        rms = float(np.sqrt(np.mean(np.asarray(wide[f"W{l}"], dtype=float) ** 2)))
        assert rms < 0.7, (f"for layer_dims [12, 20, 1] the root mean square of W{l} is {rms:.2f}: scale the weights "
                           f"to the layer width (the grader requires below 0.7 for layers with 10 or more inputs)")
    assert np.array_equal(W1, initialize_parameters([2, 3, 1], seed=1)["W1"]), "the same seed must give the same W1"
    assert not np.array_equal(W1, initialize_parameters([2, 3, 1], seed=2)["W1"]), (
        "seed=1 and seed=2 give the same W1: draw the weights from a generator seeded with the seed argument")
    print("Visible tests passed.")
    """),
    markdown(r"""
    Now the forward pass of the 2-layer network. Use your `relu` and `sigmoid`, and return `(A2, cache)` with
    `cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}`. Matrix products: `W @ X` (or `np.dot(W, X)`).

    {RULES:forward_propagation}
    """),
    solution("forward_propagation", r'''
    def forward_propagation(X, parameters):
        """Forward pass of the 2-layer network (ReLU hidden layer, sigmoid output).

        X: (n_x, m), one example per column; parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1).
        Returns (A2, cache): A2 (1, m) and cache = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (1, m), "A2": (1, m)}.
        """
        ### BEGIN SOLUTION
        W1, b1 = parameters["W1"], parameters["b1"]
        W2, b2 = parameters["W2"], parameters["b2"]
        Z1 = W1 @ X + b1          # (n_h, m)
        A1 = relu(Z1)
        Z2 = W2 @ A1 + b2         # (1, m)
        A2 = sigmoid(Z2)
        cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
        return A2, cache
        ### END SOLUTION
    '''),
    tests("forward_propagation", r"""
    # Visible test: the fixed small example (2 inputs, 3 hidden units, 3 examples).
    require_activations("relu", "sigmoid")
    X, Y, parameters = small_example()
    with np.errstate(all="ignore"):
        A2, cache = forward_propagation(X, parameters)
    assert isinstance(cache, dict), f"forward_propagation must return (A2, cache) with cache a dict, got {type(cache)}"
    missing = {"Z1", "A1", "Z2", "A2"} - set(cache)
    assert not missing, f"the cache lacks {sorted(missing)}"
    expect_close("cache['Z1']", cache["Z1"], [[0.45, -1.2, 0.8], [0.4, 0.2, -1.3], [-0.5, 1.35, -0.4]])
    expect_close("cache['A1']", cache["A1"], [[0.45, 0.0, 0.8], [0.4, 0.2, 0.0], [0.0, 1.35, 0.0]])
    expect_close("A2", A2, [[0.58782954, 0.62831619, 0.68135373]])
    expect_close("cache['A2']", cache["A2"], [[0.58782954, 0.62831619, 0.68135373]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 3.2 The cost

    For one example the binary cross-entropy loss is

    $$\mathcal{L}(a, y) = -\big[\,y \log a + (1 - y) \log(1 - a)\,\big],$$

    which is small when the predicted probability $a$ of the true class is close to $1$ and grows without bound
    as it approaches $0$. The **cost** is its mean over the $m$ examples:

    $$J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big).$$

    Write `compute_cost(A2, Y)` and return a plain Python `float`. A sigmoid output can round to exactly $0$ or
    $1$ in floating point, which makes a log infinite; clipping `A2` into $[10^{-15}, 1 - 10^{-15}]$ first is a
    safe guard (`np.clip`).

    {RULES:compute_cost}
    """),
    solution("compute_cost", r'''
    def compute_cost(A2, Y):
        """Mean binary cross-entropy -(1/m) sum(Y log A2 + (1 - Y) log(1 - A2)) as a float.

        A2: (1, m) predicted probabilities, Y: (1, m) labels in {0, 1}.
        """
        ### BEGIN SOLUTION
        m = Y.shape[1]
        A2 = np.clip(A2, 1e-15, 1 - 1e-15)    # keep log() finite when the sigmoid saturates
        cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
        return float(cost)
        ### END SOLUTION
    '''),
    tests("compute_cost", r"""
    # Visible test: three predictions; the cost is one number (a float; a NumPy scalar or (1, 1) array is accepted).
    with np.errstate(all="ignore"):
        cost = compute_cost(np.array([[0.8, 0.1, 0.6]]), np.array([[1.0, 0.0, 1.0]]))
    assert cost is not None, "compute_cost returned None: did you forget a return statement?"
    assert np.size(cost) == 1, f"compute_cost should return one number (the mean), got an array of shape {np.shape(cost)}"
    expect_close("compute_cost([[0.8, 0.1, 0.6]], [[1, 0, 1]])", np.reshape(cost, ()), 0.27977656)
    X, Y, parameters = small_example()
    A2 = np.array([[0.58782954, 0.62831619, 0.68135373]])
    with np.errstate(all="ignore"):
        expect_close("compute_cost on the small example", np.reshape(compute_cost(A2, Y), ()), 0.63490123)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 3.3 Backward propagation

    **Goal:** the gradient of the cost with respect to every parameter, $\partial J / \partial W^{[l]}$ and
    $\partial J / \partial b^{[l]}$ for all layers.

    **Notation, the same in every notebook of the course.** $dW^{[l]} = \partial J/\partial W^{[l]}$ and
    $db^{[l]} = \partial J/\partial b^{[l]}$ are gradients of the cost $J$, the mean over the examples.
    $dZ^{[l]}$ and $dA^{[l]}$ are **per-example** gradients: column $i$ of $dZ^{[l]}$ is
    $\partial \mathcal{L}^{(i)}/\partial z^{[l](i)}$, the gradient of example $i$'s own loss (so $dZ^{[l]}$ is $m$
    times $\partial J/\partial Z^{[l]}$), and likewise for $dA^{[l]}$. The $\frac1m$ of the mean therefore appears
    once, when $dW$ and $db$ are formed. Each gradient has the shape of the quantity it differentiates.

    ### The output layer

    Start from the loss. For one example, $\frac{\partial \mathcal{L}}{\partial a} = -\frac{y}{a} + \frac{1-y}{1-a}$,
    and the sigmoid contributes $\frac{\partial a}{\partial z} = a(1-a)$. Multiply and simplify:

    $$\frac{\partial \mathcal{L}}{\partial z^{[2]}}
      = \Big(-\frac{y}{a} + \frac{1-y}{1-a}\Big)\, a(1-a) = -y(1-a) + (1-y)a = a^{[2]} - y .$$

    The same cancellation you saw for softmax in notebook 2: no division, no sigmoid derivative needed.

    ### Going back one layer

    Once you know the gradient with respect to a layer's pre-activation $z^{[l]}$, four rules take you one layer
    further back (for one example):

    1. weights: $\;\frac{\partial \mathcal{L}}{\partial W^{[l]}} = \frac{\partial \mathcal{L}}{\partial z^{[l]}}\, a^{[l-1]\,T}$
       (each weight $W_{jk}$ multiplies input $a_k$ into unit $j$, so its gradient is
       $\frac{\partial \mathcal{L}}{\partial z_j} a_k$: an outer product);
    2. bias: $\;\frac{\partial \mathcal{L}}{\partial b^{[l]}} = \frac{\partial \mathcal{L}}{\partial z^{[l]}}$
       (the bias is added with coefficient 1);
    3. previous activation: $\;\frac{\partial \mathcal{L}}{\partial a^{[l-1]}} = W^{[l]\,T} \frac{\partial \mathcal{L}}{\partial z^{[l]}}$
       (each unit of layer $l-1$ feeds every unit of layer $l$: the sum over paths of notebook 1);
    4. previous pre-activation: $\;\frac{\partial \mathcal{L}}{\partial z^{[l-1]}} = \frac{\partial \mathcal{L}}{\partial a^{[l-1]}} \odot g^{[l-1]\prime}\big(z^{[l-1]}\big)$
       ($\odot$: elementwise product, since the activation acts on each unit separately).

    ### Many examples at once

    With $m$ columns, $dZ^{[l]}$ is $(n^{[l]}, m)$, one column per example. The cost is a **mean** of
    per-example losses, so every parameter gradient is the mean of the per-example gradients:

    $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]\,T}, \qquad
      db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)} ,$$

    where $dZ^{[2]} = A^{[2]} - Y$ here is the per-example gradient $\partial\mathcal{L}/\partial z$ of each column
    (the $\frac1m$ is applied in $dW$ and $db$). The matrix product already sums over the examples; the bias
    needs an explicit sum across columns, `np.sum(dZ, axis=1, keepdims=True)`, which keeps the `(n, 1)` shape.
    Notebook 4 looks at this averaging in detail.

    ### Shapes in the 2-3-1 network

    | gradient | formula | shape |
    |---|---|---|
    | $dZ^{[2]}$ | $A^{[2]} - Y$ | $(1, m)$ |
    | $dW^{[2]}$ | $\frac1m dZ^{[2]} A^{[1]T}$ | $(1, m)(m, 3) \to (1, 3)$, like $W^{[2]}$ |
    | $db^{[2]}$ | $\frac1m \sum_{\text{columns}} dZ^{[2]}$ | $(1, 1)$ |
    | $dA^{[1]}$ | $W^{[2]T} dZ^{[2]}$ | $(3, 1)(1, m) \to (3, m)$ |
    | $dZ^{[1]}$ | $dA^{[1]} \odot \text{ReLU}'(Z^{[1]})$ | $(3, m)$ |
    | $dW^{[1]}$ | $\frac1m dZ^{[1]} X^T$ | $(3, m)(m, 2) \to (3, 2)$, like $W^{[1]}$ |
    | $db^{[1]}$ | $\frac1m \sum_{\text{columns}} dZ^{[1]}$ | $(3, 1)$ |

    A gradient always has the shape of its parameter; if a product does not fit, a transpose is missing.

    Write `backward_propagation(X, Y, parameters, cache)`, returning `{"dW1", "db1", "dW2", "db2"}`. Take
    $Z^{[1]}$, $A^{[1]}$, $A^{[2]}$ from the cache; do not run the forward pass again.

    {RULES:backward_propagation}

    When a gradient is wrong, the visible test compares them in the order the backward pass computes them and
    tells you which intermediate ($dZ^{[2]}$, $dA^{[1]}$ or $dZ^{[1]}$) is the first to differ.
    """),
    solution("backward_propagation", r'''
    def backward_propagation(X, Y, parameters, cache):
        """Gradients of the mean cross-entropy cost of the 2-layer network, averaged over the m examples.

        X: (n_x, m), Y: (1, m), parameters: W1 (n_h, n_x), W2 (1, n_h), ...; cache: from forward_propagation.
        Returns {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h), "db2": (1, 1)}.
        """
        ### BEGIN SOLUTION
        m = X.shape[1]
        W2 = parameters["W2"]
        Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]

        dZ2 = A2 - Y                                    # (1, m): sigmoid + cross-entropy
        dW2 = dZ2 @ A1.T / m                            # (1, n_h)
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m    # (1, 1)

        dA1 = W2.T @ dZ2                                # (n_h, m)
        dZ1 = dA1 * relu_derivative(Z1)                 # (n_h, m)
        dW1 = dZ1 @ X.T / m                             # (n_h, n_x)
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m    # (n_h, 1)

        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        ### END SOLUTION
    '''),
    tests("backward_propagation", r"""
    # Visible test: the small example's cache, then a cache another forward pass made (its A1 and A2 are not
    # relu(Z1) and sigmoid(Z2)): a backward pass that reads the cache gets both right; then a network with fewer
    # examples (2) than features (3).
    require_activations("relu_derivative")
    X, Y, parameters = small_example()
    Z1 = np.array([[0.45, -1.2, 0.8], [0.4, 0.2, -1.3], [-0.5, 1.35, -0.4]])
    own_cache = {"Z1": Z1, "A1": np.maximum(Z1, 0), "Z2": np.array([[0.355, 0.525, 0.76]]),
                 "A2": np.array([[0.58782954, 0.62831619, 0.68135373]])}
    own_expected = {"dW1": [[-0.13334851, 0.06343964], [0.22250705, -0.05629746], [-0.12566324, 0.06283162]],
                    "db1": [[-0.1705239], [-0.02881943], [0.06283162]],
                    "dW2": [[-0.14679791, -0.01306832, 0.28274228]], "db2": [[-0.03416685]]}
    other_cache = {"Z1": np.array([[0.45, 1.2, 0.8], [0.4, -0.2, -1.3], [-0.5, 1.35, -0.4]]),
                   "A1": np.array([[0.3, 1.0, 0.5], [0.6, 0.0, 0.0], [0.0, 0.9, 0.0]]),
                   "Z2": np.array([[0.1, -0.4, 0.7]]), "A2": np.array([[0.7, 0.2, 0.4]])}
    other_expected = {"dW1": [[-0.23333333, 0.22166667], [0.04, 0.02], [-0.04, 0.02]],
                      "db1": [[-0.16333333], [0.04], [0.02]], "dW2": [[-0.06333333, -0.06, 0.06]],
                      "db2": [[-0.23333333]]}
    few_X = np.array([[1.0, -0.5], [0.2, 0.4], [-1.0, 0.3]])
    few_parameters = {"W1": np.array([[0.5, -1.0, 0.2], [-0.3, 0.8, 0.6]]), "b1": np.array([[0.1], [-0.2]]),
                      "W2": np.array([[1.2, -0.7]]), "b2": np.array([[0.05]])}
    few_cache = {"Z1": np.array([[0.2, -0.49], [-0.94, 0.45]]), "A1": np.array([[0.2, 0.0], [0.0, 0.45]]),
                 "Z2": np.array([[0.29, -0.265]]), "A2": np.array([[0.57199613, 0.434135]])}
    few_expected = {"dW1": [[-0.25680232, -0.05136046, 0.25680232], [0.07597362, -0.0607789, -0.04558417]],
                    "db1": [[-0.25680232], [-0.15194725]], "dW2": [[-0.04280039, 0.09768038]],
                    "db2": [[0.00306557]]}


    def first_difference(grads, expected, always_active):
        # None when grads match expected; else (which quantity of the backward pass first differs, output name)
        close = {k: np.allclose(np.asarray(grads[k], dtype=float), v, rtol=1e-6, atol=1e-7) for k, v in expected.items()}
        if not close["db2"]:
            return "db2, the mean of dZ2's columns, differs: the first to differ is dZ2 = A2 - Y (or the mean over m)", "db2"
        if not close["dW2"]:
            return "db2 is right, so dZ2 is; dW2 = dZ2 A1^T / m differs (A1 is read from the cache)", "dW2"
        if not close["db1"]:
            u = always_active
            if u is not None and not np.isclose(float(np.asarray(grads["db1"])[u, 0]), expected["db1"][u][0], rtol=1e-6):
                return (f"dW2 and db2 are right, so dZ2 is; hidden unit {u + 1} is active for every example, so its row "
                        f"of dZ1 equals its row of dA1, and its db1 already differs: the first to differ is "
                        f"dA1 = W2^T dZ2"), "db1"
            return ("dW2 and db2 are right, so dZ2 is; db1 differs: the first to differ is dZ1 = dA1 * relu'(Z1)"
                    + (" (the always-active unit is right, so dA1 is)" if u is not None else " or dA1 = W2^T dZ2")), "db1"
        if not close["dW1"]:
            return "db1 is right, so dZ1 is; dW1 = dZ1 X^T / m differs", "dW1"
        return None


    for label, X, Y, parameters, cache, expected, always_active in (
            ("the small example's cache", X, Y, parameters, own_cache, own_expected, None),
            ("a cache another forward pass made", X, Y, parameters, other_cache, other_expected, 0),
            ("2 examples of 3 features (X of shape (3, 2))", few_X, np.array([[1.0, 0.0]]), few_parameters,
             few_cache, few_expected, None)):
        before = {"X": X.copy(), "Y": Y.copy(), **{k: v.copy() for k, v in parameters.items()},
                  **{"cache['" + k + "']": v.copy() for k, v in cache.items()}}
        with np.errstate(all="ignore"):
            grads = backward_propagation(X, Y, parameters, cache)
        assert isinstance(grads, dict), f"backward_propagation must return a dict, got {type(grads)}"
        for name in ("W1", "b1", "W2", "b2"):
            assert "d" + name in grads, f"the gradients lack 'd{name}'"
            assert np.shape(grads["d" + name]) == parameters[name].shape, (
                f"d{name} has shape {np.shape(grads['d' + name])} but {name} has shape {parameters[name].shape}")
        after = {"X": X, "Y": Y, **parameters, **{"cache['" + k + "']": v for k, v in cache.items()}}
        changed = [name for name in before if not np.array_equal(before[name], after[name])]
        assert not changed, f"backward_propagation modified its inputs {changed}; compute new arrays instead"
        found = first_difference(grads, expected, always_active)
        if found:
            where, name = found
            raise AssertionError(f"with {label}: {where}. {name} is {np.round(np.asarray(grads[name], dtype=float), 6).tolist()}, "
                                 f"expected about {expected[name]}")
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 3.4 Gradient descent

    Each parameter takes a small step against its gradient, with a step size $\alpha$ (the learning rate):

    $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]} .$$

    Write `update_parameters(parameters, gradients, learning_rate)` for any number of layers and return the
    updated parameters (a new dict, or the same dict updated in place). The visible test uses three layers:
    section 3.6 and notebook 6 go deeper.

    {RULES:update_parameters}
    """),
    solution("update_parameters", r'''
    def update_parameters(parameters, gradients, learning_rate):
        """One gradient-descent step: W<l> -= learning_rate * dW<l>, b<l> -= learning_rate * db<l>, for every l.

        parameters: {"W1", "b1", ...}; gradients: {"dW1", "db1", ...} of the same shapes. Returns the new parameters.
        """
        ### BEGIN SOLUTION
        L = len(parameters) // 2
        updated = {}
        for l in range(1, L + 1):
            updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * gradients[f"dW{l}"]
            updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * gradients[f"db{l}"]
        return updated
        ### END SOLUTION
    '''),
    tests("update_parameters", r"""
    # Visible test: one step of size 0.1 for a 3-layer network 2-3-2-1, with a hand-made gradient that must
    # stay as it was.
    parameters = {"W1": np.array([[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]]), "b1": np.array([[0.5], [0.0], [-0.5]]),
                  "W2": np.array([[0.7, -0.4, 0.3], [0.1, 0.2, 0.3]]), "b2": np.array([[0.2], [0.0]]),
                  "W3": np.array([[1.5, -2.0]]), "b3": np.array([[0.1]])}
    gradients = {"dW1": np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 3.0]]), "db1": np.array([[2.0], [1.0], [-1.0]]),
                 "dW2": np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]]), "db2": np.array([[-1.0], [4.0]]),
                 "dW3": np.array([[-5.0, 5.0]]), "db3": np.array([[1.0]])}
    gradients_before = {k: v.copy() for k, v in gradients.items()}
    new = update_parameters(parameters, gradients, 0.1)
    assert isinstance(new, dict), f"update_parameters must return the parameters dict, got {type(new)}"
    changed = sorted(k for k, v in gradients_before.items() if not np.array_equal(gradients.get(k), v))
    assert not changed, (f"update_parameters changed the caller's gradients {changed}: only the parameters may be "
                         f"updated in place")
    expect_close("W1 after the step", new["W1"], [[0.9, 2.1], [-0.2, -1.0], [0.5, 0.2]])
    expect_close("b1 after the step", new["b1"], [[0.3], [-0.1], [-0.4]])
    expect_close("W2 after the step", new["W2"], [[0.65, -0.3, 0.1], [0.0, 0.1, 0.2]])
    expect_close("b2 after the step", new["b2"], [[0.3], [-0.4]])
    assert "W3" in new and "b3" in new, "update_parameters must update every layer: W3 and b3 are missing"
    expect_close("W3 after the step (the third layer)", new["W3"], [[2.0, -2.5]])
    expect_close("b3 after the step (the third layer)", new["b3"], [[0.0]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 3.5 Training

    Training repeats four steps: forward pass, cost, backward pass, update. Write
    `train(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, **kwargs)` that initialises the parameters
    with your `initialize_parameters(layer_dims)` and runs `num_iterations` steps of full-batch gradient descent,
    then returns the trained parameters. Two optional keyword arguments are useful: `seed` (passed to
    `initialize_parameters`, default `0`) and `print_cost` (print the cost every 1000 iterations, default
    `False`); read them with `kwargs.get(...)`.

    {RULES:train}
    """),
    solution("train", r'''
    def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, **kwargs):
        """Full-batch gradient descent on the 2-layer network. Returns the trained parameters.

        X: (n_x, m), Y: (1, m), layer_dims: [n_x, n_h, 1].
        Optional kwargs: seed (int, default 0) for initialize_parameters, print_cost (bool, default False).
        """
        ### BEGIN SOLUTION
        seed = kwargs.get("seed", 0)
        print_cost = kwargs.get("print_cost", False)
        parameters = initialize_parameters(layer_dims, seed=seed)
        for i in range(num_iterations):
            A2, cache = forward_propagation(X, parameters)
            cost = compute_cost(A2, Y)
            gradients = backward_propagation(X, Y, parameters, cache)
            parameters = update_parameters(parameters, gradients, learning_rate)
            if print_cost and i % 1000 == 0:
                print(f"cost after iteration {i}: {cost:.4f}")
        return parameters
        ### END SOLUTION
    '''),
    tests("train", r"""
    # Visible test: a short run on a small data set must lower the cost and keep the shapes; with a learning rate
    # of 0 nothing may move (the learning_rate argument is used), and 1 and 2 iterations at learning rate 0.5 are
    # 1 and 2 steps from that start (num_iterations is used as given).
    require_activations("relu", "sigmoid", "relu_derivative")
    X, Y = make_moons(m=60, noise=0.1, seed=1)
    with np.errstate(all="ignore"):
        one_step = train(X, Y, [2, 4, 1], learning_rate=0.0, num_iterations=1)
        twenty_steps = train(X, Y, [2, 4, 1], learning_rate=0.0, num_iterations=20)
        assert isinstance(one_step, dict), f"train must return the parameters dict, got {type(one_step)}"
        for name, value in one_step.items():
            assert np.allclose(twenty_steps.get(name), value), (
                f"with learning_rate=0.0, 20 iterations moved {name} away from where 1 iteration left it: use the "
                f"learning_rate argument in every step")

        def _one_step_from(p, rate):  # one gradient-descent step with your functions, on a copy of p
            p = {k: np.array(v, dtype=float) for k, v in p.items()}
            _, cache = forward_propagation(X, p)
            return update_parameters(p, backward_propagation(X, Y, p, cache), rate)

        after_one = _one_step_from(one_step, 0.5)
        for n, want in ((1, after_one), (2, _one_step_from(after_one, 0.5))):
            got = train(X, Y, [2, 4, 1], learning_rate=0.5, num_iterations=n)
            assert isinstance(got, dict), f"train must return the parameters dict, got {type(got)}"
            for name, value in want.items():
                assert name in got and np.allclose(got[name], value, rtol=1e-6, atol=1e-9), (
                    f"with learning_rate=0.5 and num_iterations={n}, {name} is not {n} gradient-descent step"
                    f"{'s' if n > 1 else ''} of size 0.5 from where train starts (its result with learning_rate=0.0): "
                    f"run exactly num_iterations steps")
        start = float(np.reshape(compute_cost(forward_propagation(X, initialize_parameters([2, 4, 1], seed=0))[0], Y), ()))
        params = train(X, Y, [2, 4, 1], learning_rate=0.5, num_iterations=300)
        assert isinstance(params, dict), f"train must return the parameters dict, got {type(params)}"
        for name, shape in {"W1": (4, 2), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}.items():
            assert np.shape(params.get(name)) == shape, f"trained {name} has shape {np.shape(params.get(name))}, expected {shape}"
        end = float(np.reshape(compute_cost(forward_propagation(X, params)[0], Y), ()))
    assert end < 0.8 * start, f"after 300 iterations the cost went from {start:.4f} to {end:.4f}; it should drop clearly"
    print(f"Visible tests passed (cost {start:.3f} -> {end:.3f}).")
    """),
    markdown(r"""
    ### Training to convergence

    Let us train the 2-3-1 network on 200 points of the "moons" data set and watch the cost. The loop below is
    the same as your `train`, written out so that it can record the cost at every iteration.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    X, Y = make_moons(m=200, noise=0.1, seed=0)


    def train_recording(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, seed=0):
        parameters = initialize_parameters(layer_dims, seed=seed)
        costs = []
        for i in range(num_iterations):
            A2, cache = forward_propagation(X, parameters)
            costs.append(compute_cost(A2, Y))
            parameters = update_parameters(parameters, backward_propagation(X, Y, parameters, cache), learning_rate)
        return parameters, costs


    def accuracy(X, Y, parameters):
        return float(np.mean((forward_propagation(X, parameters)[0] > 0.5) == Y))


    runs = {dims[1]: train_recording(X, Y, dims) for dims in ([2, 3, 1], [2, 8, 1])}
    plt.figure(figsize=(5, 3))
    for n_h, (params, costs) in runs.items():
        plt.plot(costs, label=f"{n_h} hidden units, accuracy {accuracy(X, Y, params):.0%}")
    plt.xlabel("iteration")
    plt.ylabel("cost J")
    plt.yscale("log")
    plt.legend()
    plt.show()
    """),
    markdown(r"""
    The cost falls quickly at first, then slowly. With only 3 ReLU units the decision boundary is made of at
    most a few straight pieces, which is not enough to wrap around both moons; 8 units can. The plot below shows
    the probability the network assigns to class 1 over the plane, with the 0.5 boundary in black.
    """),
    demo(r"""
    xx, yy = np.meshgrid(np.linspace(-1.5, 2.5, 120), np.linspace(-1.0, 1.5, 90))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for ax, (n_h, (params, _)) in zip(axes, runs.items()):
        probability = forward_propagation(grid, params)[0].reshape(xx.shape)
        ax.contourf(xx, yy, probability, levels=20, cmap="RdBu_r", alpha=0.6)
        ax.contour(xx, yy, probability, levels=[0.5], colors="k")
        ax.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", edgecolors="k", s=15)
        ax.set_title(f"2-{n_h}-1 network")
    plt.show()
    """),
    markdown(r"""
    ## 3.6 The general algorithm for $L$ layers

    Nothing in the derivation used the fact that there were two layers. For any depth:

    **Forward pass.** $A^{[0]} = X$; for $l = 1, \dots, L$: compute $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ and
    $A^{[l]} = g^{[l]}(Z^{[l]})$, and cache both.

    **Cost.** $J = \frac1m \sum_i \mathcal{L}(a^{[L](i)}, y^{(i)})$.

    **Backward pass.** Start with $dA^{[L]} = \partial \mathcal{L}/\partial A^{[L]}$ (for a sigmoid or softmax
    output with cross-entropy, jump straight to $dZ^{[L]} = A^{[L]} - Y$). Then for $l = L, L-1, \dots, 1$:

    * $dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})$,
    * $dW^{[l]} = \frac1m\, dZ^{[l]} A^{[l-1]T}$, $\;db^{[l]} = \frac1m \sum_{\text{columns}} dZ^{[l]}$,
    * $dA^{[l-1]} = W^{[l]T} dZ^{[l]}$.

    **Update.** $W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}$ and $b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}$
    for every layer (your `update_parameters` already handles any $L$).

    Every layer is visited once forward and once backward. A forward visit costs one matrix product
    ($W^{[l]} A^{[l-1]}$), a backward visit two of the same size ($dZ^{[l]} A^{[l-1]T}$ and $W^{[l]T} dZ^{[l]}$),
    plus elementwise work that is much cheaper (the first layer may skip $W^{[1]T} dZ^{[1]}$: nothing below the
    input needs a gradient). The work is linear in the depth, and a backward pass costs up to about twice a
    forward pass.

    **Depth has a price.** Going back one layer multiplies the gradient by $W^{[l]T}$ and by $g'(Z^{[l-1]})$; over
    many layers these factors compound. Small factors make the gradients of the first layers *vanish* (a sigmoid
    derivative is at most 0.25), large ones make them *explode*. ReLU-type activations, weights scaled to the
    layer width, normalisation layers, residual connections and gradient clipping are the usual remedies.

    Notebook 6 turns this loop into building blocks that you write yourself, trains a deep network with them,
    and measures the gradients layer by layer for several initialisations.
    """),
    markdown(r"""
    ## Summary

    * Forward: $Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$, $A^{[l]} = g(Z^{[l]})$, caching both.
    * Backward, from the output: $dZ^{[L]} = A^{[L]} - Y$; then per layer $dW = \frac1m dZ\,A_{\text{prev}}^T$,
      $db = \frac1m \sum dZ$, $dA_{\text{prev}} = W^T dZ$, $dZ_{\text{prev}} = dA_{\text{prev}} \odot g'(Z_{\text{prev}})$.
    * Every gradient has the shape of its parameter; check shapes first when debugging.
    * Depth multiplies per-layer factors: gradients can vanish or explode (notebook 6 measures it).

    Notebook 4 looks closer at batches and at what all this costs; notebook 5 shows how to *prove* that a
    backward pass is right.
    """),
]
