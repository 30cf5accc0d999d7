# honest: dict_gradient_check
# changes: gradient_check nudges the parameters dict in place and puts every value back exactly.
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    num, g_sq, a_sq = 0.0, 0.0, 0.0
    for name in parameters:
        P = parameters[name]
        for idx in np.ndindex(P.shape):
            old = P[idx]
            P[idx] = old + epsilon
            J_plus = compute_cost(forward_propagation(X, parameters)[0], Y)
            P[idx] = old - epsilon
            J_minus = compute_cost(forward_propagation(X, parameters)[0], Y)
            P[idx] = old
            approx = (J_plus - J_minus) / (2 * epsilon)
            g = gradients["d" + name][idx]
            num += (g - approx) ** 2
            g_sq += g**2
            a_sq += approx**2
    return np.sqrt(num) / (np.sqrt(g_sq) + np.sqrt(a_sq))
