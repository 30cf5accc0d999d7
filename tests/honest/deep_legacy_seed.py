# honest: deep_legacy_seed
# changes: np.random.seed + randn * sqrt(2 / n), separate relu / sigmoid helpers, caches as a tuple, printing,
# a tqdm-style progress helper in an added cell, every dA kept, in-place += on the gradients it made itself.
import numpy as np


def relu_fn(Z):
    return Z * (Z > 0)


def sigmoid_fn(Z):
    return 1.0 / (1.0 + np.exp(-Z))


def progress(items):
    try:
        from tqdm import tqdm
        return tqdm(items, disable=True)
    except ImportError:
        return items


def linear_forward(A_prev, W, b):
    Z = np.matmul(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = (1.0 / m) * np.matmul(dZ, A_prev.T)
    db = (1.0 / m) * np.sum(dZ, axis=1).reshape(-1, 1)
    return np.matmul(W.T, dZ), dW, db


def activation_forward(A_prev, W, b, activation):
    Z, lin = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid_fn(Z)
    elif activation == "relu":
        A = relu_fn(Z)
    elif activation == "tanh":
        A = (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))
    else:
        raise ValueError(activation)
    return A, (lin, Z)


def activation_backward(dA, cache, activation):
    lin, Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    elif activation == "sigmoid":
        dZ = dA * sigmoid_fn(Z) * (1 - sigmoid_fn(Z))
    else:
        dZ = dA / np.cosh(Z) ** 2
    return linear_backward(dZ, lin)


def initialize_he(layer_dims, seed=0):
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W%d" % l] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
        parameters["b%d" % l] = np.zeros((layer_dims[l], 1))
    print("initialised", len(layer_dims) - 1, "layers")
    return parameters


def L_model_forward(X, parameters, hidden_activation="relu"):
    caches = ()
    A = X
    L = len(parameters) // 2
    for l in progress(range(1, L + 1)):
        act = hidden_activation if l < L else "sigmoid"
        A, cache = activation_forward(A, parameters["W%d" % l], parameters["b%d" % l], act)
        caches = caches + (cache,)
    return A, list(caches)


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(AL), Y) + np.multiply(1 - Y, np.log(1 - AL))
    cost = -np.sum(logprobs) / m
    l2 = 0.0
    for l in range(1, len(parameters) // 2 + 1):
        l2 += np.sum(np.square(parameters["W%d" % l]))
    return cost + (lambd / (2 * m)) * l2


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL) + (1 - Y) / (1 - AL)
    dA = dAL
    for l in reversed(range(L)):
        dA_prev, dW, db = activation_backward(dA, caches[l], "sigmoid" if l == L - 1 else hidden_activation)
        if lambd > 0:
            dW += lambd / m * parameters["W%d" % (l + 1)]
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
        dA = dA_prev
    return grads
