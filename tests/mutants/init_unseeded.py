# mutant: initialize_parameters
# expect: seed_ignored_random
# changes: an unseeded generator: every call gives other weights
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    rng = np.random.default_rng()
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
