# mutant: L_model_forward
# expect: activation_twice
# changes: the hidden activation applied again to what activation_forward returns (tanh(tanh(Z)) for tanh)
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    g = {"relu": lambda Z: np.maximum(0, Z), "tanh": np.tanh, "sigmoid": lambda Z: 1 / (1 + np.exp(-Z))}
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        A = g[hidden_activation](A)
        caches.append(cache)
    AL, cache = activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
