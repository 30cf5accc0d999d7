# honest: hunt_bc_fixed_b
# changes: backward_corrected as backward_b with its bug fixed: the 1/m stays folded into dZ2, dW1 loses its "/ m"
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = (cache["A2"] - Y) / m
    dW2 = dZ2 @ cache["A1"].T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1 * (1 - cache["A1"] ** 2)
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    dW1 = dZ1 @ X.T
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
