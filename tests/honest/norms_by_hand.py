# honest: norms_by_hand
# changes: layer_gradient_norms written without the blocks: its own forward pass over the parameters by name,
# the derivatives by hand, dW = dZ A_prev^T / m, norms by np.linalg.norm(..., "fro")
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    g = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}
    L = len(parameters) // 2
    m = X.shape[1]
    A, As, Zs = X, [X], []
    for l in range(1, L + 1):
        Z = np.dot(parameters["W%d" % l], A) + parameters["b%d" % l]
        A = g[hidden_activation if l < L else "sigmoid"](Z)
        Zs.append(Z)
        As.append(A)
    norms = [0.0] * L
    dZ = As[-1] - Y
    for l in range(L, 0, -1):
        norms[l - 1] = np.linalg.norm(np.dot(dZ, As[l - 1].T) / m, "fro")
        if l > 1:
            dA = np.dot(parameters["W%d" % l].T, dZ)
            Z = Zs[l - 2]
            if hidden_activation == "relu":
                dZ = dA * (Z > 0)
            elif hidden_activation == "tanh":
                dZ = dA * (1 - np.tanh(Z) ** 2)
            else:
                s = 1 / (1 + np.exp(-Z))
                dZ = dA * s * (1 - s)
    return np.array(norms)
