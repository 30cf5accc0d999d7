# mutant: train_validation_split
# expect: split_legacy_rng
# changes: np.random.seed(seed) and np.random.permutation instead of default_rng
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    np.random.seed(seed)
    order = np.random.permutation(X.shape[1])
    n_val = int(round(validation_fraction * X.shape[1]))
    return X[:, order[n_val:]], labels[order[n_val:]], X[:, order[:n_val]], labels[order[:n_val]]
