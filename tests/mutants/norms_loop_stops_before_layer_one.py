# mutant: layer_gradient_norms
# expect: norms_loop_bounds
# changes: the backward loop is range(L - 1, 1, -1): it stops before layer 1, whose entry stays 0
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, _ = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.linalg.norm(dW)
    for l in range(L - 1, 1, -1):
        dA, dW, _ = activation_backward(dA, caches[l - 1], hidden_activation)
        norms[l - 1] = np.linalg.norm(dW)
    return norms
