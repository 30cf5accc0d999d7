# mutant: initial_loss_check
# expect: initial_loss_ten_classes
# changes: the digits' log 10 hard-coded
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    return cost, np.log(10), abs(cost - np.log(10)) < tolerance
