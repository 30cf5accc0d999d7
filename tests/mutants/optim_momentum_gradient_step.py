# mutant: momentum_step
# expect: momentum_plain_step
# changes: the velocity is updated but the parameters step along the gradient
import numpy as np


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    v = {d: beta * velocity[d] + (1 - beta) * grads[d] for d in velocity}
    return {k: w - learning_rate * grads["d" + k] for k, w in parameters.items()}, v
