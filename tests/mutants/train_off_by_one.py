# mutant: train
# expect: iterations_off_by_one
# changes: range(1, num_iterations): one iteration short
import numpy as np


def train(X, Y, layer_dims, learning_rate=1.2, num_iterations=5000, **kwargs):
    parameters = initialize_parameters(layer_dims)
    for i in range(1, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        gradients = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, gradients, learning_rate)
    return parameters
