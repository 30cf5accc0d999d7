# mutant: softmax
# expect: softmax_global_max
# changes: one maximum for the whole matrix (np.max(z)) subtracted before np.exp, not each column's
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=0, keepdims=True)
