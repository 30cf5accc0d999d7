# mutant: softmax_cost
# expect: not_averaged
# changes: summed over the examples, not averaged
import numpy as np


def softmax_cost(A, Y):
    return float(-np.sum(Y * np.log(A)))
