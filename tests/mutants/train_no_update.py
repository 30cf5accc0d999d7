# mutant: train
# expect: never_updates
# changes: computes the gradients but never updates
import numpy as np


def train(X, Y, layer_dims, learning_rate=1.2, num_iterations=5000, **kwargs):
    parameters = initialize_parameters(layer_dims)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        gradients = backward_propagation(X, Y, parameters, cache)
    return parameters
