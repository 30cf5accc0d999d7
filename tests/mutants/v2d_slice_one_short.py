# mutant: vector_to_dictionary
# expect: vector_slices
# changes: the W slice stops one entry short (start:start + n * n_prev - 1): a reshape error
import numpy as np


def vector_to_dictionary(theta, layer_dims):
    theta = theta.reshape(-1)
    parameters, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = theta[start:start + n * n_prev - 1].reshape(n, n_prev)
        start += n * n_prev
        parameters["b" + str(l)] = theta[start:start + n].reshape(n, 1)
        start += n
    return parameters
