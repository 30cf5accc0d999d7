"""The softmax classifier of notebook 7: a ReLU hidden layer, a softmax output over C classes, mean cross-entropy.

Convention: examples are columns, ``X: (n_x, m)``, one-hot ``Y: (C, m)``, ``W1: (n_h, n_x)``, ``b1: (n_h, 1)``,
``W2: (C, n_h)``, ``b2: (C, 1)``. The softmax is written inline in ``classifier_forward`` (the graded ``softmax``
belongs to notebook 2), so every function here is injectable on its own (docs/design.md).
"""

import numpy as np


def softmax_cost(A, Y):
    """Mean cross-entropy: -(1/m) sum over classes and examples of Y log A.

    A: (C, m) probabilities (columns sum to 1), Y: (C, m) one-hot -> float.
    """
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A)) / m)


def classifier_forward(X, parameters):
    """Z1 = W1 X + b1, A1 = relu(Z1), Z2 = W2 A1 + b2, A2 = softmax(Z2) column by column.

    -> (A2: (C, m), cache {"Z1", "A1", "Z2", "A2"}). The column maximum is subtracted before np.exp, so logits
    of 1000 and more stay finite.
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    e = np.exp(Z2 - np.max(Z2, axis=0, keepdims=True))
    A2 = e / np.sum(e, axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def classifier_backward(X, Y, parameters, cache):
    """Gradients of the mean cross-entropy: dZ2 = A2 - Y per example, then the two linear layers and the ReLU
    mask, with the course's convention: the 1/m of the mean is applied once, in dW and db.

    -> {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (C, n_h), "db2": (C, 1)}, using A1, A2, Z1 from the cache.
    """
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (cache["Z1"] > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def predict_classes(X, parameters):
    """The most probable class of each example: X: (n_x, m) -> (m,) int labels (argmax over the C rows)."""
    A2, _ = classifier_forward(X, parameters)
    return np.argmax(A2, axis=0)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    """Full-batch gradient descent from the stated start. -> (parameters, costs).

    Start: rng = np.random.default_rng(seed); W1 = rng.standard_normal((n_h, n_x)) * sqrt(2 / n_x) (He), then
    W2 = rng.standard_normal((C, n_h)) * 0.01; b1, b2 zeros. Each iteration appends the cost of the current
    parameters (before the step), then every parameter takes p - learning_rate * dp: len(costs) == num_iterations.
    """
    n_x, C = X.shape[0], Y.shape[0]
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x),
        "b1": np.zeros((n_h, 1)),
        "W2": rng.standard_normal((C, n_h)) * 0.01,
        "b2": np.zeros((C, 1)),
    }
    costs = []
    for _ in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(A2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        parameters = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
    return parameters, costs
