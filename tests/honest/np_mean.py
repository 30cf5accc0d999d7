# honest: np_mean
# changes: np.mean instead of sum / m, for the cost and the gradients.
import numpy as np


def compute_cost(A2, Y):
    return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))


def backward_propagation(X, Y, parameters, cache):
    dZ2 = cache["A2"] - Y
    dW2 = np.einsum("im,jm->ij", dZ2, cache["A1"]) / X.shape[1]
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dZ1 = parameters["W2"].T @ dZ2 * (cache["Z1"] > 0)
    dW1 = (dZ1 @ X.T) / X.shape[1]
    db1 = np.mean(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
