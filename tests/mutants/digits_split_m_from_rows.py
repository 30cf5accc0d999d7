# mutant: train_validation_split
# expect: split_m_from_rows
# changes: m = X.shape[0], the number of features
import numpy as np


def train_validation_split(X, labels, validation_fraction=0.2, seed=0):
    m = X.shape[0]
    order = np.random.default_rng(seed).permutation(m)
    n_val = int(round(validation_fraction * m))
    return X[:, order[n_val:]], labels[order[n_val:]], X[:, order[:n_val]], labels[order[:n_val]]
