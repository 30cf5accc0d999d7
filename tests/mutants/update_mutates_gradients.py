# mutant: update_parameters
# expect: inputs_mutated
# changes: scales the caller's gradients in place
import numpy as np


def update_parameters(parameters, gradients, learning_rate):
    for k in gradients:
        gradients[k] *= learning_rate
    return {k: v - gradients["d" + k] for k, v in parameters.items()}
