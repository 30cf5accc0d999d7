# honest: mbgd_in_place_on_copy
# changes: mini_batch_gradient_descent updating a copy in place with -=, float costs, tqdm over epochs
import numpy as np
from tqdm import tqdm


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    params = {k: np.array(v, dtype=float) for k, v in params.items()}
    costs = []
    for epoch in tqdm(range(num_epochs), disable=True):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed + epoch):
            Yhat, cache = net_forward(X_batch, params)
            grads = net_backward(X_batch, Y_batch, params, cache)
            costs.append(float(net_cost(Yhat, Y_batch)))
            for name in params:
                params[name] -= learning_rate * grads["d" + name]
    return params, costs
