# mutant: softmax_cost
# expect: softmax_cost_mean_over_classes
# changes: np.mean over the whole (C, m) array
import numpy as np


def softmax_cost(A, Y):
    return float(-np.mean(Y * np.log(A)))
