"""The 2-layer network of the course, its L-layer generalisation, and tools to watch gradients.

Convention: examples are columns. ``X: (n_x, m)``, ``Y: (1, m)`` labels in {0, 1} (or ``(K, m)`` one-hot
for a softmax output), ``W<l>: (n_l, n_{l-1})``, ``b<l>: (n_l, 1)``, everything float64.

The 2-layer network (input -> ReLU hidden layer -> sigmoid output, binary cross-entropy) is what the
students write: ``initialize_parameters``, ``forward_propagation``, ``compute_cost``,
``backward_propagation``, ``update_parameters``, ``train``. Those functions are self-contained (only
``np`` and other student functions by bare name), so the grader can ship their source into a sandbox.

The L-layer version (``initialize_deep``, ``deep_forward``, ``deep_backward``, ``train_deep``) runs the
syllabus' loop ``for l = L down to 1`` for any depth and any hidden activation; ``clip_gradients``,
``gradient_stats`` and ``weight_gradient_norms`` are what the course uses to show vanishing and
exploding gradients.
"""

import numpy as np

from autograder.reference.activations import (
    binary_cross_entropy,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    softmax_cross_entropy,
    tanh_derivative,
)

# ---------------------------------------------------------------------------------------------------
# The 2-layer network (graded).


def initialize_parameters(layer_dims, seed=0, scale=0.01):
    """Small random weights and zero biases for the layer sizes ``[n_0, n_1, ..., n_L]``.

    layer_dims: list of L+1 ints -> {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.
    W<l> ~ N(0, scale^2): random so the hidden units differ (equal weights would stay equal forever),
    small so the sigmoid output starts near 0.5 where its gradient is largest. b<l> = 0.
    """
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """Forward pass of the 2-layer network: Z1 = W1 X + b1, A1 = relu(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2).

    X: (n_x, m), parameters: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    -> (A2: (n_y, m), cache: {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}).
    """
    Z1 = parameters["W1"] @ X
    Z1 += parameters["b1"]  # in place: Z1 is a fresh array, this saves allocating an (n_h, m) copy
    A1 = relu(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """Mean binary cross-entropy: J = -(1/m) sum [Y log A2 + (1 - Y) log(1 - A2)], as a Python float.

    A2: (1, m) probabilities, Y: (1, m) labels -> float.
    A2 is clipped to [1e-15, 1 - 1e-15] so a saturated output gives a large finite cost, not inf/nan;
    this is activations.binary_cross_entropy written out, because graded functions must be self-contained.
    """
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward_propagation(X, Y, parameters, cache):
    """Gradients of compute_cost for the 2-layer network, averaged over the m examples.

    X: (n_x, m), Y: (n_y, m), parameters: W1 (n_h, n_x), W2 (n_y, n_h), ..., cache: from forward_propagation
    -> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (n_y, n_h), "db2": (n_y, 1)}.
    dZ2 = A2 - Y per example (sigmoid and cross-entropy cancel), dZ1 = W2^T dZ2 * relu'(Z1); the course's
    convention: the 1/m of the mean is applied once, in dW = dZ A_prev^T / m and db = row sums of dZ / m.
    """
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = parameters["W2"].T @ dZ2
    dZ1 *= relu_derivative(cache["Z1"])  # in place: dZ1 is a fresh array
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, gradients, learning_rate):
    """One step of gradient descent: theta <- theta - learning_rate * d theta, for every W<l>, b<l>.

    parameters: {"W1", "b1", ...}, gradients: {"dW1", "db1", ...} of the same shapes -> ``parameters``,
    with each entry rebound to its new array. The dict is updated in place and also returned, so a
    training loop works whether it writes ``parameters = update_parameters(...)`` or ignores the result
    (both styles are correct for students, and the grader provides this function to their ``train``).
    The old arrays themselves are not overwritten: a caller holding them can still compare.
    """
    for name in parameters:
        parameters[name] = parameters[name] - learning_rate * gradients["d" + name]
    return parameters


def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, seed=0, init_scale=1.0,
          print_cost=False, print_every=1000, cost_history=None):
    """Full-batch gradient descent on the 2-layer network; returns the trained parameters.

    X: (n_x, m), Y: (1, m), layer_dims: [n_x, n_h, 1] -> {"W1", "b1", "W2", "b2"}.
    Each iteration: forward, cost, backward, update. Pass a list as ``cost_history`` to have the cost of
    every iteration appended to it (the cost before that iteration's update).
    Why init_scale=1.0 and not initialize_parameters' 0.01: from 0.01 the ReLU units of a small net tend
    to line up in one direction and stall (8 units on noisy moons stop near 89% accuracy); from 1.0 the
    same net reaches about 97% in 2000 steps of 0.5.
    """
    parameters = initialize_parameters(layer_dims, seed=seed, scale=init_scale)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        if cost_history is not None:
            cost_history.append(cost)
        if print_cost and i % print_every == 0:
            print(f"cost after iteration {i}: {cost:.6f}")
        gradients = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, gradients, learning_rate)
    return parameters


