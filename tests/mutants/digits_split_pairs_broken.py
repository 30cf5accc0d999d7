# mutant: train_validation_split
# expect: split_pairs_broken
# changes: X and the labels are shuffled by two different draws of the same generator
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    X = X[:, rng.permutation(m)]
    labels = labels[rng.permutation(m)]
    n_val = int(round(validation_fraction * m))
    return X[:, n_val:], labels[n_val:], X[:, :n_val], labels[:n_val]
