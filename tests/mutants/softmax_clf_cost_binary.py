# mutant: softmax_cost
# expect: softmax_cost_binary_formula
# changes: the binary cross-entropy on every class
import numpy as np


def softmax_cost(A, Y):
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])
