# mutant: per_example_gradients
# expect: per_example_averaged
# changes: returns the mean over the examples instead of the stack
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = [net_backward(X[:, i:i + 1], Y[:, i:i + 1], params, net_forward(X[:, i:i + 1], params)[1])
                 for i in range(X.shape[1])]
    return {name: np.mean([g[name] for g in gradients], axis=0) for name in gradients[0]}
