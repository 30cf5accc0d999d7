# mutant: tanh_derivative
# expect: missing_square
# changes: 1 - a instead of 1 - a^2
import numpy as np


def tanh_derivative(a):
    return 1 - a
