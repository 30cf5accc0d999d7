# mutant: initialize_parameters
# expect: layers_hardcoded
# changes: always exactly two layers
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    rng = np.random.default_rng(seed)
    n_x, n_h, n_y = layer_dims[0], layer_dims[1], layer_dims[-1]
    return {
        "W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
        "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1)),
    }
