# honest: optim_copy_loops
# changes: the optimisers on deep copies updated in place (copy.deepcopy, then -= and *=), the state's moments
# built with a comprehension over the sorted keys, momentum written as v + (1 - beta) * (g - v)
import copy

import numpy as np


def initialize_adam(parameters):
    keys = sorted(parameters)
    return {"m": {"d" + k: np.zeros_like(parameters[k], dtype=np.float64) for k in keys},
            "v": {"d" + k: np.zeros_like(parameters[k], dtype=np.float64) for k in keys}, "t": 0}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    p, vel = copy.deepcopy(parameters), copy.deepcopy(velocity)
    for k in p:
        vel["d" + k] += (1 - beta) * (grads["d" + k] - vel["d" + k])
        p[k] -= learning_rate * vel["d" + k]
    return p, vel


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    p, new = copy.deepcopy(parameters), copy.deepcopy(state)
    new["t"] += 1
    for k in p:
        g = grads["d" + k]
        new["m"]["d" + k] *= beta1
        new["m"]["d" + k] += (1 - beta1) * g
        new["v"]["d" + k] *= beta2
        new["v"]["d" + k] += (1 - beta2) * np.square(g)
        p[k] -= learning_rate * (new["m"]["d" + k] / (1 - beta1 ** new["t"])) / (
            np.sqrt(new["v"]["d" + k] / (1 - beta2 ** new["t"])) + epsilon)
    return p, new
