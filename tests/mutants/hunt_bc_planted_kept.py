# mutant: backward_corrected
# expect: bug_planted_kept
# changes: backward_b copied unchanged (dZ2 carries the 1/m, and dW1 divides by m again)
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m
    dW2 = dZ2 @ cache["A1"].T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = parameters["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    dW1 = dZ1 @ X.T / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
