# mutant: momentum_step
# expect: inputs_mutated
# changes: the caller's velocity and parameters updated in place (and returned)
import numpy as np


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    for k in parameters:
        velocity["d" + k] *= beta
        velocity["d" + k] += (1 - beta) * grads["d" + k]
        parameters[k] -= learning_rate * velocity["d" + k]
    return parameters, velocity
