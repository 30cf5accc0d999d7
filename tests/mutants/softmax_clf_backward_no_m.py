# mutant: classifier_backward
# expect: not_averaged
# changes: no 1/m
import numpy as np


def classifier_backward(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (cache["Z1"] > 0)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True),
            "dW2": dZ2 @ cache["A1"].T, "db2": np.sum(dZ2, axis=1, keepdims=True)}
