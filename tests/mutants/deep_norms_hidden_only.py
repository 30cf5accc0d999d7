# mutant: layer_gradient_norms
# expect: norms_output_layer_missing
# changes: only the hidden layers' norms are kept (the output layer's dW<L> is computed but not returned)
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    dA, _, _ = linear_backward(AL - Y, caches[L - 1][0])
    norms = []
    for l in range(L - 1, 0, -1):
        dA, dW, db = activation_backward(dA, caches[l - 1], hidden_activation)
        norms.insert(0, np.linalg.norm(dW))
    return np.array(norms)
