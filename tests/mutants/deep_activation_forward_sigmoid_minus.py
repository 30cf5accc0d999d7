# mutant: activation_forward
# expect: sigmoid_formula
# changes: sigmoid written 1 / (1 - np.exp(-Z))
import numpy as np


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.maximum(0, Z)
    elif activation == "tanh":
        A = np.tanh(Z)
    else:
        A = 1 / (1 - np.exp(-Z))
    return A, (linear_cache, Z)
