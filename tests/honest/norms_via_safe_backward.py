# honest: norms_via_safe_backward
# changes: layer_gradient_norms through a helper backward pass of its own (dZL = AL - Y, then the blocks),
# returning the dict of gradients, and the norms from np.linalg.norm of each flattened dW
import numpy as np


def _gradients_from_logits(AL, Y, caches, hidden_activation):
    L = len(caches)
    grads = {}
    dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(AL - Y, caches[L - 1][0])
    for l in reversed(range(1, L)):
        dA, grads["dW" + str(l)], grads["db" + str(l)] = activation_backward(dA, caches[l - 1], hidden_activation)
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    grads = _gradients_from_logits(AL, Y, caches, hidden_activation)
    return np.array([np.linalg.norm(grads["dW" + str(l)].ravel()) for l in range(1, len(caches) + 1)])
