# honest: examples_from_y
# changes: m read from Y, a cost written with np.dot and squeezed, parameters unpacked, np.multiply and reshape for the biases.
import numpy as np


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)
    return float(np.squeeze(-logprobs / m))


def backward_propagation(X, Y, parameters, cache):
    m = Y.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1).reshape(-1, 1) / m
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), np.int64(1) * (cache["Z1"] > 0))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1).reshape(-1, 1) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def softmax(z):
    shifted = z - z.max(axis=0)  # a (m,) row broadcasts over the K rows
    e = np.exp(shifted)
    return e / e.sum(axis=0)


def dz_dt(t):
    x, y = np.cos(t), np.exp(t)
    dz_dx, dz_dy = 2 * x * y, x * x
    return dz_dx * -np.sin(t) + dz_dy * y
