# mutant: dropout_backward
# expect: dropout_backward_scaled_by_keep_prob
# changes: dA * mask * keep_prob
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    dA_prev = np.multiply(dA, mask)
    return dA_prev * keep_prob
