# honest: deep_np_dot_helpers
# changes: the deep network with np.dot and np.multiply, lookup tables of activations in an added helper, a while
# loop, dZL = AL - Y straight away, relu mask from A = relu(Z) (the same as from Z), L2 from the caches' W.
import numpy as np

_G = {"relu": lambda Z: np.maximum(Z, 0), "tanh": np.tanh, "sigmoid": lambda Z: 1 / (1 + np.exp(-Z))}


def _slope(Z, activation):
    if activation == "relu":
        return (np.maximum(Z, 0) > 0).astype(float)
    A = _G[activation](Z)
    return 1 - A**2 if activation == "tanh" else A * (1 - A)


def linear_forward(A_prev, W, b):
    return np.dot(W, A_prev) + b, (A_prev, W, b)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, dZ.sum(axis=1, keepdims=True) / m


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return _G[activation](Z), (linear_cache, Z)


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward(np.multiply(dA, _slope(Z, activation)), linear_cache)


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        params[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / n_prev), size=(n, n_prev))
        params[f"b{l}"] = np.zeros((n, 1))
    return params


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A, l = X, 1
    while l <= L:
        A, cache = activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                      "sigmoid" if l == L else hidden_activation)
        caches.append(cache)
        l += 1
    return A, caches


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    weights = [v for k, v in parameters.items() if k.startswith("W")]
    return float(cost + lambd * sum(np.sum(W * W) for W in weights) / (2 * m))


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    L = len(caches)
    m = Y.shape[1]
    grads = {}
    dZ = AL - Y
    linear_cache, _ = caches[-1]
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, linear_cache)
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = activation_backward(dA, caches[l - 1], hidden_activation)
    for l in range(1, L + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * caches[l - 1][0][1]
    return grads
