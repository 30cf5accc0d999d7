# mutant: random_mini_batches
# expect: inputs_mutated
# changes: shuffles the caller's X and Y in place
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    p = rng.permutation(m)
    X[:, :] = X[:, p]
    Y[:, :] = Y[:, p]
    return [(X[:, k:k + mini_batch_size].copy(), Y[:, k:k + mini_batch_size].copy()) for k in range(0, m, mini_batch_size)]
