# mutant: dropout_forward
# expect: dropout_legacy_rng
# changes: the mask drawn the DLS way, np.random.seed(seed) then np.random.rand
import numpy as np


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A.copy(), None
    np.random.seed(seed)
    D = np.random.rand(A.shape[0], A.shape[1])
    D = (D < keep_prob).astype(int)
    return A * D / keep_prob, D
