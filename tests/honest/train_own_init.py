# honest: train_own_init
# changes: train draws its own start (its own generator, another scale) and reads seed and print_cost from kwargs; any start is fine.
import numpy as np


def train(X, Y, layer_dims, learning_rate=0.5, num_iterations=2000, **kwargs):
    rng = np.random.default_rng(kwargs.get("seed", 7))
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(0.0, 0.05, (layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if kwargs.get("print_cost", False) and i % 1000 == 0:
            print(i, compute_cost(A2, Y))
        grads = backward_propagation(X, Y, parameters, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters
