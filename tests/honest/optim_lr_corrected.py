# honest: optim_lr_corrected
# changes: Adam written the "efficient" way of the paper (the bias corrections folded into the learning rate and
# epsilon scaled to match, algebraically the same), momentum's velocity as np.add of two products
import numpy as np


def initialize_adam(parameters):
    state = {"t": 0, "m": {}, "v": {}}
    for name, value in parameters.items():
        state["m"]["d" + name] = 0.0 * np.asarray(value, dtype=float)
        state["v"]["d" + name] = 0.0 * np.asarray(value, dtype=float)
    return state


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    v = {d: np.add(beta * velocity[d], (1.0 - beta) * grads[d]) for d in velocity}
    return {k: w - learning_rate * v["d" + k] for k, w in parameters.items()}, v


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    m = {d: beta1 * state["m"][d] + (1 - beta1) * grads[d] for d in state["m"]}
    v = {d: beta2 * state["v"][d] + (1 - beta2) * grads[d] * grads[d] for d in state["v"]}
    c2 = np.sqrt(1 - beta2**t)
    step = learning_rate * c2 / (1 - beta1**t)
    new = {k: w - step * m["d" + k] / (np.sqrt(v["d" + k]) + epsilon * c2) for k, w in parameters.items()}
    return new, {"t": t, "m": m, "v": v}
