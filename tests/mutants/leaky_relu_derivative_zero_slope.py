# mutant: leaky_relu_derivative
# expect: leaky_slope_missing
# changes: 0 for negative z
import numpy as np


def leaky_relu_derivative(z, alpha=0.01):
    return (z > 0).astype(float)
