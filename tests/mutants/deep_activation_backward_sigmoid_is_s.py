# mutant: activation_backward
# expect: activation_not_derivative
# changes: sigmoid backward multiplies by s
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s
    return linear_backward(dZ, linear_cache)
