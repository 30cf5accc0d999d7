# mutant: leaky_relu
# expect: inputs_mutated
# changes: scales the negative entries of the caller's array in place
import numpy as np


def leaky_relu(z, alpha=0.01):
    z[z <= 0] *= alpha
    return z
