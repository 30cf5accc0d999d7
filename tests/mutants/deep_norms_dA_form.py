# mutant: layer_gradient_norms
# expect: norms_output_saturates
# changes: the backward pass starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)) through L_model_backward
import numpy as np


def layer_gradient_norms(X, Y, parameters, hidden_activation="relu"):
    AL, caches = L_model_forward(X, parameters, hidden_activation)
    grads = L_model_backward(AL, Y, caches, hidden_activation)
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, len(caches) + 1)])
