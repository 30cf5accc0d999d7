# honest: per_example_helper
# changes: per_example_gradients through a helper in an added cell that returns a list of tuples
import numpy as np


def gradients_of_column(X, Y, params, i):
    x, y = X[:, i:i + 1], Y[:, i:i + 1]
    cache = net_forward(x, params)[1]
    return net_backward(x, y, params, cache)


def per_example_gradients(X, Y, params):
    pairs = [gradients_of_column(X, Y, params, i) for i in range(X.shape[1])]
    keys = list(pairs[0].keys())
    return dict(zip(keys, (np.stack([p[k] for p in pairs], axis=0) for k in keys)))
