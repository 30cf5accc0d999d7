# mutant: softmax
# expect: softmax_sum_all
# changes: divides by the sum of the whole array
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e)
