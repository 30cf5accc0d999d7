# mutant: linear_forward
# expect: matrix_dimensions
# changes: A_prev.T @ W.T
import numpy as np


def linear_forward(A_prev, W, b):
    Z = (A_prev.T @ W.T).T + b if A_prev.shape[0] == W.shape[0] else A_prev.T @ W.T + b
    return Z, (A_prev, W, b)
