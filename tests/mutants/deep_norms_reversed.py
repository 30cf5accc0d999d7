# mutant: layer_gradient_norms
# expect: norms_reversed
# changes: the norms appended while walking backwards and never reversed (layer L first)
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    dA, dW, db = linear_backward(AL - Y, caches[L - 1][0])
    norms = [np.linalg.norm(dW)]
    for l in range(L - 1, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        norms.append(np.linalg.norm(dW))
    return np.array(norms)
