# mutant: initial_loss_check
# expect: initial_loss_tolerance_ignored
# changes: compares with a fixed 0.1 whatever tolerance says
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = np.log(Y.shape[0])
    return cost, expected, abs(cost - expected) < 0.1
