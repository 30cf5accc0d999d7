# mutant: activation_backward
# expect: tanh_derivative_formula
# changes: tanh's derivative written 1 + tanh(Z)**2
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 + np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
