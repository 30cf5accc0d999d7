# mutant: train_validation_split
# expect: split_validation_at_end
# changes: the training set is the start of the permutation, the validation set its last n_val entries
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_train = m - int(round(validation_fraction * m))
    train, val = order[:n_train], order[n_train:]
    return X[:, train], labels[train], X[:, val], labels[val]
