# mutant: momentum_step
# expect: momentum_beta_swapped
# changes: v = (1 - beta) * v + beta * g
import numpy as np


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    v = {d: (1 - beta) * velocity[d] + beta * grads[d] for d in velocity}
    return {k: w - learning_rate * v["d" + k] for k, w in parameters.items()}, v
