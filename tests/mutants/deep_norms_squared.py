# mutant: layer_gradient_norms
# expect: norms_squared
# changes: the sum of squares of dW without the square root
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, db = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.sum(dW**2)
    for l in range(L - 1, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        norms[l - 1] = np.sum(dW**2)
    return norms
