# mutant: sigmoid
# expect: sigmoid_exponent_sign
# changes: exp(z) instead of exp(-z)
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(z))
