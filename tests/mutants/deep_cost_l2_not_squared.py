# mutant: compute_cost_l2
# expect: l2_not_squared
# changes: the L2 term sums the absolute values of the weights (an L1 penalty), not their squares
import numpy as np


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(parameters) // 2
    total = sum(np.sum(np.abs(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * total)
