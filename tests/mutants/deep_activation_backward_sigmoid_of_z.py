# mutant: activation_backward
# expect: derivative_of_z_as_a
# changes: sigmoid derivative Z (1 - Z)
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * Z * (1 - Z)
    return linear_backward(dZ, linear_cache)
