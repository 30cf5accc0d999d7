# mutant: layer_gradient_norms
# expect: norms_output_saturates
# changes: the backward pass starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)) through the sigmoid's activation_backward
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    norms = []
    for l in range(L, 0, -1):
        dA, dW, _ = activation_backward(dA, caches[l - 1], "sigmoid" if l == L else hidden_activation)
        norms.append(np.linalg.norm(dW))
    return np.array(norms[::-1])
