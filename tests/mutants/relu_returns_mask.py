# mutant: relu
# expect: relu_returns_mask
# changes: returns the 0/1 mask
import numpy as np


def relu(z):
    return (z > 0).astype(float)
