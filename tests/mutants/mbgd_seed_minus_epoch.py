# mutant: mini_batch_gradient_descent
# expect: epoch_seed_offset
# changes: epoch e shuffles with seed - e instead of seed + e
import numpy as np


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    params = {name: value.copy() for name, value in params.items()}
    costs = []
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed - epoch):
            Yhat, cache = net_forward(X_batch, params)
            costs.append(net_cost(Yhat, Y_batch))
            grads = net_backward(X_batch, Y_batch, params, cache)
            params = {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
    return params, costs
