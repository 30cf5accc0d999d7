# mutant: linear_forward
# expect: linear_cache_order
# changes: cache (W, A_prev, b)
import numpy as np


def linear_forward(A_prev, W, b):
    Z = W @ A_prev + b
    return Z, (W, A_prev, b)
