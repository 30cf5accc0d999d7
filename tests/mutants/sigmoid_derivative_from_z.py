# mutant: sigmoid_derivative
# expect: derivative_from_z
# changes: applies sigmoid to the activation again
import numpy as np


def sigmoid_derivative(a):
    s = 1 / (1 + np.exp(-a))
    return s * (1 - s)
