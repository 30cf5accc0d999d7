# mutant: relu_derivative
# expect: relu_mask_inverted
# changes: 1 where z < 0
import numpy as np


def relu_derivative(z):
    return (z < 0).astype(float)
