# mutant: update_parameters
# expect: sign_flipped
# changes: adds the gradient
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    return {k: v + learning_rate * gradients["d" + k] for k, v in parameters.items()}
