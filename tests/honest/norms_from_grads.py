# honest: norms_from_grads
# changes: layer_gradient_norms as a dict of gradients filled by a while loop, dZL = AL - Y, norms by
# np.sqrt(np.sum(dW ** 2)), returned as a list of floats
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    L = len(caches)
    grads = {}
    dA_prev, grads[f"dW{L}"], _ = linear_backward(AL - Y, caches[-1][0])
    l = L - 1
    while l >= 1:
        dA_prev, grads[f"dW{l}"], _ = activation_backward(dA_prev, caches[l - 1], hidden_activation)
        l -= 1
    return [float(np.sqrt(np.sum(grads[f"dW{k}"] ** 2))) for k in range(1, L + 1)]
