# mutant: softmax_cost
# expect: log_base
# changes: np.log10
import numpy as np


def softmax_cost(A, Y):
    return float(-np.sum(Y * np.log10(A)) / Y.shape[1])
