# mutant: vector_to_dictionary
# expect: flatten_order
# changes: reshapes W column by column
import numpy as np


def vector_to_dictionary(theta, layer_dims):
    theta = theta.reshape(-1)
    parameters, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = theta[start:start + n * n_prev].reshape((n, n_prev), order="F")
        start += n * n_prev
        parameters["b" + str(l)] = theta[start:start + n].reshape(n, 1)
        start += n
    return parameters