def train_with_history(X, Y, layer_dims, **kwargs):
    """``train`` that also returns the cost of every iteration: (parameters, costs: list of floats)."""
    costs = []
    parameters = train(X, Y, layer_dims, cost_history=costs, **kwargs)
    return parameters, costs


# ---------------------------------------------------------------------------------------------------
# The L-layer network: the same algorithm for any depth and hidden activation.

# name -> (activation g(z), its derivative dg/dz from the cached (z, a)). ReLU-like derivatives need z,
# sigmoid and tanh are cheapest from a.
_HIDDEN = {
    "relu": (relu, lambda Z, A: relu_derivative(Z)),
    "leaky_relu": (leaky_relu, lambda Z, A: leaky_relu_derivative(Z)),
    "tanh": (np.tanh, lambda Z, A: tanh_derivative(A)),
    "sigmoid": (sigmoid, lambda Z, A: sigmoid_derivative(A)),
}
_OUTPUT = {"sigmoid": sigmoid, "softmax": softmax}


def _check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(f"{name}={value!r} is not one of {sorted(choices)}; pick one of those")


def initialize_deep(layer_dims, scheme="he", seed=0):
    """Random weights and zero biases for ``layer_dims = [n_0, ..., n_L]`` with a chosen scale.

    layer_dims: list of L+1 ints, scheme: "small" (std 0.01), "xavier" (std sqrt(1/n_{l-1})), "he"
    (std sqrt(2/n_{l-1})) or a float (that std for every layer) -> {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    Xavier keeps the variance of tanh/sigmoid layers steady, He that of ReLU layers (which zero half their
    inputs); a fixed large std makes gradients explode in a deep net, a small one makes them vanish.
    """
    if not isinstance(scheme, (int, float)):
        _check_choice("scheme", scheme, {"small", "xavier", "he"})
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev = layer_dims[l - 1]
        std = {"small": 0.01, "xavier": np.sqrt(1 / n_prev), "he": np.sqrt(2 / n_prev)}.get(scheme, scheme)
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], n_prev)) * std
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def deep_forward(X, parameters, hidden="relu", output="sigmoid"):
    """Forward pass of an L-layer network: Z<l> = W<l> A<l-1> + b<l>, A<l> = g(Z<l>), A0 = X.

    X: (n_0, m), parameters: W<l> (n_l, n_{l-1}), b<l> (n_l, 1) for l = 1..L; hidden: "relu", "leaky_relu",
    "tanh" or "sigmoid" for layers 1..L-1; output: "sigmoid" or "softmax" for layer L
    -> (AL: (n_L, m), caches: list of L dicts {"A_prev": (n_{l-1}, m), "Z": (n_l, m), "A": (n_l, m)}).
    """
    _check_choice("hidden", hidden, _HIDDEN)
    _check_choice("output", output, _OUTPUT)
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        g = _HIDDEN[hidden][0] if l < L else _OUTPUT[output]
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        caches.append({"A_prev": A, "Z": Z, "A": g(Z)})
        A = caches[-1]["A"]
    return A, caches


def deep_cost(AL, Y, output="sigmoid"):
    """Mean cross-entropy of the output AL: binary for a sigmoid output, categorical for softmax.

    AL: (n_L, m) probabilities, Y: (n_L, m) labels (one-hot for softmax) -> float.
    """
    _check_choice("output", output, _OUTPUT)
    if output == "sigmoid":
        return binary_cross_entropy(AL, Y)
    # log of probabilities that were computed stably; clip only guards an exact 0.
    return float(-np.sum(Y * np.log(np.clip(AL, 1e-300, None))) / Y.shape[1])


