# honest: uniform_init
# changes: Xavier-uniform weights from a RandomState, float zeros for the biases.
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    rs = np.random.RandomState(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        limit = np.sqrt(6 / (layer_dims[l] + layer_dims[l - 1]))
        params["W%d" % l] = rs.uniform(-limit, limit, size=(layer_dims[l], layer_dims[l - 1]))
        params["b%d" % l] = np.zeros((layer_dims[l], 1))
    return params
