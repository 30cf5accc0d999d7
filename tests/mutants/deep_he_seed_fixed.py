# mutant: initialize_he
# expect: seed_ignored_fixed
# changes: default_rng(0)
import numpy as np


def initialize_he(layer_dims, seed=0):
    rng = np.random.default_rng(0)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
