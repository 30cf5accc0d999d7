# mutant: softmax
# expect: softmax_overflow
# changes: no max subtraction: overflow on large logits
import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / np.sum(e, axis=0, keepdims=True)
