# mutant: per_example_gradients
# expect: averaged_twice
# changes: divides every example's gradient by m, as if each were already part of the mean
import numpy as np


def per_example_gradients(X, Y, params):
    m = X.shape[1]
    gradients = []
    for i in range(m):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        g = net_backward(x, y, params, net_forward(x, params)[1])
        gradients.append({k: v / m for k, v in g.items()})
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
