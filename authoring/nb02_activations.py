"""Notebook 2: activation functions, their derivatives, softmax and numerical stability."""

from authoring.cells import demo, markdown, provided, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 2. Activation functions and their derivatives

    In the backward pass every layer multiplies the incoming gradient by the derivative of its activation,
    $g'(z)$, element by element. The activation you pick therefore decides how well gradients flow through the
    network: a derivative that is often tiny starves the early layers, one that is exactly zero switches units
    off. In this notebook you implement the common activations and their derivatives, the softmax output with
    its Jacobian, and you see why a naive formula can overflow and how to avoid it.

    Conventions used throughout the course: inputs are NumPy arrays of any shape (elementwise functions keep the
    shape), examples are **columns**, so a batch of logits for $K$ classes and $m$ examples has shape `(K, m)`.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **How to work:** replace each `raise NotImplementedError()` with your code, run the test cell below it, and
    finish with *Restart Kernel and Run All Cells*. Hidden tests check more cases when you submit.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    markdown(r"""
    ## 2.1 Sigmoid

    $$\sigma(z) = \frac{1}{1 + e^{-z}}$$

    squashes any real number into $(0, 1)$, which is why it is used for the output of a binary classifier: the
    output reads as a probability.

    Its derivative has a convenient form. Differentiating $(1 + e^{-z})^{-1}$ gives
    $\frac{e^{-z}}{(1+e^{-z})^2}$, and since $\frac{e^{-z}}{1+e^{-z}} = 1 - \sigma(z)$, this equals
    $\sigma(z)\,(1 - \sigma(z))$. With $a = \sigma(z)$ already stored by the forward pass,

    $$\sigma'(z) = a\,(1 - a),$$

    so the backward pass needs no new exponential. Notice the largest value: at $z = 0$, $a = 0.5$ and the
    derivative is only $0.25$. Far from zero it is almost $0$ (the function *saturates*).

    Implement `sigmoid(z)` and `sigmoid_derivative(a)`. Note that `sigmoid_derivative` takes the **activation**
    `a`, not `z`.

    {RULES:sigmoid}
    """),
    solution("sigmoid", r'''
    def sigmoid(z):
        """Elementwise logistic function 1 / (1 + exp(-z)). z: ndarray of any shape; returns the same shape."""
        ### BEGIN SOLUTION
        return 1 / (1 + np.exp(-z))
        ### END SOLUTION
    '''),
    tests("sigmoid", r"""
    # Visible test: three values in a (1, 3) row.
    with np.errstate(all="ignore"):
        expect_close("sigmoid([[-2, 0, 3]])", sigmoid(np.array([[-2.0, 0.0, 3.0]])),
                     [[0.11920292, 0.5, 0.95257413]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    {RULES:sigmoid_derivative}
    """),
    solution("sigmoid_derivative", r'''
    def sigmoid_derivative(a):
        """Derivative of the sigmoid written with its output: a * (1 - a), where a = sigmoid(z). Same shape as a."""
        ### BEGIN SOLUTION
        return a * (1 - a)
        ### END SOLUTION
    '''),
    tests("sigmoid_derivative", r"""
    # Visible test: the argument is the activation a, not z.
    expect_close("sigmoid_derivative([0.2, 0.5, 0.9])", sigmoid_derivative(np.array([0.2, 0.5, 0.9])),
                 [0.16, 0.25, 0.09])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 2.2 Tanh

    $$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$$

    is a stretched and shifted sigmoid ($\tanh z = 2\sigma(2z) - 1$) with outputs in $(-1, 1)$, centred on zero.
    NumPy provides it as `np.tanh`. Its derivative, again written with the activation $a = \tanh z$, is

    $$\tanh'(z) = 1 - a^2 .$$

    At $z = 0$ it equals $1$, four times the sigmoid's best, which is one reason tanh hidden layers train better
    than sigmoid ones. It still saturates for large $|z|$.

    {RULES:tanh_derivative}
    """),
    solution("tanh_derivative", r'''
    def tanh_derivative(a):
        """Derivative of tanh written with its output: 1 - a**2, where a = tanh(z). Same shape as a."""
        ### BEGIN SOLUTION
        return 1 - a**2
        ### END SOLUTION
    '''),
    tests("tanh_derivative", r"""
    # Visible test: the argument is the activation a = tanh(z).
    expect_close("tanh_derivative([-0.5, 0, 0.8])", tanh_derivative(np.array([-0.5, 0.0, 0.8])), [0.75, 1.0, 0.36])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 2.3 ReLU

    The rectified linear unit keeps positive inputs and zeroes the rest:

    $$\text{ReLU}(z) = \max(0, z), \qquad
      \text{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}$$

    For positive inputs the gradient passes through unchanged: no saturation, which is why ReLU made deep
    networks much easier to train. A unit whose input stays negative, however, passes no gradient at all (a
    "dead" unit).

    **What about $z = 0$?** The function has a corner there, so the derivative does not exist. Any value between
    $0$ and $1$ is a valid *subgradient*, and libraries simply pick one: most use $0$ (the test `z > 0`), some use
    $1$ (`z >= 0`). Both are accepted in this course. In practice a pre-activation is almost never exactly zero,
    so the choice rarely matters in training; it does matter when you check gradients numerically right at the
    corner (notebook 5).

    Implement `relu(z)` and `relu_derivative(z)`. Unlike the two derivatives above, `relu_derivative` takes the
    pre-activation `z`, and it should return floats (`1.0`/`0.0`), not booleans.

    {RULES:relu}
    """),
    solution("relu", r'''
    def relu(z):
        """Elementwise max(0, z). z: ndarray of any shape; returns the same shape."""
        ### BEGIN SOLUTION
        return np.maximum(0, z)
        ### END SOLUTION
    '''),
    tests("relu", r"""
    # Visible test: negative, zero and positive inputs; z itself must not change.
    z = np.array([[-2.0, -0.5, 0.0, 1.5]])
    expect_close("relu([[-2, -0.5, 0, 1.5]])", relu(z), [[0.0, 0.0, 0.0, 1.5]])
    assert np.array_equal(z, [[-2.0, -0.5, 0.0, 1.5]]), f"relu changed its argument z into {z.tolist()}; return a new array"
    print("Visible tests passed.")
    """),
    markdown(r"""
    {RULES:relu_derivative}
    """),
    solution("relu_derivative", r'''
    def relu_derivative(z):
        """1.0 where z > 0 and 0.0 where z < 0 (either at exactly 0). z: ndarray; returns floats, same shape."""
        ### BEGIN SOLUTION
        return (z > 0).astype(float)
        ### END SOLUTION
    '''),
    tests("relu_derivative", r"""
    # Visible test: away from 0 the answer is fixed; at exactly 0 either convention is fine.
    d = relu_derivative(np.array([[-2.0, -0.5, 1.5, 3.0]]))
    expect_close("relu_derivative([[-2, -0.5, 1.5, 3]])", d, [[0.0, 0.0, 1.0, 1.0]])
    at_zero = float(np.asarray(relu_derivative(np.array([0.0])), dtype=float)[0])
    assert at_zero in (0.0, 1.0), f"relu_derivative(0) is {at_zero}; use either 0 or 1 at the corner"
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 2.4 Leaky ReLU

    To keep dead units alive, leaky ReLU lets a small fraction $\alpha$ (typically $0.01$) of negative inputs
    through:

    $$\text{LReLU}(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}, \qquad
      \text{LReLU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}$$

    For $0 < \alpha < 1$ this is the same as $\max(\alpha z, z)$. The gradient is never exactly zero, so a unit
    can recover. (At $z = 0$ either $1$ or $\alpha$ is accepted.)

    {RULES:leaky_relu}
    """),
    solution("leaky_relu", r'''
    def leaky_relu(z, alpha=0.01):
        """Elementwise z where z > 0 and alpha * z elsewhere. z: ndarray; returns the same shape."""
        ### BEGIN SOLUTION
        return np.where(z > 0, z, alpha * z)
        ### END SOLUTION
    '''),
    tests("leaky_relu", r"""
    # Visible test: the default alpha, then alpha = 0.1.
    z = np.array([[-2.0, 0.5, 3.0]])
    expect_close("leaky_relu([[-2, 0.5, 3]])", leaky_relu(z), [[-0.02, 0.5, 3.0]])
    expect_close("leaky_relu([[-2, 0.5, 3]], alpha=0.1)", leaky_relu(z, alpha=0.1), [[-0.2, 0.5, 3.0]])
    assert np.array_equal(z, [[-2.0, 0.5, 3.0]]), f"leaky_relu changed its argument z into {z.tolist()}; return a new array"
    print("Visible tests passed.")
    """),
    markdown(r"""
    {RULES:leaky_relu_derivative}
    """),
    solution("leaky_relu_derivative", r'''
    def leaky_relu_derivative(z, alpha=0.01):
        """1.0 where z > 0 and alpha elsewhere (either at 0). z: ndarray; returns floats, same shape."""
        ### BEGIN SOLUTION
        return np.where(z > 0, 1.0, alpha)
        ### END SOLUTION
    '''),
    tests("leaky_relu_derivative", r"""
    # Visible test: the default alpha, then alpha = 0.1.
    z = np.array([[-2.0, 0.5, 3.0]])
    expect_close("leaky_relu_derivative([[-2, 0.5, 3]])", leaky_relu_derivative(z), [[0.01, 1.0, 1.0]])
    expect_close("leaky_relu_derivative([[-2, 0.5, 3]], alpha=0.1)", leaky_relu_derivative(z, alpha=0.1),
                 [[0.1, 1.0, 1.0]])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### Seeing the derivatives

    The plot below uses **your** functions. Look at the height of each derivative: the sigmoid's never exceeds
    $0.25$, tanh's reaches $1$ only at the origin, ReLU's is exactly $1$ on the whole positive side, and leaky
    ReLU's never drops to $0$. Multiply such factors over many layers and you can already guess which networks
    will suffer from vanishing gradients (notebook 6 measures it, layer by layer).
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    z = np.linspace(-4, 4, 201)
    panels = [
        ("sigmoid", sigmoid(z), sigmoid_derivative(sigmoid(z))),
        ("tanh", np.tanh(z), tanh_derivative(np.tanh(z))),
        ("ReLU", relu(z), relu_derivative(z)),
        ("leaky ReLU, alpha = 0.1", leaky_relu(z, 0.1), leaky_relu_derivative(z, 0.1)),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(14, 3))
    for ax, (title, g, dg) in zip(axes, panels):
        ax.plot(z, g, label="g(z)")
        ax.plot(z, dg, "--", label="g'(z)")
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_title(title)
        ax.set_xlabel("z")
    axes[0].legend()
    plt.tight_layout()
    plt.show()
    """),
    markdown(r"""
    ## 2.5 Softmax

    For $K$ classes the output layer produces $K$ scores (logits) $z_1, \dots, z_K$ per example, and softmax turns
    them into probabilities:

    $$a_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}} .$$

    Every $a_i$ is positive and they sum to $1$. Unlike the functions above, softmax is **not** elementwise: each
    output depends on all the logits of its example. With examples as columns, `z` has shape `(K, m)` and the
    sum runs down each column (`axis=0`).

    **Overflow.** `np.exp(1000)` is `inf` in float64 (the largest double is about $e^{709.8}$), and then
    `inf / inf` is `nan`. The cure is a free identity: for any constant $c$,

    $$\frac{e^{z_i - c}}{\sum_j e^{z_j - c}} = \frac{e^{-c}\, e^{z_i}}{e^{-c} \sum_j e^{z_j}} = a_i ,$$

    so you may subtract anything from the logits of one example without changing its softmax. Choose $c$ so that
    the largest exponent is $e^0 = 1$; nothing can overflow then, and at least one term of the sum is $1$, so the
    denominator cannot underflow to $0$ either.

    Implement a **stable**, column-wise `softmax(z)` that stays finite for logits of 1000 and more.

    {RULES:softmax}
    """),
    solution("softmax", r'''
    def softmax(z):
        """Column-wise softmax. z: (K, m) logits, one example per column. Returns (K, m); each column sums to 1."""
        ### BEGIN SOLUTION
        shifted = z - np.max(z, axis=0, keepdims=True)
        e = np.exp(shifted)
        return e / np.sum(e, axis=0, keepdims=True)
        ### END SOLUTION
    '''),
    tests("softmax", r"""
    # Visible test: two examples (columns) of three classes, then logits far too large for a naive exp.
    z = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    a = softmax(z)
    expect_close("softmax(z) for z of shape (3, 2)", a,
                 [[0.09003057, 1 / 3], [0.24472847, 1 / 3], [0.66524096, 1 / 3]])
    with np.errstate(all="ignore"):
        big = softmax(np.array([[1000.0, -1000.0], [1001.0, -1000.0]]))
    assert np.all(np.isfinite(np.asarray(big, dtype=float))), (
        f"softmax of logits near 1000 gave {big}: the exponentials overflow; see the identity above")
    expect_close("softmax([[1000, -1000], [1001, -1000]])", big, [[0.26894142, 0.5], [0.73105858, 0.5]])
    assert np.array_equal(z, [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]), (
        f"softmax changed its argument z into {z.tolist()}; compute a new array instead of changing z in place")
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 2.6 The softmax Jacobian

    Since every output depends on every input, the derivative of softmax (for one example) is a $K \times K$
    matrix, the **Jacobian** $J_{ij} = \partial a_i / \partial z_j$. Differentiate the quotient:

    * for $j = i$: $\;\frac{e^{z_i} S - e^{z_i} e^{z_i}}{S^2} = a_i - a_i^2$,
    * for $j \ne i$: $\;\frac{0 - e^{z_i} e^{z_j}}{S^2} = -a_i a_j$,

    where $S = \sum_k e^{z_k}$. Both cases fit in one line with the Kronecker delta ($\delta_{ij} = 1$ if
    $i = j$, else $0$):

    $$J_{ij} = a_i\,(\delta_{ij} - a_j).$$

    In matrix form that is a diagonal matrix minus an outer product. Implement `softmax_jacobian(a)` for one
    example's softmax output `a`, given either as a flat `(K,)` vector or as a `(K, 1)` column; return `(K, K)`.

    {RULES:softmax_jacobian}
    """),
    solution("softmax_jacobian", r'''
    def softmax_jacobian(a):
        """Jacobian of softmax for one example: J[i, j] = a_i * (delta_ij - a_j).

        a: (K,) or (K, 1), the softmax output of one example. Returns a (K, K) array.
        """
        ### BEGIN SOLUTION
        a = np.asarray(a, dtype=float).reshape(-1)
        return np.diag(a) - np.outer(a, a)
        ### END SOLUTION
    '''),
    tests("softmax_jacobian", r"""
    # Visible test: a three-class output, as a flat vector and as a column.
    a = np.array([0.2, 0.3, 0.5])
    expected = [[0.16, -0.06, -0.10], [-0.06, 0.21, -0.15], [-0.10, -0.15, 0.25]]
    expect_close("softmax_jacobian([0.2, 0.3, 0.5])", softmax_jacobian(a), expected)
    expect_close("softmax_jacobian of the same a as a (3, 1) column", softmax_jacobian(a.reshape(3, 1)), expected)
    print("Visible tests passed.")
    """),
    markdown(r"""
    Two properties worth noticing: the Jacobian is symmetric, and every row sums to zero (adding the same
    constant to all logits changes nothing, which is the shift identity of 2.5 again).

    ## 2.7 Softmax with cross-entropy: the gradient becomes $a - y$

    For a one-hot label $y$ the cross-entropy loss is $\mathcal{L} = -\sum_k y_k \log a_k$ (a calligraphic
    $\mathcal{L}$ for a loss throughout the course; notebook 3 uses a plain $L$ for the number of layers). Its
    gradient with respect to the probabilities is $\partial \mathcal{L} / \partial a_k = -y_k / a_k$, and the chain
    rule through the Jacobian gives

    $$\frac{\partial \mathcal{L}}{\partial z_j} = \sum_i \frac{\partial \mathcal{L}}{\partial a_i} J_{ij}
      = \sum_i \left(-\frac{y_i}{a_i}\right) a_i (\delta_{ij} - a_j)
      = -y_j + a_j \sum_i y_i = a_j - y_j ,$$

    because the labels sum to one. The full Jacobian product collapses to a subtraction, and the division by
    $a_i$ (dangerous when a probability is tiny) disappears. That is why frameworks fuse softmax and cross-entropy
    into one operation. The same thing happens for a sigmoid output with binary cross-entropy; you will use it in
    notebook 3. The cell below confirms it numerically with your functions.
    """),
    demo(r"""
    z = np.array([[2.0], [-1.0], [0.5]])
    y = np.array([[0.0], [0.0], [1.0]])
    a = softmax(z)
    dL_da = -y / a
    through_jacobian = softmax_jacobian(a).T @ dL_da
    print("J^T dL/da :", through_jacobian.ravel())
    print("a - y     :", (a - y).ravel())
    """),
    markdown(r"""
    ## 2.8 Numerical stability

    Floating-point numbers have a limited range. The cell below shows what goes wrong with the textbook formulas
    on large logits, and the standard fixes:

    * **softmax**: subtract the column maximum (you did this above);
    * **log of a sum of exponentials** (needed for cross-entropy computed from logits): use the *log-sum-exp*
      trick $\log \sum_j e^{z_j} = c + \log \sum_j e^{z_j - c}$ with $c = \max_j z_j$, which gives
      $\log a_i = z_i - \text{logsumexp}(z)$ without ever forming a tiny $a_i$ and taking its log;
    * **sigmoid**: $1/(1+e^{-z})$ raises an overflow warning for $z \ll 0$ (the answer, $0$, is still right), but
      $\log \sigma(z)$ computed as `np.log(sigmoid(z))` becomes `-inf` for very negative $z$ although the true
      value ($\approx z$) is a perfectly ordinary number; `-np.logaddexp(0, -z)` computes it stably.
    """),
    provided("provided_logsumexp", r'''
    def logsumexp(z):
        """Column-wise log(sum(exp(z))) for z: (K, m), computed without overflow. Returns (1, m)."""
        c = np.max(z, axis=0, keepdims=True)
        return c + np.log(np.sum(np.exp(z - c), axis=0, keepdims=True))
    '''),
    demo(r"""
    z = np.array([[1000.0], [1001.0], [200.0]])   # the true class (the last) scores far below the maximum
    y = np.array([[0.0], [0.0], [1.0]])
    with np.errstate(all="ignore"):             # the naive lines below overflow on purpose
        naive = np.exp(z) / np.sum(np.exp(z), axis=0)
        naive_loss = -np.sum(y * np.log(naive))
        loss_from_probs = -np.sum(y * np.log(softmax(z)))
    stable_loss = float(-np.sum(y * (z - logsumexp(z))))
    print("naive softmax           :", naive.ravel())
    print("your softmax            :", softmax(z).ravel())
    print("naive cross-entropy     :", naive_loss)
    print("-log(your softmax)[true]:", loss_from_probs)
    print("log-sum-exp cross-entropy:", stable_loss)

    z = np.array([-800.0, -40.0, 0.0, 40.0])
    with np.errstate(all="ignore"):
        print("log(sigmoid(z)) naive   :", np.log(1 / (1 + np.exp(-z))))
    print("log(sigmoid(z)) stable  :", -np.logaddexp(0, -z))
    """),
    markdown(r"""
    Read the first block from the top. The naive softmax overflows (`inf / inf` gives `nan`), and so does its
    cross-entropy. Your stable softmax
    is finite, but the probability of the true class, $e^{200 - 1001} = e^{-801}$, is below the smallest double
    and rounds to $0$: its log is `-inf` and the loss `inf`, although the true loss is an ordinary number,
    $\text{logsumexp}(z) - z_3 \approx 801.3$, which the log-sum-exp line gets. The second block is the same story
    for the sigmoid: the naive $\log\sigma(-800)$ is `-inf`, the stable one is $-800$.
    """),
    markdown(r"""
    ## Summary

    | activation | $g(z)$ | $g'$ written with $a = g(z)$ or $z$ | largest $g'$ |
    |---|---|---|---|
    | sigmoid | $1/(1+e^{-z})$ | $a(1-a)$ | $0.25$ |
    | tanh | $\tanh z$ | $1-a^2$ | $1$ |
    | ReLU | $\max(0,z)$ | $1$ if $z>0$, $0$ if $z<0$ | $1$ |
    | leaky ReLU | $z$ or $\alpha z$ | $1$ or $\alpha$ | $1$ |
    | softmax | $e^{z_i}/\sum_j e^{z_j}$ | $a_i(\delta_{ij}-a_j)$ (a matrix) | |

    Softmax with cross-entropy (and sigmoid with binary cross-entropy) has the gradient $a - y$ with respect to
    the logits. Exponentials overflow: shift logits by their maximum and work with log-sum-exp.
    """),
]
