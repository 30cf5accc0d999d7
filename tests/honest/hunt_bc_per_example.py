# honest: hunt_bc_per_example
# changes: backward_corrected as the mean of per-example gradients (a loop over columns), tanh' from Z1
import numpy as np


def backward_corrected(X, Y, parameters, cache):
    m = X.shape[1]
    grads = {"dW1": np.zeros_like(parameters["W1"]), "db1": np.zeros_like(parameters["b1"]),
             "dW2": np.zeros_like(parameters["W2"]), "db2": np.zeros_like(parameters["b2"])}
    for i in range(m):
        x, a1 = X[:, i:i + 1], cache["A1"][:, i:i + 1]
        dz2 = cache["A2"][:, i:i + 1] - Y[:, i:i + 1]
        dz1 = (parameters["W2"].T @ dz2) * (1 - np.tanh(cache["Z1"][:, i:i + 1]) ** 2)
        grads["dW2"] += dz2 @ a1.T / m
        grads["db2"] += dz2 / m
        grads["dW1"] += dz1 @ x.T / m
        grads["db1"] += dz1 / m
    return grads
