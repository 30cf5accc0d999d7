# mutant: softmax_cost
# expect: sign_flipped
# changes: the minus sign dropped
import numpy as np


def softmax_cost(A, Y):
    return float(np.sum(Y * np.log(A)) / Y.shape[1])
