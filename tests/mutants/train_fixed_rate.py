# mutant: train
# expect: learning_rate_ignored_by_train
# also: not_converged
# changes: ignores learning_rate (uses 0.01)
import numpy as np


def train(X, Y, layer_dims, learning_rate=1.2, num_iterations=5000, **kwargs):
    parameters = initialize_parameters(layer_dims)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        gradients = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, gradients, 0.01)
    return parameters
