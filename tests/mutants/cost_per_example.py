# mutant: compute_cost
# expect: cost_not_reduced
# changes: returns the per-example losses
import numpy as np


def compute_cost(A2, Y):
    return -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
