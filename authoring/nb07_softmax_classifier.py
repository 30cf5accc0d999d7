"""Notebook 7: a softmax classifier (ReLU hidden layer, softmax output, cross-entropy) on the 3-class spiral, with
sanity checks, predictions, decision regions and a hidden-size sweep."""

from authoring.cells import demo, markdown, setup, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 7. A softmax classifier for more than two classes

    Notebooks 3 to 6 answered yes-or-no questions: one sigmoid unit gave the probability of label 1. Here the
    labels are one of $C$ classes, and the network gives a whole probability distribution per example: the
    output layer has $C$ units and a **softmax** turns their scores (the *logits*) into $C$ positive numbers that
    add up to 1. The data set is three interleaved spiral arms, which no straight line can separate.

    You write five functions: the cost `softmax_cost`, the forward pass `classifier_forward`, the backward pass
    `classifier_backward`, `predict_classes`, and the training loop `train_classifier`. Then you check the
    network the way practitioners do before trusting it: the first cost should be $\log C$, and a handful of
    examples should be learnt by heart.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **Conventions.** Examples are columns: `X` has shape $(n_x, m)$, the labels are one-hot columns
    `Y` of shape $(C, m)$ (a single 1 per column, in the row of the class), `W1` is $(n_h, n_x)$, `b1` $(n_h, 1)$,
    `W2` $(C, n_h)$, `b2` $(C, 1)$.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    setup("setup_data", r'''
    def make_spiral(m=300, n_classes=3, noise=0.2, seed=0):
        """n_classes interleaved spiral arms; returns X: (2, m) points and (1, m) int class labels."""
        rng = np.random.default_rng(seed)
        sizes = [m // n_classes + (1 if k < m % n_classes else 0) for k in range(n_classes)]
        xs, ys = [], []
        for k, size in enumerate(sizes):
            radius = np.linspace(0.05, 1.0, size)
            angle = np.linspace(0, 4, size) + 2 * np.pi * k / n_classes + noise * rng.standard_normal(size)
            xs.append(np.stack([radius * np.sin(angle), radius * np.cos(angle)]))
            ys.append(np.full(size, k))
        X, labels = np.concatenate(xs, axis=1), np.concatenate(ys)[np.newaxis, :]
        order = rng.permutation(m)
        return X[:, order], labels[:, order]


    def one_hot(labels, n_classes=None):
        """(1, m) or (m,) int labels -> (C, m) one-hot float matrix."""
        labels = np.reshape(labels, -1).astype(int)
        C = int(labels.max()) + 1 if n_classes is None else n_classes
        out = np.zeros((C, labels.size))
        out[labels, np.arange(labels.size)] = 1.0
        return out


    def numerical_gradient(f, x, eps=1e-6):
        """Centred differences of the number f() with respect to every entry of the array x (nudged in place,
        restored)."""
        grad = np.zeros_like(x, dtype=float)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + eps
            plus = f()
            x[idx] = old - eps
            minus = f()
            x[idx] = old
            grad[idx] = (plus - minus) / (2 * eps)
        return grad


    def small_classifier(n_x=2, n_h=4, C=3, m=5, seed=0):
        """X, one-hot Y and parameters drawn from a fixed generator, for the visible tests."""
        rng = np.random.default_rng(seed)
        X = rng.normal(0, 1, (n_x, m))
        Y = one_hot(np.arange(m) % C, C)
        parameters = {"W1": rng.normal(0, 1, (n_h, n_x)), "b1": rng.normal(0, 0.5, (n_h, 1)),
                      "W2": rng.normal(0, 1, (C, n_h)), "b2": rng.normal(0, 0.5, (C, 1))}
        return X, Y, parameters
    '''),
    markdown(r"""
    ## 7.1 The cost: cross-entropy over C classes

    For one example with predicted probabilities $a_1, \dots, a_C$ and true class $k$, the loss is $-\log a_k$: it is
    0 when the network is sure and right, and grows without bound as the probability of the right class goes to 0.
    With a one-hot column $y$ the same loss reads $-\sum_{c} y_c \log a_c$ (every term but the true class is 0).
    The cost is the mean over the $m$ examples:

    $$J = -\frac{1}{m} \sum_{j=1}^{m} \sum_{c=1}^{C} Y_{cj} \log A_{cj} .$$

    With two classes this is exactly the binary cross-entropy of notebook 3: there the second term
    $(1 - y)\log(1 - a)$ *was* the other class. Here every class has its own row, so there is only one term.

    {RULES:softmax_cost}
    """),
    solution("softmax_cost", r'''
    def softmax_cost(A, Y):
        """A: (C, m) probabilities, Y: (C, m) one-hot -> the mean cross-entropy (a float)."""
        ### BEGIN SOLUTION
        m = Y.shape[1]
        return float(-np.sum(Y * np.log(A)) / m)
        ### END SOLUTION
    '''),
    tests("softmax_cost", r"""
    A = np.array([[0.7, 0.1, 0.2, 0.5], [0.2, 0.6, 0.3, 0.25], [0.1, 0.3, 0.5, 0.25]])
    Y = one_hot([0, 1, 2, 2], 3)
    expect_close("softmax_cost", softmax_cost(A, Y), -(np.log(0.7) + np.log(0.6) + np.log(0.5) + np.log(0.25)) / 4)
    expect_close("softmax_cost of one example", softmax_cost(A[:, :1], Y[:, :1]), -np.log(0.7))
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 7.2 The forward pass and a softmax that does not overflow

    $$Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = \max(0, Z^{[1]}), \quad Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad
      A^{[2]}_{cj} = \frac{e^{Z^{[2]}_{cj}}}{\sum_{c'} e^{Z^{[2]}_{c'j}}} .$$

    The softmax normalises **each column** (each example) over its $C$ rows. Written as it stands, it fails for
    large logits: `np.exp(1000)` is `inf`, and `inf / inf` is `nan`. Subtracting any number $s_j$ from every logit
    of column $j$ leaves the fractions unchanged (the factor $e^{-s_j}$ cancels), so subtract each column's maximum
    first: every exponent is then at most $e^0 = 1$ and the largest is exactly 1, so the sum is never 0.

    Write the softmax inside `classifier_forward`, or in a helper function of your own, in this cell or in a cell you
    add above it (cells you add run in grading too; the `softmax` of notebook 2 would be such a helper, but this
    notebook does not provide it). Keep the logits in the cache
    as they are: shift a copy, not `Z2` itself.

    {RULES:classifier_forward}
    """),
    solution("classifier_forward", r'''
    def classifier_forward(X, parameters):
        """X: (n_x, m) -> (A2: (C, m) softmax probabilities, cache {"Z1", "A1", "Z2", "A2"})."""
        ### BEGIN SOLUTION
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.maximum(0, Z1)
        Z2 = parameters["W2"] @ A1 + parameters["b2"]
        e = np.exp(Z2 - np.max(Z2, axis=0, keepdims=True))
        A2 = e / np.sum(e, axis=0, keepdims=True)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
        ### END SOLUTION
    '''),
    tests("classifier_forward", r"""
    X, Y, p = small_classifier()
    A2, cache = classifier_forward(X, p)
    Z1 = p["W1"] @ X + p["b1"]
    Z2 = p["W2"] @ np.maximum(0, Z1) + p["b2"]
    expect_close("cache['Z1']", cache["Z1"], Z1)
    expect_close("cache['A1']", cache["A1"], np.maximum(0, Z1))
    expect_close("cache['Z2'] (the logits, not shifted)", cache["Z2"], Z2)
    expect_close("A2", A2, np.exp(Z2) / np.sum(np.exp(Z2), axis=0))
    expect_close("cache['A2']", cache["A2"], A2)
    big = dict(p, W2=p["W2"] * 1000, b2=p["b2"] * 1000)      # logits in the thousands
    A_big, _ = classifier_forward(X, big)
    assert np.all(np.isfinite(A_big)), "A2 has nan or inf for large logits: subtract each column's maximum first"
    expect_close("the column sums of A2 for large logits", np.sum(A_big, axis=0), np.ones(5))
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 7.3 The backward pass: $A - Y$ again

    Notebook 2 showed that the softmax's Jacobian and the derivative of $-\log$ collapse into one subtraction:
    per example, the gradient of the loss with respect to the logits is

    $$dZ^{[2]} = A^{[2]} - Y,$$

    the same form as sigmoid with binary cross-entropy. The rest is notebook 3's network, with the course's one
    convention (notebook 3, section 3.3): $dZ$ holds one column per example, and the $\frac1m$ of the mean cost
    is applied once, when $dW$ and $db$ are formed:

    $$dW^{[2]} = \frac1m dZ^{[2]} A^{[1]T}, \quad db^{[2]} = \frac1m \sum_{\text{columns}} dZ^{[2]}, \quad
      dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot \mathbb 1[Z^{[1]} > 0], \quad dW^{[1]} = \frac1m dZ^{[1]} X^T, \quad
      db^{[1]} = \frac1m \sum_{\text{columns}} dZ^{[1]} .$$

    (Dividing $dZ^{[2]}$ by $m$ once instead and dropping the four $\frac1m$ gives the same numbers; what is wrong
    is dividing in both places, the planted bug of notebook 5. The ReLU mask may be computed from $Z^{[1]}$ or from
    $A^{[1]}$, as in notebook 6: `A1 > 0` is the same mask as `Z1 > 0`.)

    The visible test compares your gradients with centred differences of the cost.

    {RULES:classifier_backward}
    """),
    solution("classifier_backward", r'''
    def classifier_backward(X, Y, parameters, cache):
        """-> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (C, n_h), "db2": (C, 1)} of the mean cross-entropy."""
        ### BEGIN SOLUTION
        m = X.shape[1]
        dZ2 = cache["A2"] - Y                                  # per example: no 1/m here
        dW2 = dZ2 @ cache["A1"].T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (parameters["W2"].T @ dZ2) * (cache["Z1"] > 0)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        ### END SOLUTION
    '''),
    tests("classifier_backward", r"""
    X, Y, p = small_classifier(n_x=2, n_h=4, C=3, m=5, seed=1)


    def cost_of_parameters():
        Z2 = p["W2"] @ np.maximum(0, p["W1"] @ X + p["b1"]) + p["b2"]
        log_A2 = Z2 - np.max(Z2, axis=0) - np.log(np.sum(np.exp(Z2 - np.max(Z2, axis=0)), axis=0))
        return -np.sum(Y * log_A2) / X.shape[1]


    Z1 = p["W1"] @ X + p["b1"]
    Z2 = p["W2"] @ np.maximum(0, Z1) + p["b2"]
    cache = {"Z1": Z1, "A1": np.maximum(0, Z1), "Z2": Z2, "A2": np.exp(Z2) / np.sum(np.exp(Z2), axis=0)}
    grads = classifier_backward(X, Y, p, cache)
    for name in ("W1", "b1", "W2", "b2"):
        expect_close(f"d{name}", grads["d" + name], numerical_gradient(cost_of_parameters, p[name]), atol=1e-7)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 7.4 Predictions

    The predicted class of an example is the row of its largest probability (the largest logit gives the same row).

    {RULES:predict_classes}
    """),
    solution("predict_classes", r'''
    def predict_classes(X, parameters):
        """X: (n_x, m) -> (m,) int array of predicted classes."""
        ### BEGIN SOLUTION
        A2, _ = classifier_forward(X, parameters)
        return np.argmax(A2, axis=0)
        ### END SOLUTION
    '''),
    tests("predict_classes", r"""
    X, Y, p = small_classifier(m=9, seed=2)
    labels = predict_classes(X, p)
    want = np.argmax(p["W2"] @ np.maximum(0, p["W1"] @ X + p["b1"]) + p["b2"], axis=0)
    assert isinstance(labels, np.ndarray) and labels.shape == (9,), f"expected an array of shape (9,), got {np.shape(labels)}"
    assert labels.dtype.kind in "iu", f"the labels are {labels.dtype}: return integers"
    assert np.array_equal(labels, want), f"predicted {labels.tolist()}, expected {want.tolist()}"
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 7.5 Training, from a stated start

    So that every correct answer gives the same numbers, the start is fixed:

    * `rng = np.random.default_rng(seed)`;
    * `W1 = rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x)` (He's scale, for the ReLU layer), drawn **first**;
    * `W2 = rng.standard_normal((C, n_h)) * 0.01`, drawn **second**: small, so that the first softmax is nearly
      uniform and the first cost is close to $\log C$;
    * `b1` and `b2` zeros of shapes $(n_h, 1)$ and $(C, 1)$; `n_x = X.shape[0]`, `C = Y.shape[0]`.

    Then `num_iterations` times: run the forward pass, append the cost of the current parameters to `costs`,
    run the backward pass, and replace every parameter `p` by `p - learning_rate * dp` (full batch). Return
    `(parameters, costs)`. Call your `classifier_forward`, `softmax_cost` and `classifier_backward` (in grading,
    reference versions of those three replace yours, so a mistake in one of them costs its own points only).

    {RULES:train_classifier}
    """),
    solution("train_classifier", r'''
    def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
        """X: (n_x, m), Y: (C, m) one-hot -> (parameters, costs: one float per iteration, before its step)."""
        ### BEGIN SOLUTION
        n_x, C = X.shape[0], Y.shape[0]
        rng = np.random.default_rng(seed)
        parameters = {
            "W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x),
            "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((C, n_h)) * 0.01,
            "b2": np.zeros((C, 1)),
        }
        costs = []
        for i in range(num_iterations):
            A2, cache = classifier_forward(X, parameters)
            costs.append(softmax_cost(A2, Y))
            grads = classifier_backward(X, Y, parameters, cache)
            parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
        return parameters, costs
        ### END SOLUTION
    '''),
    tests("train_classifier", r"""
    X, labels = make_spiral(12, seed=1)
    Y = one_hot(labels, 3)
    start, no_costs = train_classifier(X, Y, 5, learning_rate=0.5, num_iterations=0, seed=3)
    rng = np.random.default_rng(3)
    expect_close("W1 at the start", start["W1"], rng.standard_normal((5, 2)) * np.sqrt(2 / 2))
    expect_close("W2 at the start", start["W2"], rng.standard_normal((3, 5)) * 0.01)
    expect_close("b1 at the start", start["b1"], np.zeros((5, 1)))
    expect_close("b2 at the start", start["b2"], np.zeros((3, 1)))
    assert len(no_costs) == 0, "num_iterations=0 takes no step and records no cost"
    trained, costs = train_classifier(X, Y, 5, learning_rate=0.5, num_iterations=25, seed=3)
    assert len(costs) == 25, f"expected one cost per iteration (25), got {len(costs)}"
    p, want = {k: v.copy() for k, v in start.items()}, []
    for i in range(25):
        A2, cache = classifier_forward(X, p)
        want.append(softmax_cost(A2, Y))
        g = classifier_backward(X, Y, p, cache)
        p = {k: v - 0.5 * g["d" + k] for k, v in p.items()}
    expect_close("costs", np.asarray(costs, dtype=float), want)
    for k in p:
        expect_close(f"{k} after 25 iterations", trained[k], p[k])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 7.6 Sanity checks before trusting the network

    **The first cost.** With `W2` tiny every logit is almost 0, the softmax is almost uniform, $a_c \approx 1/C$
    for every class, and the cost is $-\log(1/C) = \log C$ ($\log 3 \approx 1.099$). A first cost far from it means
    a bug in the forward pass or the cost, before any gradient is involved.
    """),
    demo(r"""
    X, labels = make_spiral(300, seed=0)
    Y = one_hot(labels, 3)
    _, first = train_classifier(X, Y, 50, num_iterations=1)
    print(f"first cost {first[0]:.4f}, log 3 = {np.log(3):.4f}")
    """),
    markdown(r"""
    **Overfitting a handful of examples.** A network with 50 hidden units can memorise 10 examples. If the cost
    does not go to almost 0 on them, the gradients (or the update) are wrong, whatever the full data set does.
    """),
    demo(r"""
    tiny_p, tiny_costs = train_classifier(X[:, :10], Y[:, :10], 50, learning_rate=1.0, num_iterations=500)
    print(f"10 examples: cost {tiny_costs[0]:.3f} -> {tiny_costs[-1]:.5f}, "
          f"accuracy {np.mean(predict_classes(X[:, :10], tiny_p) == labels[0, :10]):.0%}")
    """),
    markdown(r"""
    ## 7.7 The whole spiral

    Training on the 300 points, then the accuracy on the training set and on a fresh spiral drawn with another
    seed, and the decision regions: each point of a grid coloured by its predicted class.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    params, costs = train_classifier(X, Y, 50, learning_rate=1.0, num_iterations=2000)
    X_new, labels_new = make_spiral(300, seed=1)
    print(f"cost {costs[0]:.3f} -> {costs[-1]:.3f}; training accuracy "
          f"{np.mean(predict_classes(X, params) == labels[0]):.0%}, "
          f"new spiral {np.mean(predict_classes(X_new, params) == labels_new[0]):.0%}")

    xx, yy = np.meshgrid(np.linspace(-1.2, 1.2, 150), np.linspace(-1.2, 1.2, 150))
    regions = predict_classes(np.vstack([xx.ravel(), yy.ravel()]), params).reshape(xx.shape)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes[0].plot(costs)
    axes[0].set_xlabel("iteration")
    axes[0].set_ylabel("cost")
    axes[1].contourf(xx, yy, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap="viridis", alpha=0.4)
    axes[1].scatter(X[0], X[1], c=labels[0], cmap="viridis", edgecolors="k", s=14)
    axes[1].set_title("decision regions (50 hidden units)")
    plt.show()
    """),
    markdown(r"""
    ## 7.8 How many hidden units?

    A network with 2 hidden ReLU units can only cut the plane along a couple of lines; with more units the regions
    can follow the arms. The same training (1000 iterations) for a range of sizes, with the accuracy on the training
    spiral and on the fresh one:
    """),
    demo(r"""
    sizes = [1, 2, 4, 8, 16, 32, 64]
    train_acc, new_acc = [], []
    for n_h in sizes:
        p_n, _ = train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000)
        train_acc.append(np.mean(predict_classes(X, p_n) == labels[0]))
        new_acc.append(np.mean(predict_classes(X_new, p_n) == labels_new[0]))
    plt.figure(figsize=(5.5, 3.5))
    plt.semilogx(sizes, train_acc, "o-", base=2, label="training spiral")
    plt.semilogx(sizes, new_acc, "s--", base=2, label="new spiral")
    plt.xlabel("hidden units n_h")
    plt.ylabel("accuracy")
    plt.legend()
    plt.show()
    """),
    markdown(r"""
    ## Summary

    * Softmax turns $C$ logits into a probability distribution per column; subtract the column maximum before
      `np.exp` and it never overflows.
    * The multi-class cross-entropy is $-\frac1m \sum Y \odot \log A$, and with softmax its gradient with respect to the
      logits is $A - Y$ per example (the $\frac1m$ comes in $dW$ and $db$): the backward pass is notebook 3's with a
      different output layer.
    * Before training for long: the first cost should be about $\log C$, and a few examples should be learnt by heart.
    """),
]
