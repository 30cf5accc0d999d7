# honest: mbgd_helper_step
# changes: mini_batch_gradient_descent with a step helper in an added cell and a while loop over epochs
import numpy as np


def sgd_step(params, grads, lr):
    return {k: params[k] - lr * grads["d" + k] for k in params}


def mini_batch_gradient_descent(X, Y, params, learning_rate=0.1, num_epochs=10, mini_batch_size=64, seed=0):
    costs, epoch = [], 0
    while epoch < num_epochs:
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch):
            Yhat, cache = net_forward(X_batch, params)
            costs += [net_cost(Yhat, Y_batch)]
            params = sgd_step(params, net_backward(X_batch, Y_batch, params, cache), learning_rate)
        epoch += 1
    return params, costs
