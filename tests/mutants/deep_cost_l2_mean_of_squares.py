# mutant: compute_cost_l2
# expect: l2_mean_of_squares
# changes: the L2 term takes np.mean(W ** 2) of each layer, not the sum of the squares
import numpy as np


def compute_cost_l2(AL, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    L = len(parameters) // 2
    total = sum(np.mean(parameters["W" + str(l)] ** 2) for l in range(1, L + 1))
    return float(cross_entropy + lambd / (2 * m) * total)
