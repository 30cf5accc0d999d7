# honest: in_place_ignored_return
# changes: update_parameters updates the arrays in place; train relies on that and ignores its return value.
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    for name in parameters:
        parameters[name] -= learning_rate * gradients["d" + name]
    return parameters


def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=1000, **kwargs):
    parameters = initialize_parameters(layer_dims, seed=kwargs.get("seed", 0))
    for _ in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        update_parameters(parameters, backward_propagation(X, Y, parameters, cache), learning_rate)
    return parameters
