# mutant: initial_loss_check
# expect: initial_loss_classes_from_features
# changes: C taken as X.shape[0], the number of features
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = np.log(X.shape[0])
    return cost, expected, abs(cost - expected) < tolerance
