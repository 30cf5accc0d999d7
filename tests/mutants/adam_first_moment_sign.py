# mutant: adam_step
# expect: adam_first_moment_formula
# also: sign_flipped
# changes: the first moment subtracts the gradient's share: beta1 * m - (1 - beta1) * g
import numpy as np


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    m, v, new_parameters = {}, {}, {}
    for name in parameters:
        g = grads["d" + name]
        m["d" + name] = beta1 * state["m"]["d" + name] - (1 - beta1) * g
        v["d" + name] = beta2 * state["v"]["d" + name] + (1 - beta2) * g**2
        m_hat = m["d" + name] / (1 - beta1**t)
        v_hat = v["d" + name] / (1 - beta2**t)
        new_parameters[name] = parameters[name] - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, {"t": t, "m": m, "v": v}
