# mutant: initial_loss_check
# expect: initial_loss_uniform_probability
# changes: the expected value is 1 / C, the uniform probability, not its cost
import numpy as np


def initial_loss_check(X, Y, parameters, tolerance=0.1):
    A2, _ = classifier_forward(X, parameters)
    cost = softmax_cost(A2, Y)
    expected = 1 / Y.shape[0]
    return cost, expected, abs(cost - expected) < tolerance
