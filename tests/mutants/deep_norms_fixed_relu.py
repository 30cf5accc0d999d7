# mutant: layer_gradient_norms
# expect: hidden_activation_ignored
# changes: "relu" written in both passes instead of the hidden_activation argument
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, "relu")
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, db = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.linalg.norm(dW)
    for l in range(L - 1, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], "relu")
        norms[l - 1] = np.linalg.norm(dW)
    return norms
