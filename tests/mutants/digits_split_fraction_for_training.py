# mutant: train_validation_split
# expect: split_fraction_for_training
# changes: validation_fraction read as the training share: the first round(fraction * m) examples train
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_val = m - int(round(validation_fraction * m))
    return X[:, order[n_val:]], labels[order[n_val:]], X[:, order[:n_val]], labels[order[:n_val]]
