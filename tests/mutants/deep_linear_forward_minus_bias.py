# mutant: linear_forward
# expect: bias_missing
# changes: the bias subtracted
import numpy as np


def linear_forward(A_prev, W, b):
    Z = W @ A_prev - b
    return Z, (A_prev, W, b)
