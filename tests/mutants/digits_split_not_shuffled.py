# mutant: train_validation_split
# expect: split_not_shuffled
# changes: the first n_val columns as they come are the validation set, no permutation
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    n_val = int(round(validation_fraction * X.shape[1]))
    return X[:, n_val:], labels[n_val:], X[:, :n_val], labels[:n_val]
