# mutant: leaky_relu_derivative
# expect: alpha_ignored
# changes: 0.01 whatever alpha
import numpy as np


def leaky_relu_derivative(z, alpha=0.01):
    dz = np.ones_like(z)
    dz[z <= 0] = 0.01
    return dz
