# mutant: dropout_forward
# expect: dropout_test_mode_scaled
# changes: test mode scales by keep_prob (the rule of non-inverted dropout) on top of inverted training
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return keep_prob * A, None
    rng = np.random.default_rng(seed)
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    return A * mask / keep_prob, mask
