# mutant: adam_step
# expect: adam_correction_multiplied
# changes: m_hat = m * (1 - beta1 ** t), the first moment's correction multiplied instead of divided
import numpy as np


def adam_step(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    t = state["t"] + 1
    new_p, m, v = {}, {}, {}
    for name in parameters:
        g = grads["d" + name]
        m["d" + name] = beta1 * state["m"]["d" + name] + (1 - beta1) * g
        v["d" + name] = beta2 * state["v"]["d" + name] + (1 - beta2) * g * g
        m_hat = m["d" + name] * (1 - beta1 ** t)
        v_hat = v["d" + name] / (1 - beta2 ** t)
        new_p[name] = parameters[name] - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_p, {"t": t, "m": m, "v": v}
