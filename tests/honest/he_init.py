# honest: he_init
# changes: He initialisation with the legacy global RNG (np.random.seed / randn), biases by np.zeros_like.
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros_like(parameters[f"W{l}"][:, :1])
    return parameters
