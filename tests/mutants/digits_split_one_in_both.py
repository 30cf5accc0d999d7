# mutant: train_validation_split
# expect: split_bound_off_by_one
# changes: the training set starts at n_val - 1, so one example is in both sets
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_val = int(round(validation_fraction * m))
    val, train = order[:n_val], order[n_val - 1:]
    return X[:, train], labels[train], X[:, val], labels[val]
