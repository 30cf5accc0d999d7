# mutant: train_validation_split
# expect: split_rounding
# changes: the validation set rounded up (ceil) instead of to the nearest integer
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    order = np.random.default_rng(seed).permutation(X.shape[1])
    n_val = int(np.ceil(validation_fraction * X.shape[1]))
    return X[:, order[n_val:]], labels[order[n_val:]], X[:, order[:n_val]], labels[order[:n_val]]
