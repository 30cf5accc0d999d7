# mutant: backward_corrected
# expect: inputs_mutated
# changes: dZ1 built in the cache's own A1 array (A1 **= 2 ... in place)
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    slope = cache["A1"]
    slope **= 2
    slope *= -1
    slope += 1
    dZ1 = (parameters["W2"].T @ dZ2) * slope
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m, "dW2": dW2, "db2": db2}
