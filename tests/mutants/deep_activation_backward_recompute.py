# mutant: activation_backward
# expect: cache_not_used
# changes: Z recomputed from the linear cache
import numpy as np


def activation_backward(dA, cache, activation):
    linear_cache, _ = cache
    Z = linear_cache[1] @ linear_cache[0] + linear_cache[2]
    if activation == "relu":
        dZ = dA * (Z > 0)
    elif activation == "tanh":
        dZ = dA * (1 - np.tanh(Z) ** 2)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ, linear_cache)
