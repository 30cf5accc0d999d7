# mutant: backward_corrected
# expect: a1_from_z1
# changes: dW2 from the pre-activation Z1 where the hidden activation A1 belongs
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["Z1"].T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
