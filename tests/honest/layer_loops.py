# honest: layer_loops
# changes: loops over layers with len(parameters) // 2 (update in place), np.random.seed + randn with He scale, vectors built in layer order found by sorting on the layer number.
import numpy as np


def initialize_parameters(layer_dims, seed=0):
    np.random.seed(seed)
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def update_parameters(parameters, gradients, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] -= learning_rate * gradients["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] -= learning_rate * gradients["db" + str(l + 1)]
    return parameters


def _layer_order(d):
    """Keys sorted by layer number, W before b."""
    return sorted(d, key=lambda k: (int(k.lstrip("dWb")), k.lstrip("d")[0] != "W"))


def dictionary_to_vector(d):
    keys = [k for k in _layer_order(d) if k.lstrip("d")[:1] in ("W", "b")]
    return np.vstack([np.ravel(d[k]).reshape(-1, 1) for k in keys])


def vector_to_dictionary(theta, layer_dims):
    flat = np.ravel(theta)
    parameters = {}
    i = 0
    for l in range(1, len(layer_dims)):
        rows, cols = layer_dims[l], layer_dims[l - 1]
        parameters["W%d" % l] = np.array(flat[i:i + rows * cols]).reshape((rows, cols))
        i += rows * cols
        parameters["b%d" % l] = np.array(flat[i:i + rows]).reshape((rows, 1))
        i += rows
    return parameters
