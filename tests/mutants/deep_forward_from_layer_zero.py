# mutant: L_model_forward
# expect: layer_zero
# changes: the hidden layers counted from 0, range(0, L - 1): KeyError for W0
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(0, L - 1):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.append(cache)
    AL, cache = activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
