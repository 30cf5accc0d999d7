# honest: explicit_dA2
# changes: backprop through dA2 = -Y/A2 + (1-Y)/(1-A2) and sigmoid_derivative(A2) instead of dZ2 = A2 - Y.
import numpy as np


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dA2 = -Y / A2 + (1 - Y) / (1 - A2)
    dZ2 = dA2 * sigmoid_derivative(A2)
    dW2 = 1.0 / m * dZ2.dot(A1.T)
    db2 = 1.0 / m * dZ2.sum(axis=1).reshape(-1, 1)
    dA1 = parameters["W2"].T.dot(dZ2)
    dZ1 = dA1 * relu_derivative(cache["Z1"])
    dW1 = 1.0 / m * dZ1.dot(X.T)
    db1 = 1.0 / m * dZ1.sum(axis=1).reshape(-1, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
