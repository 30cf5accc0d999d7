# mutant: per_example_gradients
# expect: per_example_full_batch
# changes: passes the whole batch at every step of the loop
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        _, cache = net_forward(X, params)
        gradients.append(net_backward(X, Y, params, cache))
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
