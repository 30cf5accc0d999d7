# mutant: layer_gradient_norms
# expect: norms_index_off
# changes: a hidden layer's norm goes to norms[l], one entry too high (it overwrites the layer above)
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    norms = np.zeros(L)
    dA, dW, _ = linear_backward(AL - Y, caches[L - 1][0])
    norms[L - 1] = np.linalg.norm(dW)
    for l in range(L - 1, 0, -1):
        dA, dW, _ = activation_backward(dA, caches[l - 1], hidden_activation)
        norms[l] = np.linalg.norm(dW)
    return norms
