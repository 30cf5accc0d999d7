# honest: optim_helpers
# changes: a helper for the exponentially weighted average shared by both optimisers, a loop over the gradient
# names instead of the parameter names, Adam's bias correction in a helper, np.power and np.divide
import numpy as np


def _ewa(old, new, beta):
    return beta * old + (1 - beta) * new


def _corrected(moment, beta, t):
    return np.divide(moment, 1 - np.power(beta, t))


def initialize_adam(parameters):
    zeros = lambda: {"d" + k: np.zeros(np.shape(w)) for k, w in parameters.items()}  # noqa: E731
    return {"t": 0, "m": zeros(), "v": zeros()}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    new_v = {d: _ewa(velocity[d], grads[d], beta) for d in grads}
    return {d[1:]: parameters[d[1:]] - learning_rate * new_v[d] for d in grads}, new_v


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    m = {d: _ewa(state["m"][d], grads[d], beta1) for d in grads}
    v = {d: _ewa(state["v"][d], np.power(grads[d], 2), beta2) for d in grads}
    new = {d[1:]: parameters[d[1:]] - learning_rate * _corrected(m[d], beta1, t)
           / (np.sqrt(_corrected(v[d], beta2, t)) + epsilon) for d in grads}
    return new, {"t": t, "m": m, "v": v}
