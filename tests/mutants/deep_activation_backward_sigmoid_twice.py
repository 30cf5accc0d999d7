# mutant: activation_backward
# expect: sigmoid_derivative_formula
# changes: the sigmoid derivative applied twice: dZ = dA * s (1 - s) * s (1 - s)
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
        dZ = dZ * s * (1 - s)
    return linear_backward(dZ, linear_cache)
