# mutant: classifier_backward
# expect: elementwise_transposed
# also: matrix_dimensions
# changes: the labels transposed in dZ2 = (A2 - Y.T) / m: a broadcast error, (C, m) against (m, C); for m = 1 it broadcasts to (C, C) and the next product fails
import numpy as np


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y.T) / m
    dW2 = dZ2 @ cache["A1"].T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (parameters["W2"].T @ dZ2) * (cache["Z1"] > 0)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True), "dW2": dW2, "db2": db2}
