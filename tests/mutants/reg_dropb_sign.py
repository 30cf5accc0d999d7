# mutant: dropout_backward
# expect: sign_flipped
# changes: a minus sign, as if dropout subtracted
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    return -dA * mask / keep_prob
