# mutant: initial_loss_check
# expect: initial_loss_no_abs
# changes: passed = cost - log C < tolerance, so any cost far below log C passes
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = np.log(Y.shape[0])
    return cost, expected, cost - expected < tolerance
