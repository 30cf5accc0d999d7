# mutant: softmax_jacobian
# expect: jacobian_diagonal_only
# changes: only the diagonal a_i (1 - a_i)
import numpy as np


def softmax_jacobian(a):
    a = a.reshape(-1)
    return np.diag(a * (1 - a))
