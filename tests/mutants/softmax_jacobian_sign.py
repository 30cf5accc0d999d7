# mutant: softmax_jacobian
# expect: sign_flipped
# changes: a a^T - diag(a)
import numpy as np


def softmax_jacobian(a):
    a = a.reshape(-1)
    return np.outer(a, a) - np.diag(a)
