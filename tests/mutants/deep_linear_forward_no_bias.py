# mutant: linear_forward
# expect: bias_missing
# changes: Z without the bias
import numpy as np


def linear_forward(A_prev, W, b):
    Z = W @ A_prev
    return Z, (A_prev, W, b)
