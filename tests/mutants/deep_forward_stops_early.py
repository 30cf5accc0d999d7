# mutant: L_model_forward
# expect: deep_layers_skipped
# changes: the loop runs range(1, L), its last layer a hidden one, and the output layer never runs
import numpy as np


def L_model_forward(X, parameters, hidden_activation="relu"):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.append(cache)
    return A, caches
