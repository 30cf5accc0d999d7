# mutant: random_mini_batches
# expect: remainder_dropped
# changes: only the complete batches
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    p = rng.permutation(m)
    Xs, Ys = X[:, p], Y[:, p]
    return [(Xs[:, k * mini_batch_size:(k + 1) * mini_batch_size], Ys[:, k * mini_batch_size:(k + 1) * mini_batch_size])
            for k in range(m // mini_batch_size)]
