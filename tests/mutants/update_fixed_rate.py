# mutant: update_parameters
# expect: learning_rate_ignored
# changes: uses 0.01 whatever learning_rate
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    for k in parameters:
        parameters[k] = parameters[k] - 0.01 * gradients["d" + k]
    return parameters
