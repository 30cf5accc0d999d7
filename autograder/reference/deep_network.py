"""The modular L-layer network of notebook 6: forward and backward building blocks, He initialisation, L2.

Convention: examples are columns, ``A_prev: (n_{l-1}, m)``, ``W: (n_l, n_{l-1})``, ``b: (n_l, 1)``.
Caches are tuples: a linear cache is ``(A_prev, W, b)``, an activation cache ``(linear_cache, Z)``,
and ``L_model_forward`` returns the list of the L activation caches, layer 1 first. A backward block
takes the upstream gradient ``dA`` (or ``dZ``) of the same shape as its forward output and returns the
gradients of the mean cost: the 1/m of the mean is applied in ``linear_backward`` (dW, db) only, so dA
and dZ hold per-example gradients, one column per example.

Every function is injectable (docs/design.md): only ``np`` and the other student functions of this
module, called by their bare names.
"""

import numpy as np


def linear_forward(A_prev, W, b):
    """Z = W A_prev + b.

    A_prev: (n_{l-1}, m), W: (n_l, n_{l-1}), b: (n_l, 1) -> (Z: (n_l, m), cache = (A_prev, W, b)).
    """
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_backward(dZ, cache):
    """Gradients of the linear step from the upstream dZ (per-example gradients of the loss w.r.t. Z).

    dZ: (n_l, m), cache = (A_prev, W, b) -> (dA_prev: (n_{l-1}, m), dW: (n_l, n_{l-1}), db: (n_l, 1)),
    with dW = dZ A_prev^T / m, db = row sums of dZ / m, dA_prev = W^T dZ (no 1/m: still per example).
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def activation_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, A = g(Z) with g named by ``activation`` ("relu", "tanh", "sigmoid").

    -> (A: (n_l, m), cache = (linear_cache, Z)) where linear_cache = (A_prev, W, b).
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.maximum(0, Z)
    elif activation == "tanh":
        A = np.tanh(Z)
    elif activation == "sigmoid":
        A = 1 / (1 + np.exp(-Z))
    else:
        raise ValueError(f"activation={activation!r} is not one of 'relu', 'tanh', 'sigmoid'")
    return A, (linear_cache, Z)


def activation_backward(dA, cache, activation):
    """One layer backwards: dZ = dA * g'(Z), then the linear step.

    dA: (n_l, m), cache = (linear_cache, Z) -> (dA_prev: (n_{l-1}, m), dW: (n_l, n_{l-1}), db: (n_l, 1)).
    g' is 1 where Z > 0 else 0 (relu), 1 - tanh(Z)^2 (tanh), s (1 - s) with s = sigmoid(Z) (sigmoid).
    """
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    elif activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    else:
        raise ValueError(f"activation={activation!r} is not one of 'relu', 'tanh', 'sigmoid'")
    return linear_backward(dZ, linear_cache)


def initialize_he(layer_dims, seed=0):
    """He initialisation for layer_dims = [n_0, ..., n_L]: W<l> ~ N(0, 2 / n_{l-1}), b<l> = 0.

    -> {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.
    """
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward pass of L = len(parameters) // 2 layers: hidden_activation for layers 1..L-1, sigmoid for L.

    X: (n_0, m), parameters: W<l>, b<l> -> (AL: (n_L, m), caches: list of L activation caches, layer 1 first).
    """
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    AL, cache = activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost_l2(AL, Y, parameters, lambd):
    """Mean binary cross-entropy plus the L2 penalty (lambd / (2 m)) * sum over layers of ||W<l>||_F^2.

    AL, Y: (1, m), parameters: W<l>, b<l> (the biases are not penalised), lambd >= 0 -> float.
    """
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(parameters) // 2
    penalty = sum(np.sum(parameters[f"W{l}"] ** 2) for l in range(1, L + 1)) * lambd / (2 * m)
    return float(cross_entropy + penalty)


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    """Backward pass of L_model_forward for the mean cross-entropy (plus the L2 penalty if lambd > 0).

    AL, Y: (1, m), caches: from L_model_forward -> {"dW<l>": (n_l, n_{l-1}), "db<l>": (n_l, 1) for
    l = 1..L, "dA<l-1>": (n_{l-1}, m)}. Layer L starts from dZ<L> = AL - Y with linear_backward: the same numbers as
    dAL = -(Y / AL - (1 - Y) / (1 - AL)) through the sigmoid's activation_backward, and finite where the output is
    exactly 0 or 1 (where dAL divides 0 by 0), so that layer_gradient_norms may call it (the grader provides this
    version to it). With lambd > 0, dW<l> gains (lambd / m) W<l> (W<l> from ``parameters`` or the caches: the same
    array).
    """
    L = len(caches)
    m = AL.shape[1]
    grads = {}
    dA = AL - Y  # dZ<L>
    for l in range(L, 0, -1):
        if l == L:
            dA_prev, dW, db = linear_backward(dA, caches[l - 1][0])
        else:
            dA_prev, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        if lambd:
            W = parameters[f"W{l}"] if parameters is not None else caches[l - 1][0][1]
            dW = dW + lambd / m * W
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
        dA = dA_prev
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    """The size of every layer's weight gradient at ``parameters``: one forward pass, one backward pass.

    X: (n_0, m), Y: (1, m), parameters: W<l>, b<l> for l = 1..L -> (L,) float array whose entry l - 1 is the
    Frobenius norm ||dW<l>||. The backward pass starts from dZ<L> = AL - Y (sigmoid and cross-entropy
    combined), which stays finite when the output saturates at exactly 0 or 1, where dAL = -(Y / AL - ...)
    divides by zero; then linear_backward for layer L and activation_backward for layers L-1 .. 1.
    """
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, _ = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.linalg.norm(dW)
    for l in range(L - 1, 0, -1):
        dA, dW, _ = activation_backward(dA, caches[l - 1], hidden_activation)
        norms[l - 1] = np.linalg.norm(dW)
    return norms
