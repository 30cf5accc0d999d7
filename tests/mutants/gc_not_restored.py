# mutant: gradient_check
# expect: params_not_restored
# changes: nudges the caller's parameters and never puts them back
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    approx, grad = [], []
    for name in ["W1", "b1", "W2", "b2"]:
        P = parameters[name]
        for idx in np.ndindex(P.shape):
            P[idx] += epsilon
            J_plus = compute_cost(forward_propagation(X, parameters)[0], Y)
            P[idx] -= 2 * epsilon
            J_minus = compute_cost(forward_propagation(X, parameters)[0], Y)
            approx.append((J_plus - J_minus) / (2 * epsilon))
            grad.append(gradients["d" + name][idx])
    approx, grad = np.array(approx), np.array(grad)
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))
