# mutant: linear_backward
# expect: bias_sum_axis
# also: axis_past_the_last
# changes: db summed over axis=2, which a 2-D dZ does not have (AxisError, error evidence)
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=2, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
