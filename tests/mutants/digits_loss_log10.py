# mutant: initial_loss_check
# expect: initial_loss_log_base
# changes: the expected cost is np.log10(C)
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = np.log10(Y.shape[0])
    return cost, expected, abs(cost - expected) < tolerance
