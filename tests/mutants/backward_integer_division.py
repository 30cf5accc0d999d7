# mutant: backward_propagation
# expect: integer_division
# changes: 1 // m (integer division, 0 for m > 1) as the averaging factor
import numpy as np


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = 1 // m * (dZ2 @ cache["A1"].T)
    db2 = 1 // m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (parameters["W2"].T @ dZ2) * relu_derivative(cache["Z1"])
    dW1 = 1 // m * (dZ1 @ X.T)
    db1 = 1 // m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
