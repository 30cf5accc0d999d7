# honest: deep_relu_slope_one_at_zero
# changes: activation_backward's ReLU mask Z >= 0 (slope 1 at exactly 0, which the contract accepts), as floats
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * np.where(Z >= 0, 1.0, 0.0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
