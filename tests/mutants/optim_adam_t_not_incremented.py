# mutant: adam_step
# expect: adam_t_not_incremented
# changes: the bias correction uses state["t"] and the state keeps it (the increment forgotten)
import numpy as np


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"]
    m = {d: beta1 * state["m"][d] + (1 - beta1) * grads[d] for d in grads}
    v = {d: beta2 * state["v"][d] + (1 - beta2) * grads[d] ** 2 for d in grads}
    new = {k: w - learning_rate * (m["d" + k] / (1 - beta1**t)) / (np.sqrt(v["d" + k] / (1 - beta2**t)) + epsilon)
           for k, w in parameters.items()}
    return new, {"t": t, "m": m, "v": v}
