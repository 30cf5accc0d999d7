# mutant: dropout_forward
# expect: dropout_not_scaled
# changes: plain (not inverted) dropout: A * mask, no division by keep_prob
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A, None
    mask = np.random.default_rng(seed).random(A.shape) < keep_prob
    return A * mask, mask
