# mutant: initialize_parameters
# expect: bias_shape
# changes: b of shape (n,)
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters["b" + str(l)] = np.zeros(layer_dims[l])
    return parameters
