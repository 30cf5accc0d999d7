# honest: index_batches
# changes: shuffles an index list with random.Random, returns a tuple of lists [X_batch, Y_batch], concatenates columns one by one.
import random
import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    order = list(range(X.shape[1]))
    random.Random(seed + 12345).shuffle(order)
    batches = []
    for start in range(0, len(order), mini_batch_size):
        idx = order[start:start + mini_batch_size]
        xb = np.concatenate([X[:, [i]] for i in idx], axis=1)
        yb = np.concatenate([Y[:, [i]] for i in idx], axis=1)
        batches.append([xb, yb])
    return tuple(batches)
