# mutant: linear_backward
# expect: bias_keepdims
# changes: db without keepdims
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
