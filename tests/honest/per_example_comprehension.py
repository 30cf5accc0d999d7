# honest: per_example_comprehension
# changes: per_example_gradients as comprehensions with np.array, reshape of a 1-D column, and tqdm
import numpy as np
from tqdm.auto import tqdm


def per_example_gradients(X, Y, params):
    def one(i):
        x = X[:, i].reshape(-1, 1)
        y = Y[:, i].reshape(1, 1)
        return net_backward(x, y, params, net_forward(x, params)[1])
    grads = [one(i) for i in tqdm(range(X.shape[1]), disable=True)]
    return {k: np.array([g[k] for g in grads]) for k in ("dW1", "db1", "dW2", "db2")}
