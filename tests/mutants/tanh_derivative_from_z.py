# mutant: tanh_derivative
# expect: derivative_from_z
# changes: applies tanh to the activation again
import numpy as np


def tanh_derivative(a):
    return 1 - np.tanh(a) ** 2
