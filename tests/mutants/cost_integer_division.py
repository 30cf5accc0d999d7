# mutant: compute_cost
# expect: integer_division
# changes: 1 // m in front of the sum
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-(1 // m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
