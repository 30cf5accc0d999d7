# mutant: leaky_relu
# expect: leaky_branches_swapped
# changes: alpha * z for positive z
import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, alpha * z, z)
