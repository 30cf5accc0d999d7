# honest: hunt_bc_np_dot_mean
# changes: backward_corrected with np.dot, np.mean for the biases, m from Y
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = Y.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), 1 - np.power(cache["A1"], 2))
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.mean(dZ1, axis=1, keepdims=True),
            "dW2": np.dot(dZ2, cache["A1"].T) / m, "db2": np.mean(dZ2, axis=1, keepdims=True)}
