# mutant: compute_cost_l2
# expect: l2_unscaled
# changes: the L2 term is lambd times the sum of squares, without the 1 / (2 m)
import numpy as np


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    L = len(parameters) // 2
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    return float(cross_entropy + lambd * squares)
