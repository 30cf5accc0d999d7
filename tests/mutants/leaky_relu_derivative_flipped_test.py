# mutant: leaky_relu_derivative
# expect: leaky_branches_swapped
# changes: np.where(z < 0, 1.0, alpha), the two slopes on the wrong sides of the kink
import numpy as np


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(z < 0, 1.0, alpha)
