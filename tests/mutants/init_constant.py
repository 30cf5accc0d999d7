# mutant: initialize_parameters
# expect: symmetric_init
# changes: every weight 0.01
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.full((layer_dims[l], layer_dims[l - 1]), 0.01)
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
