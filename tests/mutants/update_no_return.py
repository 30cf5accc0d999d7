# mutant: update_parameters
# expect: missing_return
# changes: updates in place but returns nothing
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    for k in parameters:
        parameters[k] -= learning_rate * gradients["d" + k]
