# mutant: dropout_backward
# expect: inputs_mutated
# changes: dA scaled in place and returned
import numpy as np


def dropout_backward(dA, mask, keep_prob):
    dA *= mask
    dA /= keep_prob
    return dA
