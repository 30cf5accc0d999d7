# mutant: compute_cost
# expect: not_averaged
# changes: sum instead of mean
import numpy as np


def compute_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
