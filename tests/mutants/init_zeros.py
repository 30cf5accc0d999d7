# mutant: initialize_parameters
# expect: zero_init
# changes: all weights zero
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
