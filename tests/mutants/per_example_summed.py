# mutant: per_example_gradients
# expect: per_example_summed
# changes: adds the per-example gradients up instead of stacking them
import numpy as np


def per_example_gradients(X, Y, params):
    total = None
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        g = net_backward(x, y, params, net_forward(x, params)[1])
        total = g if total is None else {k: total[k] + g[k] for k in g}
    return total
