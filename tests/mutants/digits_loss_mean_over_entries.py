# mutant: initial_loss_check
# expect: initial_loss_cost_over_entries
# changes: the cost is -np.mean(Y * np.log(A2)), a mean over all C * m entries
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = -np.mean(Y * np.log(A2))
    expected = np.log(Y.shape[0])
    return cost, expected, abs(cost - expected) < tolerance
