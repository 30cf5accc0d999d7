# mutant: dropout_backward
# expect: dropout_backward_mask_missing
# changes: only the rescaling, the mask not applied
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    return dA / keep_prob
