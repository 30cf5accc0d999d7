# mutant: softmax
# expect: softmax_wrong_axis
# changes: normalises the rows (axis=1)
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)
