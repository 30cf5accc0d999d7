# mutant: L_model_forward
# expect: deep_caches_reversed
# changes: each cache inserted at the front of the list: caches come out layer L first
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.insert(0, cache)
    AL, cache = activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.insert(0, cache)
    return AL, caches
