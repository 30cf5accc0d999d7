# mutant: linear_backward
# expect: not_averaged
# changes: no 1/m
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = 1
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
