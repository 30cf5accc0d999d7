# mutant: gradient_check
# expect: gc_layer_dims
# changes: layer_dims starts with W1's rows (n_1) instead of its columns (n_x)
import numpy as np


def gradient_check(X, Y, parameters, gradients, epsilon=1e-7):
    layer_dims = [parameters["W1"].shape[0], parameters["W1"].shape[0], parameters["W2"].shape[0]]
    theta = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients)
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        J_plus = compute_cost(forward_propagation(X, vector_to_dictionary(plus, layer_dims))[0], Y)
        J_minus = compute_cost(forward_propagation(X, vector_to_dictionary(minus, layer_dims))[0], Y)
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))
