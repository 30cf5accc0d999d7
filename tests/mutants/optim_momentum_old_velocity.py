# mutant: momentum_step
# expect: momentum_old_velocity
# changes: the parameters step along the velocity passed in, the new one computed after
import numpy as np


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_p = {k: w - learning_rate * velocity["d" + k] for k, w in parameters.items()}
    return new_p, {d: beta * velocity[d] + (1 - beta) * grads[d] for d in velocity}
