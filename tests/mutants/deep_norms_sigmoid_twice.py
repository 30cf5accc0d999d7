# mutant: layer_gradient_norms
# expect: deep_output_activation
# changes: AL - Y handed to activation_backward with "sigmoid", so the sigmoid's derivative is applied twice
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, db = activation_backward(AL - Y, caches[L - 1], "sigmoid")
    norms[L - 1] = np.linalg.norm(dW)
    for l in range(L - 1, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        norms[l - 1] = np.linalg.norm(dW)
    return norms
