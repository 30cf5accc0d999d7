# honest: mid_einsum_inplace
# changes: notebooks 6-7 with np.einsum for the products and sums, np.mean for db, the activations in a dict of
# (function, derivative-from-Z) pairs, the He scale as a division by sqrt(n / 2) with the legacy np.random seeded
# by the seed, the L2 penalty from np.sum(W * W) over the W keys, L_model_backward starting from dAL with the L2
# term from the caches and dA<l> keys, norms from the grads of activation_backward; notebook 7 with a softmax
# helper through logsumexp, dZ2 / m once, predictions by a loop of argmax per column, the parameters updated in
# place with -= and the costs as an array
import numpy as np

_ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z)))),
}


def _softmax_columns(Z):
    top = np.max(Z, axis=0, keepdims=True)
    log_sum = top + np.log(np.sum(np.exp(Z - top), axis=0, keepdims=True))
    return np.exp(Z - log_sum)


def linear_forward(A_prev, W, b):
    Z = np.einsum("ij,jk->ik", W, A_prev) + b
    return Z, (A_prev, W, b)


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = np.einsum("ik,jk->ij", dZ, A_prev) / m
    db = np.mean(dZ, axis=1, keepdims=True)
    dA_prev = np.einsum("ji,jk->ik", W, dZ)
    return dA_prev, dW, db


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    g, _ = _ACTIVATIONS[activation]
    return g(Z), (linear_cache, Z)


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    _, g_prime = _ACTIVATIONS[activation]
    return linear_backward(dA * g_prime(Z), linear_cache)


def initialize_he(layer_dims, seed=0):
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1] / 2)
        parameters["b" + str(l)] = np.zeros(shape=(layer_dims[l], 1))
    return parameters


def L_model_forward(X, parameters, hidden_activation="relu"):
    n_layers = sum(1 for key in parameters if key[0] == "W")
    A, caches = X, []
    for l in range(1, n_layers + 1):
        A, cache = activation_forward(A, parameters["W%d" % l], parameters["b%d" % l],
                                      hidden_activation if l < n_layers else "sigmoid")
        caches += [cache]
    return A, caches


def compute_cost_l2(AL, Y, parameters, lambd):
    m = AL.shape[1]
    losses = Y * np.log(AL) + (1 - Y) * np.log(1 - AL)
    cost = -np.einsum("ij->", losses) / m
    for key, W in parameters.items():
        if key.startswith("W"):
            cost += lambd / (2 * m) * np.sum(W * W)
    return cost


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    L = len(caches)
    m = AL.shape[1]
    grads = {"dA" + str(L): -(Y / AL - (1 - Y) / (1 - AL))}
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else hidden_activation
        dA_prev, dW, db = activation_backward(grads["dA" + str(l)], caches[l - 1], activation)
        if lambd > 0:
            dW = dW + (lambd / m) * caches[l - 1][0][1]
        grads["dA" + str(l - 1)] = dA_prev
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    grads = {}
    dA, grads[L], _ = linear_backward(AL - Y, caches[-1][0])
    for l in range(L - 1, 0, -1):
        dA, grads[l], _ = activation_backward(dA, caches[l - 1], hidden_activation)
    return np.array([np.linalg.norm(grads[l], "fro") for l in range(1, L + 1)])


def softmax_cost(A, Y):
    return -np.einsum("cj,cj->", Y, np.log(A)) / Y.shape[1]


def classifier_forward(X, parameters):
    cache = {}
    cache["Z1"] = np.einsum("hn,nm->hm", parameters["W1"], X) + parameters["b1"]
    cache["A1"] = np.maximum(cache["Z1"], 0)
    cache["Z2"] = np.einsum("ch,hm->cm", parameters["W2"], cache["A1"]) + parameters["b2"]
    cache["A2"] = _softmax_columns(cache["Z2"])
    return cache["A2"], cache


def classifier_backward(X, Y, parameters, cache):
    dZ2 = (cache["A2"] - Y) / X.shape[1]
    dZ1 = np.einsum("ch,cm->hm", parameters["W2"], dZ2)
    dZ1[cache["A1"] <= 0] = 0.0
    return {"dW2": np.einsum("cm,hm->ch", dZ2, cache["A1"]), "db2": dZ2.sum(axis=1, keepdims=True),
            "dW1": np.einsum("hm,nm->hn", dZ1, X), "db1": dZ1.sum(axis=1, keepdims=True)}


def predict_classes(X, parameters):
    A2 = classifier_forward(X, parameters)[0]
    return np.array([int(np.argmax(A2[:, j])) for j in range(A2.shape[1])], dtype=int)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    rng = np.random.default_rng(seed)
    n_x, C = X.shape[0], Y.shape[0]
    parameters = {}
    parameters["W1"] = rng.standard_normal(size=(n_h, n_x)) * (2 / n_x) ** 0.5
    parameters["b1"] = np.zeros((n_h, 1))
    parameters["W2"] = 0.01 * rng.standard_normal(size=(C, n_h))
    parameters["b2"] = np.zeros((C, 1))
    costs = np.zeros(num_iterations)
    for i in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs[i] = softmax_cost(A2, Y)
        grads = classifier_backward(X, Y, parameters, cache)
        for name in ("W1", "b1", "W2", "b2"):
            parameters[name] -= learning_rate * grads["d" + name]
    return parameters, costs
