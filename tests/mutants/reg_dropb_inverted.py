# mutant: dropout_backward
# expect: dropout_backward_mask_inverted
# changes: the gradient passed through the dropped units (1 - mask)
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    dropped = mask == 0
    return dA * dropped / keep_prob
