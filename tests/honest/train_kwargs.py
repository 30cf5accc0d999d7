# honest: train_kwargs
# changes: train with extra keyword arguments (seed, print_cost, a cost history), its own init seed, early exit never taken.
import numpy as np


def train(X, Y, layer_dims, learning_rate=0.0075, num_iterations=3000, seed=3, print_cost=False, costs=None, **kwargs):
    parameters = initialize_parameters(layer_dims, seed=seed)
    history = [] if costs is None else costs
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        history.append(compute_cost(A2, Y))
        if history[-1] < 1e-12:
            break
        grads = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 500 == 0:
            print(i, history[-1])
    return parameters
