# mutant: relu_derivative
# expect: relu_derivative_sign
# changes: np.sign(z) as the derivative (-1 on the negative side)
import numpy as np


def relu_derivative(z):
    return np.sign(z)
