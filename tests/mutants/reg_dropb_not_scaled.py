# mutant: dropout_backward
# expect: dropout_backward_not_scaled
# changes: the backward pass forgets the 1 / keep_prob of the forward
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    return dA * mask
