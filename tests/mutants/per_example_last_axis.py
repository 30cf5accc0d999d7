# mutant: per_example_gradients
# expect: per_example_axis
# changes: stacks the examples along the last axis
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        gradients.append(net_backward(x, y, params, net_forward(x, params)[1]))
    return {name: np.stack([g[name] for g in gradients], axis=-1) for name in gradients[0]}
