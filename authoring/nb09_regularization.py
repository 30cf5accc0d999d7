"""Notebook 9: regularisation. Inverted dropout and batch normalisation, each a forward pass with a cache and a
backward pass (the batch-norm backward derived in the notebook), checked against centered differences, then used in
the students' own network: dropout on a small two-moons training set with a held-out split, batch norm on a deep
network."""

from authoring.cells import demo, markdown, provided, setup_imports, solution, tests

CELLS = [
    markdown(r"""
    # 9. Regularisation: dropout and batch normalisation

    A network with many more parameters than training examples can fit the training set almost perfectly and still
    do badly on examples it has not seen: it **over-fits**. Notebook 6 added an L2 penalty on the weights against
    that. This notebook writes two layers that every modern network library has, each as a forward pass that keeps
    a cache and a backward pass that reads it, as in notebook 6:

    * `dropout_forward` and `dropout_backward`: **inverted dropout**, which switches off a random part of the units
      at every training step and does nothing at test time;
    * `batchnorm_forward` and `batchnorm_backward`: **batch normalisation**, which normalises every unit over the
      examples of the batch and keeps running averages of those statistics for test time. You derive its
      backward pass on paper first.

    Both backward passes are checked against centered differences (notebook 5). Then you train your own network on
    a small training set and measure it on a **held-out validation set** that training never sees: with and without
    dropout, and a deep network with and without batch normalisation.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **Conventions.** Examples are columns: `A` and `Z` are `(n, m)`, n units and m examples. As in notebook 6 the
    gradient handed to the layer below (`dA`, `dZ`) is **per example**, one column per example without a $\frac1m$,
    and the gradient of a parameter (`dgamma`, `dbeta`, like `dW`, `db`) is that of the **mean** cost, with the
    $\frac1m$ inside. No function changes its arguments.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    markdown(r"""
    ## 9.1 Inverted dropout

    During training, dropout keeps each unit of a layer's activation $A$ with probability `keep_prob` and sets the
    others to 0, with a new random **mask** at every step. No unit can rely on one particular other unit being
    there, which discourages the fragile co-adaptations that fit noise. *Inverted* dropout also divides
    the kept activations by `keep_prob`:

    $$A_{\text{drop}} = \frac{A \odot \text{mask}}{\text{keep\_prob}}, \qquad
      \text{mask}_{ij} = 1 \text{ with probability keep\_prob, else } 0 .$$

    Each entry's expectation is then $\text{keep\_prob} \cdot A_{ij} / \text{keep\_prob} = A_{ij}$, the value it
    has without dropout, so at test time (`train=False`) the layer does nothing at all: `A_drop = A`.

    The mask must be reproducible (the backward pass and the grader need the same one), so it comes from a seed:
    `mask = np.random.default_rng(seed).random(A.shape) < keep_prob`. Write
    `dropout_forward(A, keep_prob, seed=0, train=True)`, returning `(A_drop, mask)`; in test mode the mask may be
    `None`.

    {RULES:dropout_forward}
    """),
    solution("dropout_forward", r'''
    def dropout_forward(A, keep_prob, seed=0, train=True):
        """A: (n, m) -> (A_drop (n, m), mask (n, m) of 0 and 1); in test mode (A, None)."""
        ### BEGIN SOLUTION
        if not train:
            return A.copy(), None
        rng = np.random.default_rng(seed)
        mask = (rng.random(A.shape) < keep_prob).astype(float)
        return A * mask / keep_prob, mask
        ### END SOLUTION
    '''),
    tests("dropout_forward", r"""
    A = np.array([[1.0, -2.0, 3.0, 0.5], [-1.0, 4.0, 2.0, -3.0], [0.2, 0.0, -0.6, 1.5]])
    A_before = A.copy()
    A_drop, mask = dropout_forward(A, 0.75, seed=3)
    assert np.shape(mask) == A.shape, f"the mask has shape {np.shape(mask)}: it needs one entry per entry of A, {A.shape}"
    # np.random.default_rng(3).random((3, 4)) < 0.75 drops exactly one entry, row 0 column 2
    expect_close("mask for seed 3", mask, [[1, 1, 0, 1], [1, 1, 1, 1], [1, 1, 1, 1]])
    expect_close("A_drop for seed 3 (the kept entries divided by keep_prob)", A_drop, A * np.array(mask, float) / 0.75)
    expect_close("A_drop entry [0, 0], 1.0 / 0.75", A_drop[0, 0], 1 / 0.75)
    again = dropout_forward(A, 0.75, seed=3)[1]
    assert np.array_equal(np.array(again, float), np.array(mask, float)), "the same seed must give the same mask"
    other = dropout_forward(A, 0.75, seed=4)[1]
    expect_close("mask for seed 4 (use the seed argument)", other, [[0, 1, 0, 1], [1, 1, 0, 1], [0, 1, 0, 1]])
    expect_close("A_drop with train=False (nothing dropped, nothing scaled)", dropout_forward(A, 0.75, 3, False)[0], A)
    big = dropout_forward(np.ones((100, 1000)), 0.8, seed=0)
    kept = float(np.mean(big[1]))
    assert abs(kept - 0.8) < 0.01, f"with keep_prob 0.8 about 80% of the units are kept, yours keeps {kept:.1%}"
    assert abs(np.mean(big[0]) - 1) < 0.01, "inverted dropout keeps the mean of the activations: divide by keep_prob"
    assert np.array_equal(A, A_before), "dropout_forward changed A: return a new array"
    print("Visible tests passed.")
    """),
    markdown(r"""
    The backward pass follows from $A_{\text{drop}} = A \odot \text{mask} / \text{keep\_prob}$, elementwise: a
    dropped unit passed nothing forward and passes no gradient back, a kept one multiplies the gradient by the same
    $1/\text{keep\_prob}$. Write `dropout_backward(dA, mask, keep_prob)` with the forward's mask.

    {RULES:dropout_backward}
    """),
    solution("dropout_backward", r'''
    def dropout_backward(dA, mask, keep_prob):
        """dA: (n, m), the gradient of A_drop; mask: the forward's -> dA_prev (n, m), the gradient of A."""
        ### BEGIN SOLUTION
        return dA * mask / keep_prob
        ### END SOLUTION
    '''),
    tests("dropout_backward", r"""
    mask = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    dA = np.array([[0.6, -1.2, 3.0], [2.0, -0.9, 0.3]])
    expect_close("dA_prev", dropout_backward(dA, mask, 0.6), [[1.0, 0.0, 5.0], [0.0, -1.5, 0.5]])
    assert np.array_equal(dA, [[0.6, -1.2, 3.0], [2.0, -0.9, 0.3]]), "dropout_backward changed dA: return a new array"
    # centered differences of sum(A_drop * dA) through YOUR dropout_forward, with the mask of the same seed
    A = np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]])
    _, mask7 = dropout_forward(A, 0.6, seed=7)
    numeric = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        plus, minus = A.copy(), A.copy()
        plus[idx] += 1e-6
        minus[idx] -= 1e-6
        numeric[idx] = (np.sum(dropout_forward(plus, 0.6, seed=7)[0] * dA)
                        - np.sum(dropout_forward(minus, 0.6, seed=7)[0] * dA)) / 2e-6
    expect_close("dropout_backward against centered differences of your dropout_forward",
                 dropout_backward(dA, np.array(mask7, float), 0.6), numeric)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 9.2 Batch normalisation, forward

    Batch normalisation standardises every unit (every row of $Z$) over the $m$ examples of the batch, then gives
    the layer back a scale $\gamma$ and a shift $\beta$ of its own, one per unit, learnt like $W$ and $b$:

    $$\mu = \frac1m \sum_{j} z_j, \quad \sigma^2 = \frac1m \sum_j (z_j - \mu)^2, \quad
      \hat z_j = \frac{z_j - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \quad \text{out}_j = \gamma\, \hat z_j + \beta .$$

    Over the batch, every unit's output then has mean $\beta$ and standard deviation (about) $\gamma$, whatever the
    layers below do to its scale, which lets a deep network train faster and with larger steps (9.6).

    At test time there may be one example, or examples that must not influence each other's prediction, so the batch's
    statistics are not used. Training keeps **running averages** instead,
    $\text{running} \leftarrow \text{momentum} \cdot \text{running} + (1 - \text{momentum}) \cdot \text{batch statistic}$
    for the mean and the variance, and test mode (`train=False`) normalises with them.

    Write `batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5)` with `running` the dict
    `{"mean": (n, 1), "var": (n, 1)}`. It returns `(out, cache, new_running)`: the cache is `(Z_hat, gamma, std)`,
    with `std` $= \sqrt{\sigma^2 + \varepsilon}$, all that the backward pass needs.

    {RULES:batchnorm_forward}
    """),
    solution("batchnorm_forward", r'''
    def batchnorm_forward(Z, gamma, beta, running, train=True, momentum=0.9, epsilon=1e-5):
        """Z: (n, m); gamma, beta: (n, 1); running {"mean", "var"}: (n, 1) each -> (out, (Z_hat, gamma, std), new_running)."""
        ### BEGIN SOLUTION
        if train:
            mu = np.mean(Z, axis=1, keepdims=True)
            var = np.var(Z, axis=1, keepdims=True)
            new_running = {"mean": momentum * running["mean"] + (1 - momentum) * mu,
                           "var": momentum * running["var"] + (1 - momentum) * var}
        else:
            mu, var = running["mean"], running["var"]
            new_running = {"mean": running["mean"].copy(), "var": running["var"].copy()}
        std = np.sqrt(var + epsilon)
        Z_hat = (Z - mu) / std
        return gamma * Z_hat + beta, (Z_hat, gamma, std), new_running
        ### END SOLUTION
    '''),
    tests("batchnorm_forward", r"""
    Z = np.array([[1.0, 2.0, 3.0, 6.0], [-2.0, 0.0, 2.0, 0.0]])
    gamma, beta = np.array([[2.0], [0.5]]), np.array([[1.0], [-1.0]])
    running = {"mean": np.array([[1.0], [0.0]]), "var": np.array([[4.0], [1.0]])}
    out, cache, new_running = batchnorm_forward(Z, gamma, beta, running, momentum=0.8, epsilon=0.0)
    # row 0: mean 3, variance 3.5; row 1: mean 0, variance 2 (np.var divides by m = 4)
    Z_hat = np.array([[-2.0, -1.0, 0.0, 3.0]]) / np.sqrt(3.5)
    expect_close("Z_hat (cache[0]) row 0", cache[0][:1], Z_hat)
    expect_close("std (cache[2])", cache[2], [[np.sqrt(3.5)], [np.sqrt(2.0)]])
    expect_close("out row 0, 2 * Z_hat + 1", out[:1], 2 * Z_hat + 1)
    expect_close("out row 1", out[1:], [[-1.707107, -1.0, -0.292893, -1.0]])
    expect_close("new running mean, 0.8 * running + 0.2 * batch mean", new_running["mean"], [[1.4], [0.0]])
    expect_close("new running var, 0.8 * running + 0.2 * batch variance", new_running["var"], [[3.9], [1.2]])
    assert np.array_equal(running["mean"], [[1.0], [0.0]]), "batchnorm_forward changed running: return a new dict"
    test_out, _, kept = batchnorm_forward(Z, gamma, beta, running, train=False, epsilon=0.0)
    expect_close("out with train=False (the running mean and var)", test_out, [[1, 2, 3, 6], [-2, -1, 0, -1]])
    expect_close("running mean after train=False (unchanged)", kept["mean"], running["mean"])
    eps_out = batchnorm_forward(Z, gamma, beta, running, epsilon=1.0)[0]
    expect_close("out row 1 with epsilon=1 (inside the square root)", eps_out[1:], 0.5 * Z[1:] / np.sqrt(3.0) - 1)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 9.3 Batch normalisation, backward: the derivation

    Take one unit (one row; the rows are independent) and write $g_j$ for the upstream gradient `dout` of example $j$.
    Every $\hat z_j$ depends on **every** $z_i$ of the batch, through $\mu$ and $\sigma^2$: that is what makes this
    backward pass different from an elementwise one. Write $s = \sqrt{\sigma^2 + \varepsilon}$ (`std`).

    1. $\text{out}_j = \gamma \hat z_j + \beta$ gives the gradient of $\hat z_j$: $\gamma\, g_j$.
    2. The variance: $\dfrac{\partial \sigma^2}{\partial z_i} = \dfrac2m (z_i - \mu)$ (the term through $\mu$ is
       $-\frac2m \sum_j (z_j - \mu)\, \frac{\partial \mu}{\partial z_i} = 0$, since the deviations add up to 0), so
       $\dfrac{\partial s}{\partial z_i} = \dfrac{1}{2s} \cdot \dfrac2m (z_i - \mu) = \dfrac{\hat z_i}{m}$.
    3. With $\dfrac{\partial \mu}{\partial z_i} = \dfrac1m$ and the quotient rule,
       $$\frac{\partial \hat z_j}{\partial z_i} = \frac{\delta_{ij} - \frac1m}{s} - \frac{z_j - \mu}{s^2}
         \cdot \frac{\hat z_i}{m} = \frac1s \Big(\delta_{ij} - \frac1m - \frac{\hat z_j\, \hat z_i}{m}\Big).$$
    4. The chain rule sums over every $j$ that $z_i$ reaches:
       $$dz_i = \sum_j \gamma g_j \frac{\partial \hat z_j}{\partial z_i}
             = \frac{\gamma}{s}\Big(g_i - \frac1m \sum_j g_j - \hat z_i\, \frac1m \sum_j g_j \hat z_j\Big).$$

    The two means in the bracket are the parameters' gradients. For the mean cost (the $\frac1m$ of the
    conventions), $d\beta = \frac1m \sum_j g_j$ and $d\gamma = \frac1m \sum_j g_j \hat z_j$, so the whole backward
    pass is three lines:

    $$d\beta = \operatorname{mean}_j(g), \qquad d\gamma = \operatorname{mean}_j(g \odot \hat z), \qquad
      dZ = \frac{\gamma}{s} \odot \big(\text{dout} - d\beta - \hat Z \odot d\gamma\big).$$

    The two subtracted terms remove from `dout` what the normalisation cannot pass on: a change that shifts every
    example of a unit alike (the mean removes it) and one that scales the unit's deviations (the variance removes
    it). Without them, treating $\mu$ and $\sigma$ as constants, you get $\frac{\gamma}{s}\,\text{dout}$, which
    centered differences reject (9.4).

    Write `batchnorm_backward(dout, cache)` for the train-mode forward, returning `(dZ, dgamma, dbeta)`.

    {RULES:batchnorm_backward}
    """),
    solution("batchnorm_backward", r'''
    def batchnorm_backward(dout, cache):
        """dout: (n, m); cache (Z_hat, gamma, std) -> (dZ (n, m), dgamma (n, 1), dbeta (n, 1))."""
        ### BEGIN SOLUTION
        Z_hat, gamma, std = cache
        dbeta = np.mean(dout, axis=1, keepdims=True)
        dgamma = np.mean(dout * Z_hat, axis=1, keepdims=True)
        dZ = gamma / std * (dout - dbeta - Z_hat * dgamma)
        return dZ, dgamma, dbeta
        ### END SOLUTION
    '''),
    tests("batchnorm_backward", r"""
    # a cache written out by hand: Z = [[1, 2, 3, 6], [-2, 0, 2, 0]], epsilon = 0, gamma = [[2], [0.5]]
    Z_hat = np.array([[-2.0, -1.0, 0.0, 3.0], [-np.sqrt(2), 0.0, np.sqrt(2), 0.0]]) / np.array([[np.sqrt(3.5)], [1.0]])
    cache = (Z_hat, np.array([[2.0], [0.5]]), np.array([[np.sqrt(3.5)], [np.sqrt(2.0)]]))
    dout = np.array([[1.0, 0.0, -1.0, 2.0], [0.5, 0.5, 0.5, -1.5]])
    dZ, dgamma, dbeta = batchnorm_backward(dout, cache)
    expect_close("dbeta (the mean of dout over the examples)", dbeta, [[0.5], [0.0]])
    expect_close("dgamma (the mean of dout * Z_hat)", dgamma, [[0.534522], [0.0]])
    expect_close("dZ", dZ, [[1.145405, -0.229081, -1.603567, 0.687243], [0.176777, 0.176777, 0.176777, -0.53033]])
    assert np.allclose(np.sum(dZ, axis=1), 0), "every row of dZ adds up to 0 (shifting a whole row changes nothing)"
    # centered differences of J = sum(out * dout) / m through a forward written out here (not yours)
    def J(Z, gamma, beta):
        Zh = (Z - Z.mean(axis=1, keepdims=True)) / np.sqrt(Z.var(axis=1, keepdims=True) + 1e-5)
        return np.sum((gamma * Zh + beta) * d) / Z.shape[1]
    rng = np.random.default_rng(0)
    Z, gamma, beta, d = rng.normal(2, 3, (3, 5)), rng.normal(1, 1, (3, 1)), rng.normal(0, 1, (3, 1)), rng.normal(size=(3, 5))
    std = np.sqrt(Z.var(axis=1, keepdims=True) + 1e-5)
    grads = batchnorm_backward(d, ((Z - Z.mean(axis=1, keepdims=True)) / std, gamma, std))
    for name, x, g, scale in (("dZ", Z, grads[0], 5), ("dgamma", gamma, grads[1], 1), ("dbeta", beta, grads[2], 1)):
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + 1e-6
            plus = J(Z, gamma, beta)
            x[idx] = old - 1e-6
            minus = J(Z, gamma, beta)
            x[idx] = old
            numeric[idx] = scale * (plus - minus) / 2e-6
        # dZ is per example: m times the mean cost's gradient; dgamma and dbeta are the mean cost's
        expect_close(f"{name} against centered differences", g, numeric, atol=1e-5)
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 9.4 Gradient check of both layers

    The visible tests compared your backward passes with centered differences of a cost. Here is the check of
    notebook 5 once more, on larger random layers and through **your** forward passes: the relative difference
    $\lVert g - g_{\text{approx}} \rVert / (\lVert g \rVert + \lVert g_{\text{approx}} \rVert)$ should be about
    $10^{-9}$ or smaller. The last line checks the shortcut of 9.3, treating $\mu$ and $\sigma$ as constants,
    which is wrong.
    """),
    demo(r"""
    def relative_difference(g, approx):
        return np.linalg.norm(g - approx) / (np.linalg.norm(g) + np.linalg.norm(approx))


    def centered(f, x, dout, eps=1e-6):
        # centered differences of sum(f() * dout) with respect to every entry of x (changed and restored)
        g = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + eps
            plus = np.sum(f() * dout)
            x[idx] = old - eps
            minus = np.sum(f() * dout)
            x[idx] = old
            g[idx] = (plus - minus) / (2 * eps)
        return g


    rng = np.random.default_rng(1)
    n, m = 6, 10
    A, dA = rng.normal(size=(n, m)), rng.normal(size=(n, m))
    _, mask = dropout_forward(A, 0.7, seed=5)
    approx = centered(lambda: dropout_forward(A, 0.7, seed=5)[0], A, dA)
    print(f"dropout_backward:                {relative_difference(dropout_backward(dA, mask, 0.7), approx):.1e}")

    Z, gamma, beta = rng.normal(1, 2, (n, m)), rng.normal(1, 0.5, (n, 1)), rng.normal(size=(n, 1))
    running = {"mean": np.zeros((n, 1)), "var": np.ones((n, 1))}
    dout = rng.normal(size=(n, m))
    _, cache, _ = batchnorm_forward(Z, gamma, beta, running)
    dZ, dgamma, dbeta = batchnorm_backward(dout, cache)
    out = lambda: batchnorm_forward(Z, gamma, beta, running)[0]
    # dZ is per example (upstream dout); dgamma and dbeta belong to the mean cost (upstream dout / m)
    print(f"batchnorm_backward, dZ:          {relative_difference(dZ, centered(out, Z, dout)):.1e}")
    print(f"batchnorm_backward, dgamma:      {relative_difference(dgamma, centered(out, gamma, dout / m)):.1e}")
    print(f"batchnorm_backward, dbeta:       {relative_difference(dbeta, centered(out, beta, dout / m)):.1e}")
    Z_hat, _, std = cache
    print(f"the shortcut gamma / std * dout: {relative_difference(gamma / std * dout, centered(out, Z, dout)):.1e}")
    """),
    markdown(r"""
    ## 9.5 Your network, with dropout, on held-out data

    The network below is notebook 6's, written compactly: ReLU hidden layers with He initialisation, a sigmoid
    output, the cross-entropy cost, full-batch gradient descent. It calls **your** layers: with `keep_prob < 1`
    `dropout_forward` follows every hidden ReLU during training (a new seed at every step, so a new mask) and
    `dropout_backward` undoes it in the backward pass; with `batchnorm=True`, `batchnorm_forward` sits between each
    hidden layer's linear part and its ReLU. Predictions always run in test mode (`train=False`): no dropout, the
    running statistics.

    The data are two interleaved half-moons with noise. Training gets **80 examples**, validation **1000 others**
    from the same distribution, which training never sees. A network of two hidden layers of 64 units has 4,417
    weights and biases, 55 per training example: enough to memorise the training set.
    """),
    provided("provided_network", r'''
    def make_moons(m, noise=0.35, seed=0):
        """Two interleaved half-moons: X (2, m), labels Y (1, m) of 0.0 and 1.0, Gaussian noise of std `noise`."""
        rng = np.random.default_rng(seed)
        y = rng.integers(0, 2, m)
        t = rng.uniform(0, np.pi, m)
        X = np.where(y == 0, [np.cos(t), np.sin(t)], [1 - np.cos(t), 0.5 - np.sin(t)]) + noise * rng.normal(size=(2, m))
        return X, y.reshape(1, m).astype(float)


    def init_network(layer_dims, seed=0):
        """He-initialised W<l>, zero b<l>, and gamma<l> = 1, beta<l> = 0 for every hidden layer."""
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            params[f"W{l}"] = rng.normal(0, np.sqrt(2 / layer_dims[l - 1]), (layer_dims[l], layer_dims[l - 1]))
            params[f"b{l}"] = np.zeros((layer_dims[l], 1))
            if l < len(layer_dims) - 1:
                params[f"gamma{l}"], params[f"beta{l}"] = np.ones((layer_dims[l], 1)), np.zeros((layer_dims[l], 1))
        return params


    def network_forward(X, params, keep_prob=1.0, batchnorm=False, running=None, train=True, seed=0):
        """-> (AL (1, m), caches, new running statistics); dropout and batch norm as the flags say."""
        L = sum(1 for k in params if k.startswith("W"))
        A, caches, new_running = X, [], {}
        for l in range(1, L):
            Z = params[f"W{l}"] @ A + params[f"b{l}"]
            bn_cache = mask = None
            if batchnorm:
                Z, bn_cache, new_running[l] = batchnorm_forward(Z, params[f"gamma{l}"], params[f"beta{l}"],
                                                                running[l], train=train)
            H = np.maximum(0, Z)
            if train and keep_prob < 1:
                H, mask = dropout_forward(H, keep_prob, seed=1000 * seed + l)
            caches.append((A, Z, bn_cache, mask))
            A = H
        ZL = params[f"W{L}"] @ A + params[f"b{L}"]
        caches.append((A, None, None, None))
        return 1 / (1 + np.exp(-ZL)), caches, new_running


    def network_backward(AL, Y, params, caches, keep_prob=1.0, batchnorm=False):
        """The gradients of the mean cross-entropy: dW<l>, db<l> and, with batch norm, dgamma<l>, dbeta<l>."""
        L, m = len(caches), Y.shape[1]
        grads, dZ = {}, AL - Y
        for l in range(L, 0, -1):
            A_prev, Z, bn_cache, mask = caches[l - 1]
            if l < L:
                if mask is not None:
                    dA = dropout_backward(dA, mask, keep_prob)
                dZ = dA * (Z > 0)
                if batchnorm:
                    dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = batchnorm_backward(dZ, bn_cache)
            grads[f"dW{l}"] = dZ @ A_prev.T / m
            grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
            dA = params[f"W{l}"].T @ dZ
        return grads


    def cross_entropy(AL, Y):
        AL = np.clip(AL, 1e-12, 1 - 1e-12)
        return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


    def train_network(X, Y, layer_dims, num_iterations, learning_rate, keep_prob=1.0, batchnorm=False,
                      X_val=None, Y_val=None, every=50, seed=0):
        """Full-batch gradient descent. -> (params, running, history): history rows (step, training cost,
        validation cost, training accuracy, validation accuracy), measured in test mode after 0, `every`,
        2 `every`, ... steps and after the last one."""
        params = init_network(layer_dims, seed)
        running = {l: {"mean": np.zeros((n, 1)), "var": np.ones((n, 1))} for l, n in enumerate(layer_dims[1:-1], 1)}
        history = []

        def measure(step):
            row = [step]
            for data, labels in ((X, Y), (X_val, Y_val)):
                A_test = network_forward(data, params, batchnorm=batchnorm, running=running, train=False)[0]
                row += [cross_entropy(A_test, labels), float(np.mean((A_test > 0.5) == labels))]
            history.append((row[0], row[1], row[3], row[2], row[4]))

        for i in range(num_iterations):
            if i % every == 0:
                measure(i)
            AL, caches, new_running = network_forward(X, params, keep_prob, batchnorm, running, True, seed=i)
            running = new_running if batchnorm else running
            grads = network_backward(AL, Y, params, caches, keep_prob, batchnorm)
            # gamma<l>, beta<l> have gradients only with batch norm; without it they stay as they are
            params = {k: v - learning_rate * grads.get("d" + k, 0.0) for k, v in params.items()}
        measure(num_iterations)
        return params, running, np.array(history)
    '''),
    markdown(r"""
    Two runs from the same start, 2000 steps at learning rate 0.3: without dropout, and with `keep_prob = 0.5` in
    both hidden layers. On the left, the cost on the training set and on the validation set as training goes; in
    the middle and on the right, what each network predicts over the plane (training examples as dots).
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    X_train, Y_train = make_moons(80, seed=0)
    X_val, Y_val = make_moons(1000, seed=100)
    dims = [2, 64, 64, 1]
    runs = {}
    for keep_prob in (1.0, 0.5):
        params, _, history = train_network(X_train, Y_train, dims, 2000, 0.3, keep_prob=keep_prob,
                                           X_val=X_val, Y_val=Y_val, every=100)
        runs[keep_prob] = (params, history)
        i, train_cost, val_cost, train_acc, val_acc = history[-1]
        print(f"keep_prob {keep_prob}: at step 0 validation cost {history[0, 2]:.3f}; at the end training cost {train_cost:.3f} (accuracy {train_acc:.1%}), "
              f"validation cost {val_cost:.3f} (accuracy {val_acc:.1%}); lowest validation cost "
              f"{history[:, 2].min():.3f} at step {int(history[np.argmin(history[:, 2]), 0])}")
        A_val = network_forward(X_val, params, train=False)[0]
        missed = (A_val > 0.5) != Y_val
        print(f"    on the {missed.sum()} validation examples it gets wrong, the median probability it gives the "
              f"true class: {np.median(np.where(Y_val == 1, A_val, 1 - A_val)[missed]):.3f}")

    fig, axes = plt.subplots(1, 3, figsize=(14, 3.8))
    for keep_prob, color in ((1.0, "tab:red"), (0.5, "tab:blue")):
        history = runs[keep_prob][1]
        name = "no dropout" if keep_prob == 1 else f"dropout, keep_prob {keep_prob}"
        axes[0].plot(history[:, 0], history[:, 1], "--", color=color, label=f"{name}: training")
        axes[0].plot(history[:, 0], history[:, 2], "-", color=color, label=f"{name}: validation")
    axes[0].set(xlabel="step", ylabel="cross-entropy (test mode)", ylim=(0, None))
    axes[0].legend(fontsize=8)
    g1, g2 = np.meshgrid(np.linspace(-2, 3, 150), np.linspace(-1.8, 2.2, 150))
    grid = np.vstack([g1.ravel(), g2.ravel()])
    for ax, keep_prob in zip(axes[1:], (1.0, 0.5)):
        prob = network_forward(grid, runs[keep_prob][0], train=False)[0].reshape(g1.shape)
        ax.contourf(g1, g2, prob, levels=[0, 0.5, 1], colors=["#f4b6b6", "#b6cdf4"], alpha=0.8)
        ax.scatter(X_train[0], X_train[1], c=Y_train[0], cmap="bwr_r", s=12, edgecolors="k", linewidths=0.3)
        ax.set_title("no dropout" if keep_prob == 1 else f"dropout, keep_prob {keep_prob}", fontsize=10)
    plt.tight_layout()
    plt.show()
    """),
    markdown(r"""
    What the runs print and draw (the costs are measured every 100 steps): both start from a validation cost of
    about 1.13. Without dropout the training cost keeps falling, to about 0.11 (96% of the training examples
    right), while the validation cost is lowest early, about 0.34 at step 100, and then climbs (the solid red
    line) to 0.96 at the end: the network fits the noise of its 80 examples, and in the middle plot its regions
    reach out in a narrow tongue and an island around single training points. With dropout the training cost stays
    higher, about 0.19 (90% right), and the validation cost stays near its lowest, 0.40 at the end against 0.96;
    the validation accuracy ends about 2 points higher (85.0% against 82.6%). What dropout does not do here: its
    best validation cost, about 0.34, is no better than the plain network's at step 100, so stopping that one
    early would have done as well on this split; with dropout the result depends much less on when you stop. The
    cross-entropy shows the over-fitting more than the accuracy does, because the over-fitted network is
    confidently wrong on the validation examples it misses: the median probability it gives their true class is
    about 0.01, against about 0.4 with dropout. One split of 80 examples is noisy: change the seeds of
    `make_moons` and the sizes of the gains change.
    """),
    markdown(r"""
    ## 9.6 Batch normalisation in a deep network

    Now a deeper network, five hidden layers of 32 units, on 500 training examples (noise 0.2), with and without
    batch normalisation, measured in test mode (the batch-norm network with its running statistics). On the left
    both train at learning rate 0.1 for 400 steps, measured every 20 steps; on the right at learning rate 3, 30
    times larger, the batch-norm network for 400 steps again and the plain one for 20 steps, measured at every
    step.
    """),
    demo(r"""
    X_deep, Y_deep = make_moons(500, noise=0.2, seed=1)
    X_deep_val, Y_deep_val = make_moons(1000, noise=0.2, seed=101)
    deep = [2, 32, 32, 32, 32, 32, 1]
    deep_runs = {}
    for batchnorm in (False, True):
        deep_runs[batchnorm] = train_network(X_deep, Y_deep, deep, 400, 0.1, batchnorm=batchnorm,
                                             X_val=X_deep_val, Y_val=Y_deep_val, every=20)
    with np.errstate(all="ignore"):                  # the plain network at rate 3 overflows: that is the point
        fast_plain = train_network(X_deep, Y_deep, deep, 20, 3.0, X_val=X_deep_val, Y_val=Y_deep_val, every=1)[2]
        fast_bn = train_network(X_deep, Y_deep, deep, 400, 3.0, batchnorm=True, X_val=X_deep_val, Y_val=Y_deep_val,
                                every=20)[2]
    fig, (ax_slow, ax_fast) = plt.subplots(1, 2, figsize=(12, 3.6))
    for batchnorm, color in ((False, "tab:red"), (True, "tab:green")):
        history = deep_runs[batchnorm][2]
        name = "batch norm" if batchnorm else "no batch norm"
        ax_slow.semilogy(history[:, 0], history[:, 1], color=color, label=f"{name}: training cost")
        ax_slow.semilogy(history[:, 0], history[:, 2], ":", color=color, label=f"{name}: validation cost")
        for step in (100, 400):
            row = history[history[:, 0] == step][0]
            print(f"learning rate 0.1, {name:>13}, step {step}: training cost {row[1]:.3f}, validation cost "
                  f"{row[2]:.3f} (accuracy {row[4]:.1%})")
    first_nan = int(fast_plain[np.flatnonzero(np.isnan(fast_plain[:, 1]))[0], 0])
    print(f"learning rate 3,   no batch norm: training cost {fast_plain[0, 1]:.3f} at step 0, "
          f"{np.nanmax(fast_plain[:, 1]):.1f} at most, nan from step {first_nan} on (diverged)")
    for step in (100, 400):
        row = fast_bn[fast_bn[:, 0] == step][0]
        print(f"learning rate 3,      batch norm, step {step}: training cost {row[1]:.3f}, validation cost "
              f"{row[2]:.3f} (accuracy {row[4]:.1%})")
    ax_fast.semilogy(fast_plain[:first_nan, 0], fast_plain[:first_nan, 1], "o-", ms=3, color="tab:red",
                     label=f"no batch norm: training cost (nan from step {first_nan})")
    ax_fast.semilogy(fast_bn[:, 0], fast_bn[:, 1], color="tab:green", label="batch norm: training cost")
    ax_fast.semilogy(fast_bn[:, 0], fast_bn[:, 2], ":", color="tab:green", label="batch norm: validation cost")
    ax_slow.set(xlabel="step", ylabel="cross-entropy (test mode)", title="learning rate 0.1")
    ax_fast.set(xlabel="step", ylabel="cross-entropy (test mode)", title="learning rate 3")
    ax_slow.legend(fontsize=8)
    ax_fast.legend(fontsize=8)
    plt.show()
    """),
    markdown(r"""
    With batch normalisation the cost falls much faster at the same learning rate: after 100 steps its training
    cost is about 0.06 against about 0.21 without, and its validation cost about 0.09 against 0.21; the plain
    network's training cost after all 400 steps, 0.065, is still above that. The plain network's validation cost
    catches up later, and both end near 0.09 to 0.10 and 96% validation accuracy; the batch-norm network's
    validation cost crept up a little after step 100 while its training cost kept falling.

    At learning rate 3 the plain network blows up at once: its cost jumps from 0.80 to about 14 within a few steps
    and is `nan` from step 8 on. The batch-norm network trains at that rate about as well as at 0.1, if less
    smoothly (its cost spikes now and then and recovers): a training cost of about 0.04 after 400 steps and 96.6% of
    the validation examples right. That is the larger step batch normalisation allows: it undoes whatever scale a
    step gives a layer's weights (multiplying $W^{[l]}$ by any positive factor leaves the normalised $\hat Z^{[l]}$
    as it was, up to $\varepsilon$), so one large update cannot make the next layers' inputs explode. Here batch
    normalisation speeds training up and lets it take larger steps; it is not what regularises: the held-out gain
    in this notebook is dropout's.

    **Why test mode needs the running statistics.** In train mode an example's output depends on the others of
    its batch. Feed 200 validation examples one at a time in train mode, and every unit's $\hat z$ is 0 (a batch
    of one has $z = \mu$), so every example gets the same prediction:
    """),
    demo(r"""
    params, running, _ = deep_runs[True]
    X_few, Y_few = X_deep_val[:, :200], Y_deep_val[:, :200]  # the first 200 validation examples
    one_at_a_time = np.array([network_forward(X_few[:, j:j + 1], params, batchnorm=True, running=running)[0][0, 0]
                              for j in range(X_few.shape[1])])
    test_mode = network_forward(X_few, params, batchnorm=True, running=running, train=False)[0]
    print(f"train mode, one example at a time: {np.unique(np.round(one_at_a_time, 6)).size} distinct output(s), "
          f"accuracy {np.mean((one_at_a_time > 0.5) == Y_few[0]):.1%}")
    print(f"test mode, the running statistics: accuracy {np.mean((test_mode > 0.5) == Y_few):.1%}")
    """),
    markdown(r"""
    ## Summary

    * Inverted dropout multiplies by a random mask and divides by `keep_prob` while training, so that test time needs
      nothing; its backward pass applies the same mask and factor. It trades a higher training cost for a lower
      validation cost.
    * Batch normalisation standardises each unit over the batch, then scales by $\gamma$ and shifts by $\beta$. Its
      backward pass has two extra terms because $\mu$ and $\sigma$ depend on every example:
      $dZ = \frac{\gamma}{s}(\text{dout} - d\beta - \hat Z\, d\gamma)$.
    * A layer that behaves differently in training and at test time needs its mode passed explicitly; batch norm
      keeps running averages of its statistics for test time.
    * Over-fitting shows on held-out data only: keep a validation set that training never sees, and compare there.
    """),
]
