# honest: softmax_clf_loops
# changes: the softmax classifier with loops over the examples, np.dot, picking log A of the true class, helpers
import numpy as np


def _relu_mask(z):
    return (z > 0).astype(float)


def softmax_cost(A, Y):
    total = 0.0
    for j in range(Y.shape[1]):
        total -= np.log(A[np.argmax(Y[:, j]), j])
    return total / Y.shape[1]


def classifier_forward(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = Z1 * _relu_mask(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = np.empty_like(Z2)
    for j in range(Z2.shape[1]):
        e = np.exp(Z2[:, j] - Z2[:, j].max())
        A2[:, j] = e / e.sum()
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def classifier_backward(X, Y, parameters, cache):
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = dZ2.sum(axis=1).reshape(-1, 1) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * _relu_mask(cache["A1"])
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": dZ1.mean(axis=1, keepdims=True), "dW2": dW2, "db2": db2}


def predict_classes(X, parameters):
    A2, _ = classifier_forward(X, parameters)
    return np.array([int(np.argmax(A2[:, j])) for j in range(A2.shape[1])])


def train_classifier(X, Y, n_h, learning_rate=1.0, num_iterations=1000, seed=0):
    rng = np.random.default_rng(seed)
    n_x, C = X.shape[0], Y.shape[0]
    W1 = rng.normal(0.0, np.sqrt(2 / n_x), size=(n_h, n_x))
    W2 = rng.normal(0.0, 0.01, size=(C, n_h))
    parameters = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((C, 1))}
    costs = np.zeros(num_iterations)
    for i in range(num_iterations):
        A2, cache = classifier_forward(X, parameters)
        costs[i] = softmax_cost(A2, Y)
        grads = classifier_backward(X, Y, parameters, cache)
        for key in parameters:
            parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters, costs
