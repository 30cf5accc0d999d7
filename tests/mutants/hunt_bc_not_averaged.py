# mutant: backward_corrected
# expect: not_averaged
# changes: no 1/m anywhere
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    return {"dW1": dZ1 @ X.T, "db1": np.sum(dZ1, axis=1, keepdims=True),
            "dW2": dZ2 @ cache["A1"].T, "db2": np.sum(dZ2, axis=1, keepdims=True)}
