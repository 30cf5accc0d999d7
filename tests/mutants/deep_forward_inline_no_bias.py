# mutant: L_model_forward
# expect: bias_missing
# changes: the layers written out without activation_forward, and the bias forgotten
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A
        caches.append(((A, W, b), Z))
        if l == L:
            A = 1 / (1 + np.exp(-Z))
        elif hidden_activation == "relu":
            A = np.maximum(0, Z)
        elif hidden_activation == "tanh":
            A = np.tanh(Z)
        else:
            A = 1 / (1 + np.exp(-Z))
    return A, caches
