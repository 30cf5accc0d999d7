# mutant: random_mini_batches
# expect: pairs_broken
# changes: shuffles X and Y with different permutations
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    Xs = X[:, rng.permutation(m)]
    Ys = Y[:, rng.permutation(m)]
    return [(Xs[:, k:k + mini_batch_size], Ys[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]
