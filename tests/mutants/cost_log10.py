# mutant: compute_cost
# expect: log_base
# changes: np.log10 instead of the natural logarithm
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)) / m)
