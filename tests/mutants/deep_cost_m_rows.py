# mutant: compute_cost_l2
# expect: m_from_rows
# changes: m = Y.shape[0], which is 1, in both terms
import numpy as np


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[0]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(parameters) // 2
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * squares)
