# mutant: random_mini_batches
# expect: batch_sizes
# changes: np.array_split into ceil(m / size) nearly equal batches
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    p = rng.permutation(m)
    n = int(np.ceil(m / mini_batch_size))
    return list(zip(np.array_split(X[:, p], n, axis=1), np.array_split(Y[:, p], n, axis=1)))
