# mutant: activation_forward
# expect: relu_min_max
# changes: relu as np.minimum
import numpy as np


def activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.minimum(0, Z)
    elif activation == "tanh":
        A = np.tanh(Z)
    else:
        A = 1 / (1 + np.exp(-Z))
    return A, (linear_cache, Z)
