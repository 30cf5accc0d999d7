# honest: mid_dot_lists
# changes: notebooks 6-7 with np.dot and lists: caches as lists, db by a sum reshaped, the sigmoid's derivative from
# np.exp(-Z) / (1 + np.exp(-Z))**2, He weights from rng.normal(0, std, shape), the caches gathered with a
# while loop, the L2 term with np.linalg.norm(W)**2 and the cross-entropy as a (1, 1) product squeezed, the
# backward pass walking reversed(list(enumerate(caches))); notebook 7 with the true-class probabilities picked by
# index, the mask np.heaviside, argmax of the logits, and the start drawn with rng.normal(0, scale, shape)
import numpy as np


def linear_forward(A_prev, W, b):
    return np.dot(W, A_prev) + b, [A_prev, W, b]


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1).reshape(b.shape) / m
    return np.dot(W.T, dZ), dW, db


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    functions = {"relu": lambda z: z * (z > 0), "tanh": np.tanh, "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z))}
    return functions[activation](Z), [linear_cache, Z]


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        g_prime = np.exp(-Z) / (1 + np.exp(-Z)) ** 2
    elif activation == "tanh":
        g_prime = 1 / np.cosh(Z) ** 2
    else:
        g_prime = np.where(Z > 0, 1.0, 0.0)
    return linear_backward(dA * g_prime, linear_cache)


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / n_prev), size=(n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches, A, l = [], X, 1
    while l <= L:
        activation = "sigmoid" if l == L else hidden_activation
        A, cache = activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
        l += 1
    return A, caches


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    weights = [value for key, value in parameters.items() if key.startswith("W")]
    penalty = lambd / (2 * m) * sum(np.linalg.norm(W) ** 2 for W in weights)
    return float(np.squeeze(cross_entropy) + penalty)


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    L, m = len(caches), Y.shape[1]
    grads = {}
    dA = np.divide(1 - Y, 1 - AL) - np.divide(Y, AL)
    for index, cache in reversed(list(enumerate(caches))):
        l = index + 1
        activation = "sigmoid" if l == L else hidden_activation
        dA, dW, db = activation_backward(dA, cache, activation)
        W = cache[0][1]
        grads[f"dW{l}"] = dW + (lambd / m) * W
        grads[f"db{l}"] = db
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = [0.0] * L
    dA_prev, dW, _ = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.sqrt(np.sum(dW ** 2))
    for l in range(L - 1, 0, -1):
        dA_prev, dW, _ = activation_backward(dA_prev, caches[l - 1], hidden_activation)
        norms[l - 1] = np.sqrt(np.sum(dW ** 2))
    return norms


def softmax_cost(A, Y):
    m = Y.shape[1]
    true_class = np.argmax(Y, axis=0)
    return -np.sum(np.log(A[true_class, np.arange(m)])) / m


def classifier_forward(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    shifted = Z2 - Z2.max(axis=0)
    A2 = np.exp(shifted) / np.exp(shifted).sum(axis=0)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def classifier_backward(X, Y, parameters, cache):
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * np.heaviside(cache["Z1"], 0.0)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def predict_classes(X, parameters):
    _, cache = classifier_forward(X, parameters)
    return np.argmax(cache["Z2"], axis=0)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    n_x, C = X.shape[0], Y.shape[0]
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, np.sqrt(2 / n_x), (n_h, n_x))
    W2 = rng.normal(0, 0.01, (C, n_h))
    parameters = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((C, 1))}
    costs = []
    for _ in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(A2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        for key in parameters:
            parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters, costs
