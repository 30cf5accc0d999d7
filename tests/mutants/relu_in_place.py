# mutant: relu
# expect: inputs_mutated
# changes: zeroes the negative entries of the caller's array
import numpy as np


def relu(z):
    z[z < 0] = 0
    return z
