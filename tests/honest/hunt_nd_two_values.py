# honest: hunt_nd_two_values
# changes: numerical_derivative from the two values named first, 2.0 * h, an np.float64 returned
import numpy as np


def numerical_derivative(f, x, epsilon=1e-5):
    h = epsilon
    right, left = f(x + h), f(x - h)
    return np.float64(right - left) / (2.0 * h)
