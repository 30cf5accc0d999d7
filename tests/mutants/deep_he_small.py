# mutant: initialize_he
# expect: he_too_small
# changes: * 0.01 as in notebook 3
import numpy as np


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
