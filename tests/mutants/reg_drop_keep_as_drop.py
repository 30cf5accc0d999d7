# mutant: dropout_forward
# expect: dropout_keep_prob_drops
# changes: mask = draw > keep_prob (keep_prob read as the probability of dropping)
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A.copy(), None
    rng = np.random.default_rng(seed)
    mask = (rng.random(A.shape) > keep_prob).astype(float)
    return A * mask / keep_prob, mask
