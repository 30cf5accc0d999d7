# mutant: per_example_gradients
# expect: per_example_slice
# changes: x = X[:, i:i + 2] but y = Y[:, i:i + 1]: the provided backward raises a matmul mismatch (error evidence)
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 2], Y[:, i:i + 1]
        _, cache = net_forward(x, params)
        gradients.append(net_backward(x, y, params, cache))
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
