# mutant: leaky_relu
# expect: alpha_ignored
# changes: uses 0.01 whatever alpha
import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, 0.01 * z)
