# mutant: L_model_forward
# expect: deep_output_activation
# changes: every layer in the loop uses hidden_activation, then a sigmoid on top
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.append(cache)
    AL, cache = activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], hidden_activation)
    caches.append(cache)
    return AL, caches
