# mutant: softmax_jacobian
# expect: jacobian_outer_missing
# changes: a @ a.T is a scalar for a of shape (K,)
import numpy as np


def softmax_jacobian(a):
    return np.diagflat(a) - a @ a.T
