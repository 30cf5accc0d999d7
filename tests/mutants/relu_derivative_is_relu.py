# mutant: relu_derivative
# expect: derivative_is_function
# changes: returns relu(z)
import numpy as np


def relu_derivative(z):
    return np.maximum(0, z)
