# mutant: linear_backward
# expect: elementwise_for_product
# changes: dW = dZ * A_prev.T / m, `*` where the matrix product `@` belongs
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ * A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
