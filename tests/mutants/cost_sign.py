# mutant: compute_cost
# expect: sign_flipped
# changes: forgets the leading minus
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
