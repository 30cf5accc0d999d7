# mutant: initialize_parameters
# expect: symmetric_init
# changes: equal rows made "different" by a denormal first column
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    parameters = {}
    for l in range(1, len(layer_dims)):
        W = np.full((layer_dims[l], layer_dims[l - 1]), 0.01)
        W[:, 0] = 0.01 + np.arange(layer_dims[l]) * 1e-18
        parameters["W" + str(l)] = W
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
