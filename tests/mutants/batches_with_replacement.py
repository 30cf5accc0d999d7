# mutant: random_mini_batches
# expect: not_a_partition
# changes: draws each batch's columns at random with replacement
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    batches = []
    for k in range(0, m, mini_batch_size):
        idx = rng.integers(0, m, size=min(mini_batch_size, m - k))
        batches.append((X[:, idx], Y[:, idx]))
    return batches