def deep_backward(Y, parameters, caches, hidden="relu"):
    """Backward pass of an L-layer network, ``for l = L down to 1``, gradients averaged over m.

    Y: (n_L, m), parameters: W<l> (n_l, n_{l-1}), caches: from deep_forward, hidden: as in deep_forward
    -> {"dW<l>": (n_l, n_{l-1}), "db<l>": (n_l, 1) for l = 1..L, "dA0": (n_0, m)}.
    For a sigmoid + binary or softmax + categorical cross-entropy output the first step is the same:
    dZL = (AL - Y) / m. Then dW<l> = dZ<l> A<l-1>^T, db<l> = row sums of dZ<l>, dA<l-1> = W<l>^T dZ<l>,
    dZ<l-1> = dA<l-1> * g'(Z<l-1>). (The 1/m is applied once, in dZL; it flows through linearly.)
    """
    _check_choice("hidden", hidden, _HIDDEN)
    g_prime = _HIDDEN[hidden][1]
    L = len(caches)
    m = Y.shape[1]
    grads = {}
    dZ = (caches[-1]["A"] - Y) / m
    for l in range(L, 0, -1):
        cache = caches[l - 1]
        grads[f"dW{l}"] = dZ @ cache["A_prev"].T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        dA_prev = parameters[f"W{l}"].T @ dZ
        if l > 1:
            prev = caches[l - 2]
            dZ = dA_prev * g_prime(prev["Z"], prev["A"])
    grads["dA0"] = dA_prev
    return grads


def train_deep(X, Y, layer_dims, hidden="relu", output="sigmoid", scheme="he", learning_rate=0.1,
               num_iterations=3000, seed=0, max_norm=None):
    """Full-batch gradient descent on an L-layer network, recording the cost.

    X: (n_0, m), Y: (n_L, m), layer_dims: [n_0, ..., n_L]; max_norm: clip the global gradient norm to
    this value before every step (None: no clipping) -> (parameters, costs: list of floats, one per iteration).
    """
    parameters = initialize_deep(layer_dims, scheme=scheme, seed=seed)
    costs = []
    for _ in range(num_iterations):
        AL, caches = deep_forward(X, parameters, hidden=hidden, output=output)
        costs.append(deep_cost(AL, Y, output=output))
        grads = deep_backward(Y, parameters, caches, hidden=hidden)
        if max_norm is not None:
            grads = clip_gradients(grads, max_norm)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict(X, parameters, hidden="relu", output="sigmoid"):
    """Class predictions of a trained network (2-layer parameters work too: they are an L = 2 network).

    X: (n_0, m) -> (1, m) ints: 1 where the sigmoid output is > 0.5, or the argmax row for softmax.
    """
    AL, _ = deep_forward(X, parameters, hidden=hidden, output=output)
    if output == "softmax":
        return np.argmax(AL, axis=0)[np.newaxis, :]
    return (AL > 0.5).astype(int)


def accuracy(X, Y, parameters, hidden="relu", output="sigmoid"):
    """Fraction of correctly classified columns. Y: (1, m) labels, or (K, m) one-hot for softmax -> float."""
    labels = np.argmax(Y, axis=0)[np.newaxis, :] if output == "softmax" else Y
    return float(np.mean(predict(X, parameters, hidden=hidden, output=output) == labels))


# ---------------------------------------------------------------------------------------------------
# Watching gradients.


def _is_parameter_gradient(name):
    return name[:2] in ("dW", "db")


def clip_gradients(grads, max_norm):
    """Scale all parameter gradients together so that their global norm is at most ``max_norm``.

    grads: {"dW1", "db1", ...} (other keys such as "dA0" are copied unchanged) -> a NEW dict.
    Global norm = sqrt(sum of squares of every dW<l>, db<l>); scaling them by one factor keeps the
    direction of the step and only shortens it.
    """
    if max_norm <= 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    total = np.sqrt(sum(np.sum(g**2) for name, g in grads.items() if _is_parameter_gradient(name)))
    factor = min(1.0, max_norm / total) if total > 0 else 1.0
    return {name: g * factor if _is_parameter_gradient(name) else g.copy() for name, g in grads.items()}


def gradient_stats(grads):
    """Per-array summary of gradients, the NumPy version of printing each parameter's grad mean and std.

    grads: {"dW1": array, ...} -> {"dW1": {"mean", "std", "norm", "max_abs": float, "has_nan", "has_inf": bool}, ...}.
    """
    stats = {}
    for name, g in grads.items():
        finite = g[np.isfinite(g)]
        stats[name] = {
            "mean": float(np.mean(finite)) if finite.size else float("nan"),
            "std": float(np.std(finite)) if finite.size else float("nan"),
            "norm": float(np.linalg.norm(finite)),
            "max_abs": float(np.max(np.abs(finite))) if finite.size else float("nan"),
            "has_nan": bool(np.isnan(g).any()),
            "has_inf": bool(np.isinf(g).any()),
        }
    return stats


def weight_gradient_norms(grads):
    """Frobenius norm of each layer's weight gradient, first layer first.

    grads: {"dW1", ..., "dWL", ...} -> (L,) array [||dW1||, ..., ||dWL||]. Vanishing gradients show as
    values shrinking towards index 0, exploding ones as values growing towards index 0.
    """
    L = sum(1 for name in grads if name.startswith("dW"))
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])
