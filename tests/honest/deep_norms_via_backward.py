# honest: deep_norms_via_backward
# changes: L_model_backward starts from dZ<L> = AL - Y with linear_backward (the notebook's stated alternative), and
# layer_gradient_norms takes its norms from that L_model_backward's dW<l>
import numpy as np


def L_model_backward(AL, Y, caches, hidden_activation="relu", lambd=0.0, parameters=None):
    L = len(caches)
    m = AL.shape[1]
    grads = {}
    dA, dW, db = linear_backward(AL - Y, caches[L - 1][0])
    grads[f"dW{L}"], grads[f"db{L}"], grads[f"dA{L - 1}"] = dW, db, dA
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = activation_backward(dA, caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"] = dA
    if lambd:
        for l in range(1, L + 1):
            grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * caches[l - 1][0][1]
    return grads


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    grads = L_model_backward(AL, Y, caches, hidden_activation)
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, len(caches) + 1)])
