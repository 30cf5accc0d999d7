# mutant: per_example_gradients
# expect: per_example_slice
# changes: example i cut as X[:, i:i + 2], Y[:, i:i + 2] (two columns, one at the end)
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 2], Y[:, i:i + 2]
        _, cache = net_forward(x, params)
        gradients.append(net_backward(x, y, params, cache))
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
