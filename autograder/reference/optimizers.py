"""Notebook 8: optimisers. Gradient descent with momentum and Adam, one step at a time, on any parameter dict.

Convention: ``parameters`` is ``{"W1", "b1", ..., "WL", "bL"}`` (any key order, any number of layers) and
``grads`` is ``{"dW1", "db1", ...}`` of the same shapes. An optimiser's memory is a *state*: for momentum the
velocity ``{"dW1": ..., ...}``, for Adam ``{"t": steps taken, "m": first moments, "v": second moments}``, each
moment dict keyed like ``grads``. Every step returns new dicts and leaves its arguments unchanged.

Every function is injectable (docs/design.md): only ``np`` and other student functions by bare name.
"""

import numpy as np


def initialize_adam(parameters):
    """Adam's starting state: t = 0 and zero moments keyed like the gradients.

    parameters: {"W<l>", "b<l>"} -> {"t": 0, "m": {"dW<l>": zeros, "db<l>": zeros}, "v": {... the same}}.
    """
    m = {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
    v = {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
    return {"t": 0, "m": m, "v": v}


def momentum_step(parameters, grads, velocity, learning_rate=0.01, beta=0.9):
    """One step of gradient descent with momentum (an exponentially weighted average of the gradients).

    velocity_new[d] = beta * velocity[d] + (1 - beta) * grads[d], parameter_new = parameter - learning_rate *
    velocity_new[d], for every parameter. -> (new parameters, new velocity), both new dicts.
    """
    new_velocity, new_parameters = {}, {}
    for name, value in parameters.items():
        d = "d" + name
        new_velocity[d] = beta * velocity[d] + (1 - beta) * grads[d]
        new_parameters[name] = value - learning_rate * new_velocity[d]
    return new_parameters, new_velocity


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam: moments of the gradient and of its square, corrected for their start at zero.

    t = state["t"] + 1; m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g**2; m_hat = m / (1 - beta1**t);
    v_hat = v / (1 - beta2**t); parameter_new = parameter - learning_rate * m_hat / (sqrt(v_hat) + epsilon).
    -> (new parameters, new state {"t", "m", "v"}), all new dicts.
    """
    t = state["t"] + 1
    m, v, new_parameters = {}, {}, {}
    for name, value in parameters.items():
        d = "d" + name
        m[d] = beta1 * state["m"][d] + (1 - beta1) * grads[d]
        v[d] = beta2 * state["v"][d] + (1 - beta2) * grads[d] ** 2
        m_hat = m[d] / (1 - beta1**t)
        v_hat = v[d] / (1 - beta2**t)
        new_parameters[name] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, {"t": t, "m": m, "v": v}
