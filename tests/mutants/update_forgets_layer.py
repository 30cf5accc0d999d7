# mutant: update_parameters
# expect: parameter_not_updated
# changes: updates only layer 1
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    parameters["W1"] = parameters["W1"] - learning_rate * gradients["dW1"]
    parameters["b1"] = parameters["b1"] - learning_rate * gradients["db1"]
    return parameters
