# mutant: compute_cost
# expect: cross_entropy_term_missing
# changes: only the y log a term
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2)) / m)
