"""Notebook 4: processing many examples at once, mini-batches, and what backpropagation costs."""

import inspect
import textwrap

from authoring.cells import demo, markdown, provided, setup_imports, solution, tests
from autograder.reference.batches import PROVIDED_MODEL

# The provided model's cell is the reference's source (the checks execute the same functions into a submission).
MODEL_SOURCE = "\n\n".join(textwrap.indent(inspect.getsource(fn), "    ") for fn in PROVIDED_MODEL)

CELLS = [
    markdown(r"""
    # 4. Batches, and what backpropagation costs

    So far the network has processed all training examples at once. This notebook looks closer at that choice:

    * how one matrix product handles $m$ examples, and why the gradients carry a $\frac1m$ and a sum over columns;
    * why the gradient of a batch is exactly the **average of the per-example gradients** (you compute the
      per-example gradients and check it yourself);
    * **mini-batches**: cutting a shuffled data set into pieces, and **mini-batch gradient descent** over epochs,
      with a cost curve that shows the noise of each step (two exercises);
    * how much time and memory a forward and a backward pass need, measured against the formulas.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    The demonstrations use a small *provided* model that is not the network of notebook 3: a regression network
    with a tanh hidden layer, a linear output and the squared error. The ideas are the same for any network.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports("time"),
    markdown(r"""
    ## 4.1 The provided model

    $$Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = \tanh Z^{[1]},\quad \hat Y = W^{[2]} A^{[1]} + b^{[2]},\quad
      J = \frac{1}{2m} \sum_{i=1}^m \big(\hat y^{(i)} - y^{(i)}\big)^2 .$$

    Its backward pass uses the notation of notebook 3: $d\hat Y = \hat Y - Y$ and $dZ^{[1]}$ hold **per-example**
    gradients, one column per example ($d\hat Y$ is the derivative of each example's loss
    $\frac12(\hat y - y)^2$), and the $\frac1m$ of the mean is applied once, when $dW$ and $db$ are formed.
    """),
    provided("provided_model", MODEL_SOURCE + r'''


    def make_wave(m, seed=0):
        """Toy regression data: X (2, m) uniform in [-2, 2]^2, Y (1, m) = sin(x1) * cos(x2) + a little noise."""
        rng = np.random.default_rng(seed)
        X = rng.uniform(-2, 2, (2, m))
        Y = (np.sin(X[0]) * np.cos(X[1]) + 0.05 * rng.standard_normal(m)).reshape(1, m)
        return X, Y


    def median_times(functions, repeat=9):
        """Seconds of CPU time of each fn() in `functions`: the median of `repeat` rounds, each round calling every
        function once. time.thread_time() counts only the work of this notebook's own thread: it leaves out the
        moments when another program holds the processor, and the waits for the helper threads of a multi-threaded
        linear-algebra library (whose share of a large product it does not count either). Interleaving the calls
        and taking medians keeps a busy moment from distorting one figure more than the others."""
        times = [[] for _ in functions]
        for _ in range(repeat):
            for fn, record in zip(functions, times):
                start = time.thread_time()
                fn()
                record.append(time.thread_time() - start)
        return [float(np.median(record)) for record in times]
    '''),
    markdown(r"""
    ## 4.2 Vectorising over the examples

    For one example $x$ (a column of shape $(n_x, 1)$), the hidden layer computes $W^{[1]} x + b^{[1]}$. Putting
    $m$ examples side by side as the columns of $X$ turns $m$ matrix-vector products into **one** matrix-matrix
    product, $W^{[1]} X$, whose column $i$ is exactly $W^{[1]} x^{(i)}$. The bias is broadcast to every column.
    Every later step (activations, the next layer, the gradients) then works on all columns at once.

    The result is the same; the speed is not. NumPy hands the whole product to optimised linear algebra code
    instead of running a Python loop:
    """),
    demo(r"""
    params = net_init(n_x=2, n_h=32, seed=0)
    X, Y = make_wave(2000, seed=0)

    looped = np.hstack([net_forward(X[:, i:i + 1], params)[0] for i in range(X.shape[1])])
    vectorised, _ = net_forward(X, params)
    print(f"same predictions: {np.allclose(looped, vectorised)}")

    t_loop, t_vec = median_times([lambda: [net_forward(X[:, i:i + 1], params) for i in range(X.shape[1])],
                                  lambda: net_forward(X, params)], repeat=5)
    print(f"loop over 2000 columns: {t_loop * 1e3:.1f} ms, one matrix product: {t_vec * 1e3:.2f} ms (median CPU times)")
    """),
    markdown(r"""
    ## 4.3 Averaging: $\frac1m$, sums over columns, and `keepdims`

    With $m$ columns, $dZ^{[l]}$ holds one column of per-example gradients $\partial \mathcal{L}^{(i)}/\partial z^{[l]}$
    per example. The cost is the **mean** of the per-example losses, and differentiation is linear, so

    $$\frac{\partial J}{\partial W^{[l]}} = \frac1m \sum_{i=1}^m \frac{\partial \mathcal{L}^{(i)}}{\partial W^{[l]}}
      = \frac1m\, dZ^{[l]} A^{[l-1]T}, \qquad
      \frac{\partial J}{\partial b^{[l]}} = \frac1m \sum_{i=1}^m dZ^{[l](i)} .$$

    The matrix product $dZ\,A^T$ adds up the $m$ outer products $dz^{(i)} a^{(i)T}$ for you: that is where the sum
    over examples hides. The bias has no such product, so you sum the columns yourself:
    `np.sum(dZ, axis=1, keepdims=True)`. Forgetting `keepdims=True` gives shape `(n,)` instead of `(n, 1)`, and
    NumPy's broadcasting then silently turns `b - lr * db` into an `(n, n)` matrix:
    """),
    demo(r"""
    b = np.zeros((3, 1))
    dZ = np.arange(12.0).reshape(3, 4)
    db_good = np.sum(dZ, axis=1, keepdims=True) / 4
    db_bad = np.sum(dZ, axis=1) / 4
    print("with keepdims   :", db_good.shape, "-> b after a step has shape", (b - 0.1 * db_good).shape)
    print("without keepdims:", db_bad.shape, " -> b after a step has shape", (b - 0.1 * db_bad).shape, "(wrong!)")
    """),
    markdown(r"""
    ### The batch gradient is the mean of the per-example gradients

    You can check the formula directly: compute the gradient of the whole batch in one backward pass, then the
    gradient of each example on its own (a batch of one) and average them.

    Write `per_example_gradients(X, Y, params)`: for every example $i$, run `net_forward` and `net_backward` of the
    provided model on column $i$ alone, and return a dict with the same keys as `net_backward`'s
    (`"dW1"`, `"db1"`, `"dW2"`, `"db2"`) whose values stack the $m$ gradients along a new **first** axis: entry
    `[i]` is example $i$'s gradient, so `dW1` has shape $(m, n_h, n_x)$. Take the column with a slice,
    `X[:, i:i+1]`, which keeps the shape $(n_x, 1)$; `X[:, i]` has shape $(n_x,)$, and the bias would then be
    broadcast into a matrix. `np.stack(list_of_arrays)` stacks along a new first axis.

    {RULES:per_example_gradients}
    """),
    solution("per_example_gradients", r'''
    def per_example_gradients(X, Y, params):
        """The gradients of the provided model for each example on its own.

        X: (n_x, m), Y: (1, m). Returns {"dW1": (m, n_h, n_x), "db1": (m, n_h, 1), "dW2": (m, 1, n_h),
        "db2": (m, 1, 1)}: entry [i] of each array is the gradient of example i alone.
        """
        ### BEGIN SOLUTION
        gradients = []
        for i in range(X.shape[1]):
            x, y = X[:, i:i + 1], Y[:, i:i + 1]
            _, cache = net_forward(x, params)
            gradients.append(net_backward(x, y, params, cache))
        return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
        ### END SOLUTION
    '''),
    tests("per_example_gradients", r"""
    # Visible test: 5 examples of a network with 3 inputs and 4 hidden units.
    X, Y = make_wave(5, seed=7)
    X = np.vstack([X, X[:1] * X[1:]])                          # a third feature
    params = net_init(n_x=3, n_h=4, seed=7)
    X_before, params_before = X.copy(), {k: v.copy() for k, v in params.items()}
    per = per_example_gradients(X, Y, params)
    assert isinstance(per, dict) and sorted(per) == ["dW1", "dW2", "db1", "db2"], (
        f"return a dict with the keys of net_backward (dW1, db1, dW2, db2), got {per if not isinstance(per, dict) else sorted(per)}")
    shapes = {k: np.shape(v) for k, v in per.items()}
    assert shapes == {"dW1": (5, 4, 3), "db1": (5, 4, 1), "dW2": (5, 1, 4), "db2": (5, 1, 1)}, (
        f"stack the 5 gradients along a first axis: expected dW1 (5, 4, 3), db1 (5, 4, 1), dW2 (5, 1, 4), db2 (5, 1, 1), "
        f"got {shapes}")
    x, y = X[:, 2:3], Y[:, 2:3]
    third = net_backward(x, y, params, net_forward(x, params)[1])
    for name in third:
        expect_close(f"{name}[2] (the gradient of example 2 alone)", per[name][2], third[name])
    assert np.array_equal(X, X_before) and all(np.array_equal(params[k], params_before[k]) for k in params), (
        "X and params must not be modified")
    print("Visible tests passed.")
    """),
    demo(r"""
    # The mean of your per-example gradients against the gradient of the whole batch.
    X, Y = make_wave(50, seed=1)
    params = net_init(n_x=2, n_h=8, seed=1)
    full = net_backward(X, Y, params, net_forward(X, params)[1])
    per = per_example_gradients(X, Y, params)
    for name in full:
        gap = np.max(np.abs(full[name] - per[name].mean(axis=0)))
        spread = np.max(np.abs(per[name] - full[name]))
        print(f"{name}: full batch vs mean of per-example: {gap:.1e}   (one example differs by up to {spread:.2f})")
    """),
    markdown(r"""
    ## 4.4 Mini-batches

    A full-batch gradient step touches every example; with a million examples each step is slow. At the other
    extreme, *stochastic* gradient descent uses one example per step: cheap, but noisy, and it wastes the speed of
    vectorisation. **Mini-batch** gradient descent sits in between: shuffle the data, cut it into batches of, say,
    64 columns, and take one step per batch. Each batch gradient is an unbiased estimate of the full gradient (an
    average over a random sample), and one pass over all the batches is called an **epoch**.

    Two details matter:

    * shuffle the columns of `X` and `Y` with the **same** permutation, or the examples lose their labels;
    * when $m$ is not a multiple of the batch size, the last batch is smaller; no example is dropped or repeated.

    Write `random_mini_batches(X, Y, mini_batch_size=64, seed=0)`, returning a list of `(X_batch, Y_batch)` pairs.
    For example `np.random.default_rng(seed)` and its `permutation` method (any generator seeded with `seed` is
    fine: the grader checks the partition, the pairs and the seed's effect, not which permutation you draw); index
    columns with `X[:, permutation]`.

    {RULES:random_mini_batches}
    """),
    solution("random_mini_batches", r'''
    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        """Shuffle the columns of X and Y together and cut them into mini-batches.

        X: (n_x, m), Y: (n_y, m). Returns a list of (X_batch (n_x, b), Y_batch (n_y, b)) where b = mini_batch_size,
        except a smaller last batch when m is not a multiple of mini_batch_size.
        """
        ### BEGIN SOLUTION
        m = X.shape[1]
        rng = np.random.default_rng(seed)
        permutation = rng.permutation(m)
        X_shuffled = X[:, permutation]
        Y_shuffled = Y[:, permutation]
        mini_batches = []
        for start in range(0, m, mini_batch_size):
            end = start + mini_batch_size
            mini_batches.append((X_shuffled[:, start:end], Y_shuffled[:, start:end]))
        return mini_batches
        ### END SOLUTION
    '''),
    tests("random_mini_batches", r"""
    # Visible test: 10 labelled columns cut into batches of 4.
    X = np.vstack([np.arange(10.0), 10 + np.arange(10.0)])     # column i is (i, 10 + i)
    Y = np.arange(10.0).reshape(1, 10) * 100                   # the label of column i is 100 * i
    X_before, Y_before = X.copy(), Y.copy()
    batches = random_mini_batches(X, Y, mini_batch_size=4, seed=3)
    assert isinstance(batches, (list, tuple)), f"random_mini_batches should return a list, got {type(batches)}"
    sizes = [np.shape(xb)[1] for xb, _ in batches]
    assert sizes == [4, 4, 2], f"with m = 10 and mini_batch_size = 4 the batch sizes should be [4, 4, 2], got {sizes}"
    for k, (xb, yb) in enumerate(batches):
        assert np.shape(xb)[0] == 2 and np.shape(yb) == (1, np.shape(xb)[1]), (
            f"batch {k}: X_batch has shape {np.shape(xb)} and Y_batch {np.shape(yb)}; keep the rows, cut the columns")
        assert np.array_equal(yb[0], xb[0] * 100) and np.array_equal(xb[1], xb[0] + 10), (
            f"batch {k}: some columns lost their label or were scrambled; shuffle X and Y with the same permutation")
    order = np.concatenate([xb[0] for xb, _ in batches])
    assert sorted(order) == list(range(10)), f"every example must appear exactly once; got columns {order.tolist()}"
    assert not np.array_equal(order, np.arange(10)), "the columns should be shuffled before cutting"
    assert np.array_equal(X, X_before) and np.array_equal(Y, Y_before), "X and Y must not be modified"
    assert [np.shape(xb)[1] for xb, _ in random_mini_batches(X, Y, mini_batch_size=5)] == [5, 5], (
        "when m is a multiple of mini_batch_size there must be no extra (empty) batch")
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### Mini-batch gradient descent

    Now train with them. One **epoch** is one pass over all the batches; each epoch reshuffles, so that the
    batches differ from one epoch to the next. Write
    `mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0)`
    for the provided model, following exactly this protocol (the grader compares your parameters and costs with
    its own, step by step):

    * work on a copy of `params` (`{name: value.copy() for name, value in params.items()}`): the caller's
      parameters stay as they were;
    * for `epoch` in `range(num_epochs)`, cut `random_mini_batches(X, Y, mini_batch_size, seed + epoch)` (your
      function above);
    * for each batch in that order: `net_forward` on the batch, append `net_cost` of the batch to the list of
      costs (the cost *before* the step), `net_backward`, then one step `W = W - learning_rate * dW` on every
      parameter;
    * return `(params, costs)`: the trained parameters and the list of one cost per step, `num_epochs` times the
      number of batches in all.

    {RULES:mini_batch_gradient_descent}
    """),
    solution("mini_batch_gradient_descent", r'''
    def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
        """Train the provided model with mini-batch gradient descent.

        Epoch e shuffles with random_mini_batches(X, Y, mini_batch_size, seed + e); each step records the cost of
        its batch (before the step), then updates every parameter. Returns (params, costs), costs a list of
        floats with one entry per step. The caller's params are not modified.
        """
        ### BEGIN SOLUTION
        params = {name: value.copy() for name, value in params.items()}
        costs = []
        for epoch in range(num_epochs):
            for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):
                Yhat, cache = net_forward(X_batch, params)
                costs.append(net_cost(Yhat, Y_batch))
                grads = net_backward(X_batch, Y_batch, params, cache)
                params = {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
        return params, costs
        ### END SOLUTION
    '''),
    tests("mini_batch_gradient_descent", r"""
    # Visible test: 2 epochs over 10 examples in batches of 4 (4 + 4 + 2): 6 steps.
    X, Y = make_wave(10, seed=5)
    start = net_init(n_x=2, n_h=3, seed=5)
    start_before = {k: v.copy() for k, v in start.items()}
    out = mini_batch_gradient_descent(X, Y, start, learning_rate=0.5, num_epochs=2, mini_batch_size=4, seed=11)
    assert isinstance(out, tuple) and len(out) == 2, "return a tuple (params, costs)"
    params, costs = out
    assert len(costs) == 6, f"2 epochs of 3 batches are 6 steps: expected 6 costs (one per step), got {len(costs)}"
    # the first step by hand: batch 0 of epoch 0 (seed 11 + 0), its cost before the step, then the update
    X0, Y0 = random_mini_batches(X, Y, 4, 11)[0]
    Yhat0, cache0 = net_forward(X0, start)
    expect_close("costs[0] (the cost of the first batch, before its step)", costs[0], net_cost(Yhat0, Y0))
    # epoch 1 reshuffles: its first batch is cut with seed 11 + 1, from the parameters after epoch 0
    after_epoch0, _ = mini_batch_gradient_descent(X, Y, start, learning_rate=0.5, num_epochs=1, mini_batch_size=4,
                                                  seed=11)
    X3, Y3 = random_mini_batches(X, Y, 4, 12)[0]
    expect_close("costs[3] (the first batch of epoch 1, cut with seed + 1)", costs[3],
                 net_cost(net_forward(X3, after_epoch0)[0], Y3))
    for name in start:
        assert np.array_equal(start[name], start_before[name]), "the caller's params must not be modified: work on a copy"
        assert np.shape(params[name]) == np.shape(start[name]), f"{name} should keep its shape {np.shape(start[name])}"
    one_step, _ = mini_batch_gradient_descent(X, Y, start, learning_rate=0.5, num_epochs=1, mini_batch_size=10, seed=0)
    full = net_backward(X, Y, start, net_forward(X, start)[1])
    for name in start:  # one batch of all 10 examples and one epoch: a single full-batch step
        expect_close(f"{name} after one full-batch step", one_step[name], start[name] - 0.5 * full["d" + name])
    print("Visible tests passed.")
    """),
    markdown(r"""
    ### Batch size and the noise of the steps

    Your function on 512 examples, for 20 epochs, with three batch sizes. The left plot shows the cost of every
    step: small batches give many cheap, noisy steps (each batch's cost is an estimate from a few examples); the
    full batch gives one smooth step per epoch (the dots: 20 steps in all, against 640 for batches of 16). The
    right plot compares them per epoch, by the cost on all 512 examples at the end of each epoch.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    X, Y = make_wave(512, seed=2)
    fig, (ax_steps, ax_epochs) = plt.subplots(1, 2, figsize=(10, 3.2))
    for batch_size, style in ((16, dict(lw=0.6)), (128, dict(lw=1.0)), (512, dict(lw=1.5, marker="o", ms=4))):
        params = net_init(n_x=2, n_h=16, seed=0)
        epoch_costs, steps_at, steps_cost = [], [], []
        for epoch in range(20):  # one epoch at a time, to measure the cost on all the data after each
            params, step_costs = mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=1,
                                                             mini_batch_size=batch_size, seed=epoch)
            steps_at.extend(np.linspace(epoch, epoch + 1, len(step_costs), endpoint=False))
            steps_cost.extend(step_costs)
            epoch_costs.append(net_cost(net_forward(X, params)[0], Y))
        # one line per batch size; the full batch has one step per epoch, so its 20 steps are drawn as dots
        ax_steps.plot(steps_at, steps_cost, label=f"batch size {batch_size} ({len(steps_cost)} steps)", **style)
        ax_epochs.plot(range(1, 21), epoch_costs, "o-", ms=3, label=f"batch size {batch_size}")
    ax_steps.set(xlabel="epoch", ylabel="cost of each step's batch", yscale="log")
    ax_epochs.set(xlabel="epoch", ylabel="cost on all 512 examples", yscale="log")
    ax_steps.legend()
    ax_epochs.legend()
    plt.show()
    """),
    markdown(r"""
    ## 4.5 Time complexity

    Let $W$ be the total number of weights. A forward pass does one multiply-add per weight per example: layer $l$
    costs about $n^{[l]} n^{[l-1]}$ operations per example, $O(W)$ in total (the activations add only
    $O(\sum_l n^{[l]})$, much less).

    The backward pass of a layer does **two** products of the same size: $dZ\,A^{T}$ for the weight gradient and
    $W^T dZ$ for the signal sent further back (the elementwise derivatives are again cheap). The first layer can
    skip the second product, since nothing below the input needs a gradient. So the backward pass is also $O(W)$,
    up to about twice the forward pass, and the total per iteration is $O(W)$ per example: a gradient costs a
    small constant times as much as a prediction. Compare that with finite differences (notebook 5), which
    need two forward passes *per weight*, $O(W^2)$.

    Below we time both passes of the provided model for growing hidden layers, on a fixed batch of 128 examples
    with 16 features, and plot the medians. Count first: nearly all of its weights are in `W1`, and the first layer
    is the one that skips $W^T dZ$, so both passes do about one product of `W1`'s size; the backward pass adds
    more elementwise work and makes more NumPy calls. So expect backward to take between 1 and about 2.5 times as
    long as forward (nearer 2 for the smallest layers, where the fixed cost of each NumPy call weighs most), and
    times that grow much more slowly than the number of weights for the smallest layers, where that fixed cost
    dominates, and nearly in proportion to it for the largest (the dotted line).

    The figures are medians of the CPU time of interleaved runs (`median_times` above). The layers are kept small
    enough that the linear-algebra library does each product on one thread: with several threads a product waits
    for all of them, and on a busy machine that wait can last far longer than the product. Your figures will
    differ with the machine, but not their order of magnitude.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    X, Y = make_wave(128, seed=3)
    X = np.vstack([X] * 8)                               # 16 input features
    sizes = (16, 32, 64, 128)
    nets = [net_init(n_x=X.shape[0], n_h=n_h, seed=0) for n_h in sizes]
    caches = [net_forward(X, params)[1] for params in nets]
    times = median_times([lambda p=params: net_forward(X, p) for params in nets]
                         + [lambda p=params, c=cache: net_backward(X, Y, p, c) for params, cache in zip(nets, caches)],
                         repeat=15)
    t_forward, t_backward = np.array(times[:len(sizes)]), np.array(times[len(sizes):])
    n_weights = [params["W1"].size + params["W2"].size for params in nets]
    print(" n_h   weights   forward (ms)   backward (ms)   backward / forward   (median CPU times of 15 runs)")
    for n_h, n, t_f, t_b in zip(sizes, n_weights, t_forward, t_backward):
        print(f"{n_h:4d} {n:9d} {t_f * 1e3:12.3f} {t_b * 1e3:15.3f} {t_b / t_f:16.1f}")

    plt.figure(figsize=(5, 3.2))
    plt.loglog(n_weights, t_forward * 1e3, "o-", label="forward")
    plt.loglog(n_weights, t_backward * 1e3, "o-", label="backward")
    plt.loglog(n_weights, np.array(n_weights) * (t_forward[-1] * 1e3 / n_weights[-1]), "k:", label="proportional")
    plt.xticks(n_weights, [str(n) for n in n_weights])
    plt.tick_params(axis="x", which="minor", bottom=False, labelbottom=False)
    plt.xlabel("number of weights")
    plt.ylabel("median time (ms)")
    plt.legend()
    plt.show()
    """),
    markdown(r"""
    ## 4.6 Memory complexity

    The backward pass needs the cache: for every layer, $Z^{[l]}$ and $A^{[l]}$, each of shape $(n^{[l]}, m)$. The
    memory is therefore $O(\sum_l n^{[l]} \cdot m)$: it grows **linearly with the batch size** $m$, on top of the
    parameters themselves (which do not depend on $m$). In float64, each number takes 8 bytes.

    That is the trade-off of batch size. A larger batch shares the fixed cost of every NumPy call among more
    examples, so the time per example falls steeply from $m = 1$ to a few hundred. Beyond that it levels off, and
    on some machines it rises again for large batches (where and why depends on the machine: memory traffic, or
    the linear-algebra library switching to several threads). Meanwhile the cache grows in proportion to $m$.
    Both, measured (times are medians of the CPU time of interleaved runs):
    """),
    demo(r"""
    params = net_init(n_x=2, n_h=64, seed=0)
    batch_sizes = (1, 16, 256, 1024)
    data = [make_wave(m, seed=4) for m in batch_sizes]
    times = median_times([lambda X=X, Y=Y: net_backward(X, Y, params, net_forward(X, params)[1]) for X, Y in data],
                         repeat=15)
    print("    m   cache bytes   formula 8*m*(2*n_h + 1)   time per example (us)")
    for m, (X, Y), t in zip(batch_sizes, data, times):
        measured = sum(array.nbytes for array in net_forward(X, params)[1].values())
        formula = 8 * m * (2 * 64 + 1)                 # Z1 and A1: (64, m) each; Yhat: (1, m)
        print(f"{m:5d} {measured:13d} {formula:25d} {t / m * 1e6:23.2f}")
    """),
    markdown(r"""
    ## Summary

    * Examples as columns turn loops into matrix products; the sums over examples hide inside $dZ\,A^T$, and the
      bias gradient needs an explicit `np.sum(..., axis=1, keepdims=True)`.
    * The gradient of a mean cost is the mean of the per-example gradients: the $\frac1m$.
    * Mini-batches: shuffle columns of `X` and `Y` together, cut into pieces, one step per piece.
    * A backward pass does at most about twice the arithmetic of a forward pass ($O(W)$ per example each); the cache
      it needs grows linearly with the batch size.
    """),
]
