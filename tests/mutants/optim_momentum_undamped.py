# mutant: momentum_step
# expect: momentum_no_dampening
# changes: v = beta * v + g (no 1 - beta)
import numpy as np


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    v = {d: beta * velocity[d] + grads[d] for d in velocity}
    return {k: w - learning_rate * v["d" + k] for k, w in parameters.items()}, v
