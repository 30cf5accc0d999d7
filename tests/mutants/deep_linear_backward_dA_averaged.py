# mutant: linear_backward
# expect: dA_prev_averaged
# changes: dA_prev divided by m
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ / m
    return dA_prev, dW, db
