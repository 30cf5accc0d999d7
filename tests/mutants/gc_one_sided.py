# mutant: gradient_check
# expect: one_sided_difference
# changes: (J(theta + eps) - J(theta)) / eps
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    layer_dims = [parameters["W1"].shape[1], parameters["W1"].shape[0], parameters["W2"].shape[0]]
    theta = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients)
    approx = np.zeros_like(theta)
    def J(v):
        return compute_cost(forward_propagation(X, vector_to_dictionary(v, layer_dims))[0], Y)
    J0 = J(theta)
    for i in range(theta.shape[0]):
        plus = theta.copy()
        plus[i] += epsilon
        approx[i] = (J(plus) - J0) / epsilon
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))
