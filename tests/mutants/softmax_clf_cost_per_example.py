# mutant: softmax_cost
# expect: cost_not_reduced
# changes: the per-example losses returned
import numpy as np


def softmax_cost(A, Y):
    return -np.sum(Y * np.log(A), axis=0)
