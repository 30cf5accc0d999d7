# mutant: L_model_backward
# expect: dAL_formula
# also: sign_flipped, l2_gradient_missing
# changes: dAL with the wrong sign
import numpy as np


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    dAL = (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        dA_prev, dW, db = activation_backward(grads["dA" + str(l)], caches[l - 1], hidden_activation)
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    if lambd:
        for l in range(1, L + 1):
            grads["dW" + str(l)] = grads["dW" + str(l)] + lambd / m * parameters["W" + str(l)]
    return grads
