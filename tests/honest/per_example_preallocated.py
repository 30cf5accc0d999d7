# honest: per_example_preallocated
# changes: per_example_gradients computed into preallocated arrays, column index as a list
import numpy as np


def per_example_gradients(X, Y, params):
    m = X.shape[1]
    out = None
    for i in range(m):
        x, y = X[:, [i]], Y[:, [i]]
        g = net_backward(x, y, params, net_forward(x, params)[1])
        if out is None:
            out = {k: np.zeros((m,) + v.shape) for k, v in g.items()}
        for k, v in g.items():
            out[k][i] = v
    return out
