# mutant: per_example_gradients
# expect: per_example_m_from_rows
# changes: m = X.shape[0], one gradient per feature row instead of per example
import numpy as np


def per_example_gradients(X, Y, params):
    m = X.shape[0]
    grads = [net_backward(X[:, [i]], Y[:, [i]], params, net_forward(X[:, [i]], params)[1]) for i in range(m)]
    return {k: np.stack([g[k] for g in grads]) for k in grads[0]}
