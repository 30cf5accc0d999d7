"""Notebook 8: optimisers. Gradient descent with momentum and Adam, written one step at a time, compared on a
narrow valley and on the regression network of notebooks 4 and 5, with a learning-rate sweep."""

import inspect
import textwrap

from authoring.cells import demo, markdown, provided, setup_imports, solution, tests
from autograder.reference.batches import PROVIDED_MODEL

# The regression network of notebooks 4 and 5: the reference's source, as in notebook 4's provided cell.
MODEL_SOURCE = "\n\n".join(textwrap.indent(inspect.getsource(fn), "    ") for fn in PROVIDED_MODEL)

CELLS = [
    markdown(r"""
    # 8. Optimisers: momentum and Adam

    Every network of this course so far was trained by plain gradient descent, $\theta \leftarrow \theta - \alpha\,
    d\theta$: one step along the current gradient, of a size set by one learning rate for every parameter. Two
    weaknesses show quickly. In a long narrow valley the gradient points mostly *across* the valley, so the steps
    zig-zag between its walls and crawl along its floor; and one learning rate cannot suit parameters whose
    gradients differ by orders of magnitude. This notebook writes the two standard remedies, one step at a time:

    * `momentum_step`: gradient descent with **momentum**, which steps along a running average of the gradients;
    * `initialize_adam` and `adam_step`: **Adam**, which also divides each parameter's step by a running measure
      of its gradient's size, with a correction for the averages' start at zero.

    Then you compare the three on a narrow valley and on the regression network of notebooks 4 and 5 (the tanh
    network whose backward pass you corrected in notebook 5), with a sweep over learning rates.

    **Points and time:** this notebook is worth **{NOTEBOOK_POINTS}** points of the course's **{COURSE_POINTS}**, and takes
    about **{NOTEBOOK_TIME}** (the whole course: about {COURSE_TIME}).

    **Conventions.** `parameters` is a dict `{"W1", "b1", ..., "WL", "bL"}` and `grads` the dict
    `{"dW1", "db1", ...}` of the same shapes, as in notebooks 3 to 6. An optimiser's memory between steps is its
    **state**, a dict too: for momentum the velocity, keyed like the gradients; for Adam `{"t", "m", "v"}`. A step
    returns the new parameters and the new state as **new dicts** and leaves its arguments unchanged, so that the
    caller decides what to keep.

    {GRADING_RULES}
    """, grade_id="intro"),
    setup_imports(),
    markdown(r"""
    ## 8.1 Momentum

    Momentum keeps a **velocity** $v$ per parameter, an exponentially weighted average of the gradients seen so
    far, and steps along it:

    $$v \leftarrow \beta\, v + (1 - \beta)\, d\theta, \qquad \theta \leftarrow \theta - \alpha\, v .$$

    With $\beta = 0.9$ the velocity averages roughly the last $1/(1-\beta) = 10$ gradients: the components that
    flip sign from step to step (across a valley) cancel out, those that keep their sign (along the valley)
    add up. The velocity starts at zero, so the first steps are short: $v = (1 - \beta)\, d\theta$ after one.

    Write `momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9)`. Compute the new velocity
    first, then step along it, for every parameter; return `(new_parameters, new_velocity)`.

    {RULES:momentum_step}
    """),
    solution("momentum_step", r'''
    def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
        """parameters {"W1", ...}, grads and velocity {"dW1", ...} -> (new_parameters, new_velocity), new dicts."""
        ### BEGIN SOLUTION
        new_parameters, new_velocity = {}, {}
        for name, value in parameters.items():
            d = "d" + name
            new_velocity[d] = beta * velocity[d] + (1 - beta) * grads[d]
            new_parameters[name] = value - learning_rate * new_velocity[d]
        return new_parameters, new_velocity
        ### END SOLUTION
    '''),
    tests("momentum_step", r"""
    p = {"b1": np.array([[0.5], [-1.0]]), "W1": np.array([[1.0, 2.0], [3.0, -4.0]])}
    g = {"dW1": np.array([[0.2, -0.4], [1.0, 0.0]]), "db1": np.array([[-1.0], [2.0]])}
    v = {"db1": np.array([[0.1], [0.1]]), "dW1": np.array([[1.0, -1.0], [0.0, 2.0]])}
    before = [{k: x.copy() for k, x in d.items()} for d in (p, g, v)]
    new_p, new_v = momentum_step(p, g, v, learning_rate=0.5, beta=0.8)
    # new velocity 0.8 v + 0.2 g, then the step along it
    expect_close("new velocity dW1", new_v["dW1"], [[0.84, -0.88], [0.2, 1.6]])
    expect_close("new velocity db1", new_v["db1"], [[-0.12], [0.48]])
    expect_close("new W1 (a step along the NEW velocity)", new_p["W1"], [[0.58, 2.44], [2.9, -4.8]])
    expect_close("new b1", new_p["b1"], [[0.56], [-1.24]])
    zero = {k: np.zeros_like(x) for k, x in v.items()}
    first_p, first_v = momentum_step(p, g, zero)                       # the defaults: 0.01 and 0.9
    expect_close("the first velocity from zeros, (1 - beta) * g", first_v["dW1"], 0.1 * g["dW1"])
    expect_close("W1 after a first step with the defaults", first_p["W1"], p["W1"] - 0.001 * g["dW1"])
    for original, after in zip(before, (p, g, v)):
        for k in original:
            assert np.array_equal(original[k], after[k]), f"momentum_step changed its argument's '{k}': return new dicts"
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 8.2 Adam

    Adam keeps two running averages per parameter: $m$, of the gradient (momentum's velocity), and $v$, of the
    *squared* gradient, a measure of the gradient's typical size. Each step divides by $\sqrt{v}$, so that every
    parameter moves by about the learning rate whatever the scale of its gradient:

    $$t \leftarrow t + 1, \quad m \leftarrow \beta_1 m + (1 - \beta_1)\, d\theta, \quad
      v \leftarrow \beta_2 v + (1 - \beta_2)\, d\theta^2, \quad
      \hat m = \frac{m}{1 - \beta_1^t}, \quad \hat v = \frac{v}{1 - \beta_2^t}, \quad
      \theta \leftarrow \theta - \alpha\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon} .$$

    **Bias correction.** Both averages start at zero, so early on they are too small: after one step
    $m = (1 - \beta_1)\, d\theta$, a tenth of the gradient with $\beta_1 = 0.9$, and $v$ a thousandth of its square with
    $\beta_2 = 0.999$. Dividing by $1 - \beta^t$ undoes exactly that: after one step $\hat m = d\theta$ and
    $\hat v = d\theta^2$, so the first step moves every parameter by $\alpha$ against its gradient's sign. As $t$
    grows, $\beta^t \to 0$ and the correction fades. Only the step uses $\hat m$, $\hat v$; the state keeps $m$, $v$.

    Adam's state is the dict `{"t": steps taken, "m": {...}, "v": {...}}`, with `m` and `v` keyed like the
    gradients. First write `initialize_adam(parameters)`: `t = 0` and zero moments.

    {RULES:initialize_adam}
    """),
    solution("initialize_adam", r'''
    def initialize_adam(parameters):
        """parameters {"W1", "b1", ...} -> {"t": 0, "m": {"dW1": zeros, ...}, "v": {"dW1": zeros, ...}}."""
        ### BEGIN SOLUTION
        m = {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
        v = {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
        return {"t": 0, "m": m, "v": v}
        ### END SOLUTION
    '''),
    tests("initialize_adam", r"""
    p = {"W2": np.ones((1, 3)), "W1": np.ones((3, 2)), "b1": np.ones((3, 1)), "b2": np.ones((1, 1))}
    state = initialize_adam(p)
    assert isinstance(state, dict) and set(state) == {"t", "m", "v"}, "the state is a dict of 't', 'm' and 'v'"
    assert state["t"] == 0, f"no step has been taken yet: t must be 0, got {state['t']}"
    for moment in ("m", "v"):
        assert set(state[moment]) == {"dW1", "db1", "dW2", "db2"}, (
            f"state['{moment}'] is keyed like the gradients ('dW1', ...), got {sorted(state[moment])}")
        for name, value in p.items():
            expect_close(f"state['{moment}']['d{name}']", state[moment]["d" + name], np.zeros(value.shape))
    assert state["m"]["dW1"] is not state["v"]["dW1"], "m and v must be two arrays, not the same one twice"
    print("Visible tests passed.")
    """),
    markdown(r"""
    Now `adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8)`, returning
    `(new_parameters, new_state)`. The visible test checks the first step (every parameter moves by the learning
    rate against its gradient's sign) and a later one.

    {RULES:adam_step}
    """),
    solution("adam_step", r'''
    def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        """-> (new_parameters, new_state {"t", "m", "v"}): one bias-corrected Adam step, new dicts."""
        ### BEGIN SOLUTION
        t = state["t"] + 1
        m, v, new_parameters = {}, {}, {}
        for name, value in parameters.items():
            d = "d" + name
            m[d] = beta1 * state["m"][d] + (1 - beta1) * grads[d]
            v[d] = beta2 * state["v"][d] + (1 - beta2) * grads[d] ** 2
            m_hat = m[d] / (1 - beta1**t)
            v_hat = v[d] / (1 - beta2**t)
            new_parameters[name] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
        return new_parameters, {"t": t, "m": m, "v": v}
        ### END SOLUTION
    '''),
    tests("adam_step", r"""
    p = {"W1": np.array([[1.0, -2.0, 0.5]]), "b1": np.array([[3.0]])}
    g = {"db1": np.array([[0.004]]), "dW1": np.array([[100.0, -0.5, 2.0]])}
    state = {"t": 0, "m": {"dW1": np.zeros((1, 3)), "db1": np.zeros((1, 1))},
             "v": {"dW1": np.zeros((1, 3)), "db1": np.zeros((1, 1))}}
    before = [{k: x.copy() for k, x in d.items()} for d in (p, g)] + [state["m"]["dW1"].copy()]
    new_p, new_state = adam_step(p, g, state, learning_rate=0.01)
    # the first step: m_hat = g and v_hat = g**2, so every entry moves by 0.01 against its gradient's sign
    expect_close("W1 after the first step", new_p["W1"], [[0.99, -1.99, 0.49]])
    expect_close("b1 after the first step", new_p["b1"], [[2.99]])
    assert new_state["t"] == 1, f"the new state's t is the step count, 1 after the first step; got {new_state['t']}"
    expect_close("m after the first step (not corrected)", new_state["m"]["dW1"], [[10.0, -0.05, 0.2]])
    expect_close("v after the first step (not corrected)", new_state["v"]["dW1"], [[10.0, 0.00025, 0.004]])
    later = {"t": 2, "m": {"dW1": np.array([[1.0, 0.0, -1.0]]), "db1": np.array([[0.5]])},
             "v": {"dW1": np.array([[4.0, 1.0, 0.25]]), "db1": np.array([[1.0]])}}
    p3, s3 = adam_step(p, g, later, learning_rate=0.1, beta1=0.5, beta2=0.75, epsilon=0.1)
    # t = 3: m = 0.5 m + 0.5 g, v = 0.75 v + 0.25 g**2, m_hat = m / 0.875, v_hat = v / (1 - 0.75**3)
    m = 0.5 * later["m"]["dW1"] + 0.5 * g["dW1"]
    v = 0.75 * later["v"]["dW1"] + 0.25 * g["dW1"] ** 2
    want = p["W1"] - 0.1 * (m / 0.875) / (np.sqrt(v / (1 - 0.75**3)) + 0.1)
    expect_close("W1 after a step at t = 3 with other hyperparameters", p3["W1"], want)
    assert s3["t"] == 3, f"t goes from 2 to 3; got {s3['t']}"
    for original, after in zip(before[:2], (p, g)):
        for k in original:
            assert np.array_equal(original[k], after[k]), f"adam_step changed its argument's '{k}': return new dicts"
    assert np.array_equal(before[2], state["m"]["dW1"]) and state["t"] == 0, (
        "adam_step changed the state it was given: build new dicts for m, v and t")
    print("Visible tests passed.")
    """),
    markdown(r"""
    ## 8.3 A narrow valley

    The cost $J(w_1, w_2) = \frac12 (100\, w_1^2 + w_2^2)$ is a valley 100 times more curved across ($w_1$) than
    along ($w_2$): its level curves are ellipses 10 times longer than wide, and at equal distances from the minimum
    the slope across is 100 times the slope along. Plain gradient descent must keep $\alpha < 2/100$ or it diverges
    across the valley, and with such a step it moves along the floor by only $\alpha w_2$ per step. Below, 60 steps
    of each optimiser from $(1, 1)$: plain descent at $\alpha = 0.019$, just below its limit, zig-zags across and
    still has about a third of the way to go along the floor; momentum tolerates a rate 5 times larger,
    $\alpha = 0.1$: it swings widely across the valley at first, but along the floor, where the gradient keeps its
    sign, its velocity builds up, and after 60 steps it is almost at $w_2 = 0$ (past it and back); Adam moves both
    coordinates by about the learning rate per step whatever their slopes, so its path is the diagonal, and it
    ends about 0.02 from the minimum in both. The cell prints, and the legend gives, where each ends.
    """),
    demo(r"""
    import matplotlib.pyplot as plt

    scale = np.array([[100.0, 1.0]])


    def valley_path(optimizer, learning_rate, steps=60):
        p = {"W1": np.array([[1.0, 1.0]])}
        state = initialize_adam(p) if optimizer == "Adam" else {"dW1": np.zeros((1, 2))}
        path = [p["W1"].ravel().copy()]
        for _ in range(steps):
            g = {"dW1": scale * p["W1"]}
            if optimizer == "gradient descent":
                p = {"W1": p["W1"] - learning_rate * g["dW1"]}
            elif optimizer == "momentum":
                p, state = momentum_step(p, g, state, learning_rate=learning_rate, beta=0.9)
            else:
                p, state = adam_step(p, g, state, learning_rate=learning_rate)
            path.append(p["W1"].ravel().copy())
        return np.array(path)


    w1, w2 = np.meshgrid(np.linspace(-1.2, 1.2, 200), np.linspace(-0.3, 1.2, 200))
    plt.figure(figsize=(7, 3.6))
    plt.contour(w1, w2, 0.5 * (100 * w1**2 + w2**2), levels=15, colors="lightgray")
    for optimizer, rate in (("gradient descent", 0.019), ("momentum", 0.1), ("Adam", 0.05)):
        path = valley_path(optimizer, rate)
        print(f"{optimizer:>16} (lr {rate}): ends at w1 = {path[-1, 0]:.3f}, w2 = {path[-1, 1]:.3f}")
        plt.plot(path[:, 0], path[:, 1], "o-", ms=2, lw=1,
                 label=f"{optimizer} (lr {rate}): ends at w1 = {path[-1, 0]:.3f}, w2 = {path[-1, 1]:.3f}")
    plt.xlabel("w1 (steep)")
    plt.ylabel("w2 (shallow)")
    plt.legend(fontsize=8)
    plt.show()
    """),
    markdown(r"""
    ## 8.4 On a network, and the learning-rate sweep

    The regression network of notebooks 4 and 5 (a tanh hidden layer of 16 units, a linear output, half the mean
    squared error) on 256 examples, trained full batch for 300 steps by each optimiser, at learning rates from
    $10^{-3}$ to $3$. The plot gives the final cost against the learning rate (a point missing means the cost
    became `nan` or `inf`: the run diverged). Each optimiser has its own good range, and the sweep is how you find
    it: here plain descent is best at 0.3 and diverges above it. Momentum ends almost where plain descent does up
    to 0.3 (when the gradient changes slowly, the velocity is about the gradient itself, so the steps are those of
    plain descent), but it stays stable far beyond: on a quadratic of curvature $\lambda$ up to
    $\alpha = 2(1 + \beta) / ((1 - \beta)\lambda)$, 19 times plain descent's limit $2/\lambda$ when $\beta = 0.9$,
    and here it is still improving at 3, the largest rate tried. Adam reaches the lowest cost, at 0.1, and gets
    worse above it, where its steps of about the learning rate per parameter are too coarse. The right plot follows
    each at its best rate.
    """),
    provided("provided_model", MODEL_SOURCE + r'''


    def make_wave(m, seed=0):
        """Toy regression data: X (2, m) uniform in [-2, 2]^2, Y (1, m) = sin(x1) * cos(x2) + a little noise."""
        rng = np.random.default_rng(seed)
        X = rng.uniform(-2, 2, (2, m))
        Y = (np.sin(X[0]) * np.cos(X[1]) + 0.05 * rng.standard_normal(m)).reshape(1, m)
        return X, Y


    def train_with(optimizer, X, Y, learning_rate, num_steps=300, seed=0):
        """Full-batch training of the regression network with "gradient descent", "momentum" or "Adam";
        returns the cost before each step."""
        params = net_init(X.shape[0], 16, seed=seed)
        state = initialize_adam(params) if optimizer == "Adam" else {"d" + k: np.zeros_like(v) for k, v in params.items()}
        costs = []
        for _ in range(num_steps):
            Yhat, cache = net_forward(X, params)
            costs.append(net_cost(Yhat, Y))
            grads = net_backward(X, Y, params, cache)
            if optimizer == "gradient descent":
                params = {k: v - learning_rate * grads["d" + k] for k, v in params.items()}
            elif optimizer == "momentum":
                params, state = momentum_step(params, grads, state, learning_rate=learning_rate)
            else:
                params, state = adam_step(params, grads, state, learning_rate=learning_rate)
        return costs
    '''),
    demo(r"""
    X, Y = make_wave(256, seed=1)
    rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
    fig, (ax_sweep, ax_curves) = plt.subplots(1, 2, figsize=(11, 3.6))
    best = {}
    with np.errstate(all="ignore"):                  # a diverging run overflows: that is what the sweep shows
        # plain descent and momentum end almost alike at small rates: markers of two sizes keep both visible
        for optimizer, style in (("gradient descent", "o-"), ("momentum", "s--"), ("Adam", "^-")):
            final = [train_with(optimizer, X, Y, rate)[-1] for rate in rates]
            final = np.where(np.isfinite(final), final, np.nan)
            ax_sweep.loglog(rates, final, style, ms=8 if optimizer == "gradient descent" else 5, label=optimizer)
            best[optimizer] = rates[int(np.nanargmin(final))]
            print(f"{optimizer:>16}: final cost {np.nanmin(final):.4f} at learning rate {best[optimizer]}")
        for optimizer, rate in best.items():
            ax_curves.semilogy(train_with(optimizer, X, Y, rate), label=f"{optimizer}, lr {rate}")
    ax_sweep.set(xlabel="learning rate", ylabel="cost after 300 steps")
    ax_curves.set(xlabel="step", ylabel="cost", title="each at its best learning rate")
    ax_sweep.legend(fontsize=8)
    ax_curves.legend(fontsize=8)
    plt.show()
    """),
    markdown(r"""
    ## Summary

    * Momentum steps along $v = \beta v + (1 - \beta)\, d\theta$, a running average of the gradients: oscillations
      across a valley cancel, progress along it accumulates.
    * Adam divides the averaged gradient $\hat m$ by $\sqrt{\hat v}$, the running size of the gradient, so each parameter
      moves by about the learning rate; the bias correction $1/(1 - \beta^t)$ makes the first steps full-sized.
    * An optimiser's state (velocity, moments, step count) is part of training: it goes from one step to the next.
    * The right learning rate depends on the optimiser: sweep it on a logarithmic grid before training for long.
    """),
]
