# mutant: dropout_forward
# expect: dropout_seed_ignored
# changes: the generator seeded with 0 whatever the seed argument
import numpy as np

RNG_SEED = 0


def dropout_forward(A, keep_prob, seed=0, train=True):
    if not train:
        return A.copy(), None
    rng = np.random.default_rng(RNG_SEED)
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    return A * mask / keep_prob, mask
