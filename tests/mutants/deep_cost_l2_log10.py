# mutant: compute_cost_l2
# expect: log_base
# changes: np.log10 in the cross-entropy part
import numpy as np


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log10(AL) + (1 - Y) * np.log10(1 - AL)) / m
    L = len(parameters) // 2
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * squares)
