# honest: relu_convention
# changes: ReLU derivative 1 at z = 0 (z >= 0) returned as a bool array; leaky derivative alpha only for z < 0; mask from A1 in backprop.
import numpy as np


def relu(z):
    return z * (z > 0)


def relu_derivative(z):
    return z >= 0


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z < 0, alpha, 1.0)


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    grads = {"dW2": dZ2 @ cache["A1"].T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1 * (cache["A1"] > 0)  # A1 > 0 exactly where Z1 > 0
    grads["dW1"] = dZ1 @ X.T / m
    grads["db1"] = dZ1.sum(axis=1, keepdims=True) / m
    return grads
