# honest: softmax_clf_logits
# changes: log-sum-exp cost written from log A, softmax via a helper on shifted logits, argmax of Z2, in-place updates
import numpy as np


def stable_softmax(z):
    shifted = z - z.max(axis=0, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=0, keepdims=True)


def softmax_cost(A, Y):
    per_example = -(Y * np.log(A)).sum(axis=0)
    return np.mean(per_example)


def classifier_forward(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.where(Z1 > 0, Z1, 0.0)
    Z2 = W2 @ A1 + b2
    A2 = stable_softmax(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "X": X}
    return A2, cache


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1.copy()
    dZ1[cache["Z1"] <= 0] = 0.0
    grads = {}
    grads["dW2"] = dZ2 @ cache["A1"].T
    grads["db2"] = dZ2.sum(axis=1, keepdims=True)
    grads["dW1"] = dZ1 @ X.T
    grads["db1"] = dZ1.sum(axis=1, keepdims=True)
    return grads


def predict_classes(X, parameters):
    _, cache = classifier_forward(X, parameters)
    return cache["Z2"].argmax(axis=0)


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    parameters["W1"] = rng.standard_normal((n_h, X.shape[0])) / np.sqrt(X.shape[0] / 2)
    parameters["b1"] = np.zeros((n_h, 1))
    parameters["W2"] = 0.01 * rng.standard_normal((Y.shape[0], n_h))
    parameters["b2"] = np.zeros((Y.shape[0], 1))
    costs = []
    for _ in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs.append(softmax_cost(A2, Y))
        grads = classifier_backward(X, Y, parameters, cache)
        for key, value in parameters.items():
            value -= learning_rate * grads["d" + key]
        if _ % 100 == 0:
            print(f"iteration {_}: cost {costs[-1]:.4f}")
    return parameters, costs
