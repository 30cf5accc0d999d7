# honest: vector_tools
# changes: dictionary_to_vector / vector_to_dictionary with np.split and np.cumsum; keys found by sorting on the layer number.
import numpy as np


def dictionary_to_vector(d):
    names = sorted((k for k in d if k.lstrip("d")[0] in "Wb"), key=lambda k: (int(k.lstrip("dWb")), k.lstrip("d")[0] != "W"))
    return np.concatenate([np.ravel(d[k]) for k in names])[:, None]


def vector_to_dictionary(theta, layer_dims):
    shapes = []
    for l in range(1, len(layer_dims)):
        shapes += [("W%d" % l, (layer_dims[l], layer_dims[l - 1])), ("b%d" % l, (layer_dims[l], 1))]
    sizes = [int(np.prod(s)) for _, s in shapes]
    pieces = np.split(np.ravel(theta), np.cumsum(sizes)[:-1])
    return {name: piece.reshape(shape) for (name, shape), piece in zip(shapes, pieces)}


def update_parameters(parameters, gradients, learning_rate):
    new = dict(parameters)
    for name, value in parameters.items():
        new[name] = value + (-learning_rate) * gradients["d" + name]
    return new
