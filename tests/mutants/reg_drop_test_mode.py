# mutant: dropout_forward
# expect: dropout_test_mode_drops
# changes: the train argument ignored: units are dropped at test time too
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    rng = np.random.default_rng(seed)
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    return A * mask / keep_prob, mask
