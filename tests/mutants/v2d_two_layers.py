# mutant: vector_to_dictionary
# expect: layers_hardcoded
# changes: always cuts W1, b1, W2, b2
import numpy as np


def vector_to_dictionary(theta, layer_dims):
    theta = theta.reshape(-1)
    n_x, n_h, n_y = layer_dims[0], layer_dims[1], layer_dims[2]
    a, b, c = n_h * n_x, n_h * n_x + n_h, n_h * n_x + n_h + n_y * n_h
    return {"W1": theta[:a].reshape(n_h, n_x), "b1": theta[a:b].reshape(n_h, 1),
            "W2": theta[b:c].reshape(n_y, n_h), "b2": theta[c:c + n_y].reshape(n_y, 1)}
