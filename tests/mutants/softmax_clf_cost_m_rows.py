# mutant: softmax_cost
# expect: m_from_classes
# changes: m = Y.shape[0]
import numpy as np


def softmax_cost(A, Y):
    m = Y.shape[0]
    return float(-np.sum(Y * np.log(A)) / m)
