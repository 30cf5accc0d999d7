# mutant: per_example_gradients
# expect: inputs_mutated
# changes: scales the caller's W2 in place while computing
import numpy as np


def per_example_gradients(X, Y, params):
    gradients = []
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        gradients.append(net_backward(x, y, params, net_forward(x, params)[1]))
    params["W2"] *= 1.0 + 0 * params["W2"]
    params["b1"] += 0.0
    params["W1"] -= 1e-3
    return {name: np.stack([g[name] for g in gradients]) for name in gradients[0]}
