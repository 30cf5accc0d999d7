# honest: deep_uniform_he
# changes: He-uniform weights (same variance 2 / n_prev), caches returned as a tuple of tuples, the cost as a
# (1, 1)-free np.squeeze, a list comprehension for the penalty, recursion-free explicit dict building, no dA keys.
import numpy as np


def linear_forward(A_prev, W, b):
    return W.dot(A_prev) + b, tuple([A_prev, W, b])


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    inv_m = 1 / A_prev.shape[1]
    return W.T.dot(dZ), inv_m * dZ.dot(A_prev.T), inv_m * np.sum(dZ, axis=-1, keepdims=True)


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = {"relu": lambda: np.where(Z > 0, Z, 0.0), "tanh": lambda: np.tanh(Z),
         "sigmoid": lambda: 0.5 * (1 + np.tanh(Z / 2))}[activation]()
    return A, (linear_cache, Z)


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        g = np.where(Z > 0, 1.0, 0.0)
    elif activation == "tanh":
        g = 1 - np.tanh(Z) * np.tanh(Z)
    else:
        e = np.exp(-Z)
        g = e / (1 + e) ** 2
    return linear_backward(dA * g, linear_cache)


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    out = {}
    for l in range(1, len(layer_dims)):
        limit = np.sqrt(6 / layer_dims[l - 1])
        out["W" + str(l)] = rng.uniform(-limit, limit, (layer_dims[l], layer_dims[l - 1]))
        out["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return out


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, c = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],
                                  hidden_activation if l != L else "sigmoid")
        caches.append(c)
    return A, tuple(caches)


def compute_cost_l2(AL, Y, parameters, lambd):
    m = AL.shape[1]
    cross = np.squeeze(-(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / m)
    L = len(parameters) // 2
    return float(cross) + lambd / (2 * m) * sum([float(np.sum(parameters["W" + str(l)] ** 2)) for l in range(1, L + 1)])


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    L = len(caches)
    m = AL.shape[1]
    dA = np.divide(1 - Y, 1 - AL) - np.divide(Y, AL)
    grads = {}
    for l in range(L, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], "sigmoid" if l == L else hidden_activation)
        W = parameters["W" + str(l)] if parameters is not None else caches[l - 1][0][1]
        grads.update({"dW" + str(l): dW + lambd / m * W, "db" + str(l): db})
    return grads
